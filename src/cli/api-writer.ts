// Sends a CLI command's write through the API that holds the embedded store's data folder (one
// writer per folder), authenticated with CGRAPH_API_KEY. Errors come back as the coded errors
// the command would have thrown itself, so exit codes and messages stay the same.
import { DomainError, ValidationError, type Problem } from '../domain/errors.ts';
import { CSRF_HEADER } from '../http/csrf.ts';

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; problems?: Problem[]; [key: string]: unknown } }[];
}

export class ApiWriter {
  constructor(
    readonly url: string,
    private readonly key: string,
  ) {}

  async request<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.key}`, [CSRF_HEADER]: 'cgraph' },
        body: JSON.stringify({ query, variables }),
      });
    } catch (error) {
      throw new DomainError('STORE_UNAVAILABLE', `the API holding the data folder does not answer at ${this.url} (${(error as Error).message}); start it again, or stop it for good so the lock frees`, { url: this.url });
    }
    const answer = (await response.json().catch(() => ({}))) as GraphQLAnswer<T>;
    const error = answer.errors?.[0];
    if (error) {
      const { code = 'INTERNAL_SERVER_ERROR', problems, ...details } = error.extensions ?? {};
      if (problems) throw new ValidationError(problems, 'input');
      throw new DomainError(code === 'INTERNAL_SERVER_ERROR' ? 'STORE_UNAVAILABLE' : code, `${error.message} (answered by the API at ${this.url})`, details);
    }
    if (!response.ok || !answer.data) throw new DomainError('STORE_UNAVAILABLE', `the API at ${this.url} answered ${response.status} without data`, { url: this.url, status: response.status });
    return answer.data;
  }
}

/** The counts a write reports, as the API's LoadReport selects them. */
export const LOAD_REPORT_FIELDS =
  'nodesCreated nodesUpdated nodesUnchanged nodesRemoved relationshipsCreated relationshipsUpdated relationshipsUnchanged relationshipsRemoved statementsAdded statementsChanged statementsRemoved versionsAdded';
