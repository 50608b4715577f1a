// A part: nodes for a list of ids (missing ones are absent).
// @param ids list of node ids
CALL () {
  UNWIND $ids AS id
  MATCH (n:Entity {id: id})
  RETURN {nodes: collect(properties(n))} AS part
}
