// Ends a match-by-type branch of a count: every match of that type (branches join with UNION ALL).
RETURN a, r, b
