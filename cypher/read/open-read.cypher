// Opens a compiled read (src/store/neo4j/read-compiler.ts): the graph version before any part runs,
// and the list the parts append their results to. read/close-read reads the version again.
OPTIONAL MATCH (openMeta:GraphMeta {key: 'graph'})
WITH coalesce(openMeta.version, 0) AS versionBefore, [] AS parts
