// The files the API serves beside GraphQL: the dashboard (dashboard-files.ts) and the Neo4j
// Browser kit (browser-kit.ts), answered before GraphQL sees the request.
import type { Plugin } from 'graphql-yoga';
import { BROWSER_KIT_PATH, browserKitResponse } from './browser-kit.ts';
import { DASHBOARD_DIR, dashboardResponse, isDashboardRequest, type StaticResponse } from './dashboard-files.ts';
import type { OwnAnswers } from './http-plugins.ts';

export interface StaticFilesOptions {
  /** The built dashboard (default: dist/dashboard); tests pass a folder of their own. */
  dashboardDir?: string;
}

export function staticFilesPlugin(options: StaticFilesOptions, answers: OwnAnswers): Plugin {
  const dashboardDir = options.dashboardDir ?? DASHBOARD_DIR;
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      const page = staticResponse(request, url, dashboardDir);
      if (!page) return;
      // A 204 may carry no body at all, not even an empty one (the Fetch API refuses it).
      const body = page.status === 204 ? null : typeof page.body === 'string' ? page.body : new Uint8Array(page.body);
      answers.end(request, endResponse, new fetchAPI.Response(body, { status: page.status, headers: page.headers }));
    },
  };
}

function staticResponse(request: Request, url: URL, dashboardDir: string): StaticResponse | undefined {
  const pathAndQuery = `${url.pathname}${url.search}`;
  if (isDashboardRequest(request.method, url.pathname)) return dashboardResponse(request.method, pathAndQuery, dashboardDir);
  if (url.pathname.startsWith(BROWSER_KIT_PATH)) return browserKitResponse(request.method, pathAndQuery, request.headers.get('access-control-request-headers') ?? undefined);
  return undefined;
}
