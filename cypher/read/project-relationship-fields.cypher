// A relationship for a lean request that names the fields it reads (ReadRequest.fields): only those
// properties, so Neo4j reads and sends nothing else. {FIELDS} is `, .key` for each, the keys taken
// from records.ts's allow-list (selectedKeys).
r {.id{FIELDS}}
