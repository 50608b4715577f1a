// Remove every relationship in chunks (runs in an auto-commit transaction). Runs before
// store/delete-all: detaching hub nodes would put most of a large graph's relationships into one
// inner transaction (a million of them exhausted a 1 GB heap).
MATCH ()-[r]->()
CALL (r) {
  DELETE r
} IN TRANSACTIONS OF 10000 ROWS
