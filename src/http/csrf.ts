// The header a request must carry for yoga's CSRF prevention (server.ts); the CLI's writes
// through the API send it too (cli/api-writer.ts).
export const CSRF_HEADER = 'x-graphql-csrf';
