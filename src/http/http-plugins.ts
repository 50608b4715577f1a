// The HTTP side of the API as yoga plugins, in the order a request meets them: /healthz, the
// static files, GraphQL's CORS, the body limits. createServer puts them before every other plugin
// and turns yoga's own CORS off, since yoga would otherwise answer preflights before them.
import { useCORS } from '@whatwg-node/server';
import type { Plugin } from 'graphql-yoga';
import type { ApiKey } from '../config.ts';
import { bodyLimitsPlugin } from './body-limits.ts';
import { healthPlugin, type ServerHealth } from './health.ts';
import { staticFilesPlugin, type StaticFilesOptions } from './static-files.ts';

export interface HttpPluginsOptions extends StaticFilesOptions {
  apiKeys: readonly ApiKey[];
  /** What /healthz reports; without it (tests of other things) there is no /healthz. */
  health?: ServerHealth;
  storeKind: string;
}

/**
 * The requests answered here rather than by GraphQL. Their answers carry the headers they set
 * and no others: yoga's CORS headers (any origin, with credentials) are for the API alone.
 */
export class OwnAnswers {
  private readonly requests = new WeakSet<Request>();

  end(request: Request, endResponse: (response: Response) => void, response: Response): void {
    this.requests.add(request);
    endResponse(response);
  }

  has(request: Request): boolean {
    return this.requests.has(request);
  }
}

export function httpPlugins(options: HttpPluginsOptions): Plugin[] {
  const answers = new OwnAnswers();
  return [
    ...(options.health ? [healthPlugin(options.health, options.storeKind, answers)] : []),
    staticFilesPlugin(options, answers),
    graphqlCors(answers),
    bodyLimitsPlugin(options.apiKeys, answers),
  ];
}

/** yoga's default CORS (preflights answered, the caller's origin allowed), for every answer but ours. */
function graphqlCors(answers: OwnAnswers): Plugin {
  const cors = useCORS();
  return {
    onRequest: (payload) => cors.onRequest?.(payload),
    onResponse: (payload) => (answers.has(payload.request) ? undefined : cors.onResponse?.(payload)),
  };
}
