// The sources whose outlet has one of some reliability grades (what a reliability filter matches).
// @param grades list of reliability grades (A–F)
MATCH (o:Outlet)
WHERE o.reliability IN $grades
MATCH (s:Source {outlet: o.id})
RETURN s.id AS id
