// An actor and everything within two hops, as a picture (:param actorId => 'state:ITA').
// @param actorId the node's id
MATCH path = (actor:Entity {id: $actorId})-[*1..2]-(:Entity)
RETURN path
LIMIT 300
