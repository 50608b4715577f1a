// npm run neo4j:start [-- --port N --data DIR --http-port N | --no-browser --host H --password P]:
// start Neo4j in the background; with Neo4j Browser on 127.0.0.1:7474 unless --no-browser.
// `--help` prints this and starts nothing.
import { start } from './launcher.mjs';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
if (args.includes('--help') || args.includes('-h')) {
  console.log(`Usage: npm run neo4j:start [-- --port N] [--data DIR] [--http-port N | --no-browser] [--host H] [--password P]

Starts Neo4j (built by Maven on first use) in the background and prints its bolt URI;
npm run neo4j:stop stops it. Started twice, it answers with the one already running.

  --port N        bolt port (default 7687, or NEO4J_LOCAL_PORT)
  --data DIR      where the database lives (default: a temporary folder, deleted on stop)
  --http-port N   Neo4j Browser's port (default 7474, or NEO4J_LOCAL_HTTP_PORT)
  --no-browser    no Neo4j Browser (or NEO4J_LOCAL_BROWSER=off)
  --host H        the address to listen on (default 127.0.0.1)
  --password P    turn authentication on with this password (or NEO4J_LOCAL_PASSWORD)

The API and cgraph use it through NEO4J_URI=bolt://127.0.0.1:<port>.`);
  process.exit(0);
}
const browser = !args.includes('--no-browser') && process.env.NEO4J_LOCAL_BROWSER !== 'off';
try {
  const state = await start({
    port: Number(option('--port') ?? process.env.NEO4J_LOCAL_PORT ?? 7687),
    dataDir: option('--data'),
    httpPort: browser ? Number(option('--http-port') ?? process.env.NEO4J_LOCAL_HTTP_PORT ?? 7474) : undefined,
    host: option('--host'),
    password: option('--password') ?? process.env.NEO4J_LOCAL_PASSWORD,
    detached: true,
  });
  console.log(`Neo4j ready at ${state.uri} (pid ${state.pid}, started in ${state.startupMs} ms); export NEO4J_URI=${state.uri}`);
  if (state.browserUrl) {
    console.log(`Neo4j Browser: ${state.browserUrl}`);
    console.log(`  connects to ${state.uri}, loads the style and plays the guide (served from ${state.kitUrl})`);
  }
  process.exit(0);
} catch (error) {
  console.error(`neo4j:start: ${error.message}`);
  process.exit(1);
}
