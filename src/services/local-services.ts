// The local Java services the project starts itself (the embedded Neo4j of tools/neo4j-local/,
// Stanford CoreNLP's server of tools/corenlp-local/), as src reaches them: through this module only, so
// that store, ingest and CLI code depend neither on where the launchers live nor on how they run.
import { join } from 'node:path';
import * as neo4jLauncher from '../../tools/neo4j-local/launcher.mjs';
import * as coreNlpLauncher from '../../tools/corenlp-local/launcher.mjs';

export type { LauncherState as LocalNeo4jState } from '../../tools/neo4j-local/launcher.mjs';
export type { LauncherState as LocalCoreNlpState } from '../../tools/corenlp-local/launcher.mjs';

/** One launcher's life cycle: a Maven build, a process under a name (its state file), a port. */
export interface LocalJavaService<StartOptions, State> {
  isBuilt(): boolean;
  /** Builds it with Maven; throws with Maven's output when that fails. */
  build(): void;
  /** Starts it (building first if need be) and resolves once it said it was ready; one already running under the name is returned as is. */
  start(options?: StartOptions): Promise<State>;
  /** Stops the one running under the name; false when none was recorded. */
  stop(options?: { name?: string; graceMs?: number }): Promise<boolean>;
  /** The recorded state of the one running under `name`, when its process is alive. */
  runningState(name?: string): State | undefined;
  /** The built service's libraries, as a Java class path entry (other tools of the same distribution run from it). */
  libraryClassPath: string;
}

export const localNeo4j: LocalJavaService<Parameters<typeof neo4jLauncher.start>[0], neo4jLauncher.LauncherState> & { freePort(): Promise<number> } = {
  isBuilt: neo4jLauncher.isBuilt,
  build: neo4jLauncher.build,
  start: neo4jLauncher.start,
  stop: neo4jLauncher.stop,
  runningState: neo4jLauncher.runningState,
  libraryClassPath: join(neo4jLauncher.toolDir, 'target', 'lib', '*'),
  freePort: neo4jLauncher.freePort,
};

/** Stanford CoreNLP's server on 127.0.0.1, the drafter's annotators preloaded; its state's `uri` is what CGRAPH_NLP_URL takes. */
export const localCoreNlp: LocalJavaService<Parameters<typeof coreNlpLauncher.start>[0], coreNlpLauncher.LauncherState> & { freePort(): Promise<number> } = {
  isBuilt: coreNlpLauncher.isBuilt,
  build: coreNlpLauncher.build,
  start: coreNlpLauncher.start,
  stop: coreNlpLauncher.stop,
  runningState: coreNlpLauncher.runningState,
  libraryClassPath: join(coreNlpLauncher.toolDir, 'target', 'lib', '*'),
  freePort: coreNlpLauncher.freePort,
};
