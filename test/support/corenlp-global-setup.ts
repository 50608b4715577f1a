// Stops the CoreNLP server a test file started for the run (test/support/corenlp.ts), if one did:
// starting it is left to the files that need it, so a run without them never pays for the JVM.
import { TEST_NLP_NAME } from './corenlp.ts';

export default function setup(): () => Promise<void> {
  return async () => {
    const launcher = await import('../../tools/corenlp-local/launcher.mjs');
    await launcher.stop({ name: TEST_NLP_NAME });
  };
}
