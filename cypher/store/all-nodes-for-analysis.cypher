// Every node as the analysis graph keeps it: a source without its article text.
MATCH (n:Entity)
RETURN n {.*, text: null} AS node
