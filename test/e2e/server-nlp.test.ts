// The API as a process with CGRAPH_NLP=start: it answers at once, starts its own CoreNLP in the
// background (/healthz says so), drafts from the parse once it is ready, and stops it on SIGTERM.
import { describe, expect, it } from 'vitest';
import * as launcher from '../../tools/corenlp-local/launcher.mjs';
import { API_NLP_NAME } from '../../src/services/nlp-service.ts';
import { CORENLP_START_LIMIT_MS } from '../support/corenlp.ts';
import { post, startServer } from '../support/server-process.ts';

const health = async (url: string) => (await (await fetch(`${url}/healthz`)).json()) as { status: string; nlp: { state: string; url?: string } };

describe.skipIf(!process.env.CI && !launcher.isBuilt())('the API starting its own CoreNLP', () => {
  it('reports starting, then ready; drafts from the parse; stops the server it started on SIGTERM', { timeout: CORENLP_START_LIMIT_MS + 60_000 }, async (context) => {
    // A server under the default name (npm run nlp:start) is the one the API would use instead of
    // starting its own; CI starts its server under another name, so this never skips there.
    if (launcher.runningState() && !process.env.CI) return context.skip('npm run nlp:start is running: the API would use it');
    expect(launcher.runningState(), 'a CoreNLP under the default name runs: the API would use it').toBeUndefined();
    const server = await startServer({ CGRAPH_NLP: 'start', CGRAPH_NLP_URL: '', CGRAPH_SEEDS_DIR: 'none' });
    try {
      const first = await health(server.url);
      expect(first.status).toBe('ok');
      expect(['starting', 'ready']).toContain(first.nlp.state);
      const deadline = Date.now() + CORENLP_START_LIMIT_MS;
      let state = first.nlp.state;
      while (state === 'starting' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 1000));
        state = (await health(server.url)).nlp.state;
      }
      expect(state).toBe('ready');
      expect(launcher.runningState(API_NLP_NAME)).toBeDefined();
      const drafted = await post(server.url, '{ draftDossier(text: "France pledged to send two frigates to the mission.") { drafter warnings candidates { type from } } }');
      const draft = (drafted.body.data as { draftDossier: { drafter: string; candidates: { type: string; from: string }[] } } | undefined)?.draftDossier;
      expect(draft?.drafter).toBe('parse');
      expect(draft?.candidates).toContainEqual({ type: 'PLEDGED', from: 'state:FRA' });
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
    expect(launcher.runningState(API_NLP_NAME)).toBeUndefined();
  });
});
