// Ends a listing part: the page (one row more than asked tells there is a next page), in id order.
// @param limit page size + 1
  WITH a, r, b ORDER BY r.id LIMIT $limit
  RETURN {items: collect({rel: properties(r), type: type(r), from: a.id, to: b.id})} AS part
}
