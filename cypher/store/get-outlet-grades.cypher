// The reliability of the graded outlets among some; ungraded ones return no row.
// @param outlets list of outlet ids
MATCH (o:Outlet)
WHERE o.id IN $outlets AND o.reliability IS NOT NULL
RETURN o.id AS outlet, o.reliability AS reliability
