// Every statement with its grades, as the API shows them beside each quote: the source's outlet,
// that outlet's reliability (A–F; null: ungraded) and the statement's credibility (1–6; '':
// ungraded). F and 6 mean "cannot be judged", not "worst". Graded statements first. A fact of one
// statement holds its values as scalars (stmtSource, stmtGrade, stmtState), the others as lists.
MATCH (a:Entity)-[r]->(b:Entity)
UNWIND range(0, coalesce(size(r.stmtSources), 1) - 1) AS i
MATCH (s:Source {id: coalesce(r.stmtSources[i], r.stmtSource)})
OPTIONAL MATCH (o:Outlet {id: s.outlet})
WITH type(r) AS type, a.name AS from, b.name AS to, s.id AS source, s.outlet AS outlet, o.reliability AS reliability,
  coalesce(r.stmtCredibility[i], r.stmtGrade, '') AS credibility, coalesce(r.stmtReview[i], r.stmtState) AS review
RETURN type, from, to, source, outlet, reliability, credibility, review
ORDER BY reliability IS NULL, credibility = '', type, from, to, source
LIMIT 200
