// Remove every source version in chunks (runs in an auto-commit transaction), for a reset.
MATCH (v:SourceVersion)
CALL (v) {
  DELETE v
} IN TRANSACTIONS OF 10000 ROWS
