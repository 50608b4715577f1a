// Ends a listing part: the page (one row more than asked tells there is a next page), in id order;
// {REL} is read/project-relationship or its lean variant.
// @param limit page size + 1
  WITH a, r, b ORDER BY r.id LIMIT $limit
  RETURN {items: collect({rel: {REL}, type: type(r), from: a.id, to: b.id})} AS part
}
