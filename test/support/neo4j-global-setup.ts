// Provides a real Neo4j to the tests: NEO4J_URI when set, else testcontainers when a Docker
// engine answers, else the embedded launcher (tools/neo4j-local). With CI set, failing to get
// one fails the run: the Neo4j tests never skip in CI.
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string | null;
    neo4jHow: string;
    neo4jPassword: string;
  }
}

async function dockerAnswers(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await Promise.race([getContainerRuntimeClient(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 5000))]);
    return true;
  } catch {
    return false;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  project.provide('neo4jPassword', process.env.NEO4J_PASSWORD ?? '');
  if (process.env.NEO4J_URI) {
    project.provide('neo4jUri', process.env.NEO4J_URI);
    project.provide('neo4jHow', 'NEO4J_URI');
    return async () => undefined;
  }
  try {
    if (await dockerAnswers()) {
      const { Neo4jContainer } = await import('@testcontainers/neo4j');
      const container = await new Neo4jContainer('neo4j:5.26-community').withPassword('commitment-graph').start();
      project.provide('neo4jPassword', container.getPassword());
      project.provide('neo4jUri', container.getBoltUri());
      project.provide('neo4jHow', 'testcontainers');
      return async () => void (await container.stop());
    }
    const launcher = await import('../../tools/neo4j-local/launcher.mjs');
    const port = 17687 + Math.floor(Math.random() * 1000);
    const state = await launcher.start({ name: 'vitest', port });
    project.provide('neo4jUri', state.uri);
    project.provide('neo4jHow', `launcher (started in ${state.startupMs} ms)`);
    return async () => void (await launcher.stop({ name: 'vitest' }));
  } catch (error) {
    if (process.env.CI) throw new Error(`CI needs a Neo4j and none could be had: ${(error as Error).message}`);
    console.warn(`No Neo4j for the tests (${(error as Error).message}); Neo4j tests will be skipped. Set NEO4J_URI or install Java and Maven.`);
    project.provide('neo4jUri', null);
    project.provide('neo4jHow', 'none');
    return async () => undefined;
  }
}
