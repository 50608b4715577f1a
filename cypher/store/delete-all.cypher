// Remove the whole graph in chunks (runs in an auto-commit transaction, after
// store/delete-relationships has removed the relationships chunk by chunk).
MATCH (n:Entity)
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 10000 ROWS
