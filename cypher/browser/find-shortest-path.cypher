// How two actors are connected: one shortest path in either direction (:param fromId => 'state:ITA', :param toId => 'state:RUS').
// Only relationships that hold: some statement a person has not disputed asserts them (sourceCount > 0).
// @param fromId where the path starts
// @param toId where it ends
MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId})
MATCH path = shortestPath((a)-[*..8]-(b))
WHERE all(r IN relationships(path) WHERE r.sourceCount > 0)
RETURN path, [r IN relationships(path) | type(r)] AS types, [n IN nodes(path) | n.name] AS names
