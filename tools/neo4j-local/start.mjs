// npm run neo4j:start [-- --port N --data DIR]: start the embedded Neo4j in the background.
import { start } from './launcher.mjs';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
try {
  const state = await start({ port: Number(option('--port') ?? process.env.NEO4J_LOCAL_PORT ?? 7687), dataDir: option('--data'), detached: true });
  console.log(`Neo4j ready at ${state.uri} (pid ${state.pid}, started in ${state.startupMs} ms); export NEO4J_URI=${state.uri}`);
  process.exit(0);
} catch (error) {
  console.error(`neo4j:start: ${error.message}`);
  process.exit(1);
}
