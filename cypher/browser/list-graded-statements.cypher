// Every statement with its grades, as the API shows them beside each quote: the source's outlet,
// that outlet's reliability (A–F; null: ungraded) and the statement's credibility (1–6; '':
// ungraded). F and 6 mean "cannot be judged", not "worst". Graded statements first.
MATCH (a:Entity)-[r]->(b:Entity)
UNWIND range(0, size(r.stmtSources) - 1) AS i
MATCH (s:Source {id: r.stmtSources[i]})
OPTIONAL MATCH (o:Outlet {id: s.outlet})
WITH type(r) AS type, a.name AS from, b.name AS to, s.id AS source, s.outlet AS outlet, o.reliability AS reliability,
  coalesce(r.stmtCredibility[i], '') AS credibility, r.stmtReview[i] AS review
RETURN type, from, to, source, outlet, reliability, credibility, review
ORDER BY reliability IS NULL, credibility = '', type, from, to, source
LIMIT 200
