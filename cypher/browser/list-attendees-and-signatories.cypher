// Who hosted and attended an event, and who signed what it produced (:param eventId => 'event:2026-01-06-paris-summit').
// @param eventId the Event's id
MATCH (event:Event {id: $eventId})
OPTIONAL MATCH (present:Entity)-[took:HOSTED|ATTENDED]->(event)
WITH event, collect(DISTINCT {who: present.name, how: type(took), role: took.role}) AS attendance
OPTIONAL MATCH (event)-[:PRODUCED]->(agreement:Agreement)<-[:SIGNED]-(signatory:Entity)
RETURN event.name AS event, attendance, agreement.name AS agreement, collect(signatory.name) AS signatories
