// Every refusal: who refused what, how firmly, and the quotes it rests on.
MATCH (actor:Actor)-[r:REFUSED]->(target:Entity)
RETURN actor.name AS actor, r.action AS refused, target.name AS target, r.firmness AS firmness, r.quotes AS quotes
ORDER BY actor, refused
