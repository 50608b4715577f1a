// How two actors are connected: one shortest path in either direction (:param fromId => 'state:ITA', :param toId => 'state:RUS').
// @param fromId where the path starts
// @param toId where it ends
MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId})
MATCH path = shortestPath((a)-[*..8]-(b))
RETURN path, [r IN relationships(path) | type(r)] AS types, [n IN nodes(path) | n.name] AS names
