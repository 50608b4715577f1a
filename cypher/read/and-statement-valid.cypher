// Within where-statement: the same statement is valid on the day ('' is an open end).
// @param asOf a full date YYYY-MM-DD
 AND (r.stmtFrom[i] = '' OR r.stmtFrom[i] <= $asOf) AND (r.stmtTo[i] = '' OR r.stmtTo[i] >= $asOf)
