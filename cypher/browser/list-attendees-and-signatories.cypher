// Who hosted and attended an event, and who signed what it produced (:param eventId => 'event:2026-01-06-paris-summit').
// Only relationships that hold: some statement a person has not disputed asserts them (sourceCount > 0).
// @param eventId the Event's id
MATCH (event:Event {id: $eventId})
OPTIONAL MATCH (present:Entity)-[took:HOSTED|ATTENDED]->(event)
WHERE took.sourceCount > 0
WITH event, collect(DISTINCT {who: present.name, how: type(took), role: took.role}) AS attendance
OPTIONAL MATCH (event)-[produced:PRODUCED]->(agreement:Agreement)<-[signed:SIGNED]-(signatory:Entity)
WHERE produced.sourceCount > 0 AND signed.sourceCount > 0
RETURN event.name AS event, attendance, agreement.name AS agreement, collect(signatory.name) AS signatories
