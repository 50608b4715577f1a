// Waits until every index (and every constraint's index) is online: after cgraph load --initial
// they are populated from the imported data. Fails after 30 minutes.
CALL db.awaitIndexes(1800)
