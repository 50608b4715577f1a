// Within where-statement: the same statement is valid on the day ('' or no list is an open end:
// a list of one '' is not stored, records.ts; a lone statement's are stmtValidFrom and stmtValidTo).
// @param asOf a full date YYYY-MM-DD
 AND coalesce(r.stmtFrom[i], r.stmtValidFrom, '') <= $asOf AND (coalesce(r.stmtTo[i], r.stmtValidTo, '') = '' OR coalesce(r.stmtTo[i], r.stmtValidTo) >= $asOf)
