// A CoreNLP server for the tests that need one, started lazily (a 2 GB JVM that takes a minute is
// not started for runs that do not ask): CGRAPH_NLP_URL when set, else one launcher under the name
// "vitest-nlp" shared by every file of the run, which corenlp-global-setup.ts stops at the end.
import { timeLimit } from './time-limits.ts';

export const TEST_NLP_NAME = 'vitest-nlp';

/** How long a first start may take (a Maven download of about 500 MB, then loading the models). */
export const CORENLP_START_LIMIT_MS = timeLimit(300_000);

/**
 * The URL of a CoreNLP server, or null (with a warning) when none can be had outside CI — no Java
 * or Maven on this machine. In CI failing to get one fails: the CoreNLP tests never skip there.
 */
export async function corenlpForTests(): Promise<string | null> {
  if (process.env.CGRAPH_NLP_URL) return process.env.CGRAPH_NLP_URL;
  const launcher = await import('../../tools/corenlp-local/launcher.mjs');
  try {
    const state = launcher.runningState(TEST_NLP_NAME) ?? (await launcher.start({ name: TEST_NLP_NAME, port: await launcher.freePort(), timeoutMs: CORENLP_START_LIMIT_MS }));
    return state.uri;
  } catch (error) {
    if (process.env.CI) throw new Error(`CI needs a CoreNLP server and none could be had: ${(error as Error).message}`);
    console.warn(`No CoreNLP for the tests (${(error as Error).message}); CoreNLP tests will be skipped. Set CGRAPH_NLP_URL or install Java and Maven.`);
    return null;
  }
}
