// An actor and everything within two hops, as a picture (:param actorId => 'state:ITA').
// Only relationships that hold: some statement a person has not disputed asserts them (sourceCount > 0).
// @param actorId the node's id
MATCH path = (actor:Entity {id: $actorId})-[*1..2]-(:Entity)
WHERE all(r IN relationships(path) WHERE r.sourceCount > 0)
RETURN path
LIMIT 300
