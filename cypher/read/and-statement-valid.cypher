// Within where-statement: the same statement is valid on the day ('' or no list is an open end:
// a list of one '' is not stored, records.ts).
// @param asOf a full date YYYY-MM-DD
 AND (coalesce(r.stmtFrom[i], '') = '' OR r.stmtFrom[i] <= $asOf) AND (coalesce(r.stmtTo[i], '') = '' OR r.stmtTo[i] >= $asOf)
