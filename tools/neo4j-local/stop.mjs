// npm run neo4j:stop: stop the Neo4j that neo4j:start started; `--help` prints this and stops nothing.
import { stop } from './launcher.mjs';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(`Usage: npm run neo4j:stop

Stops the Neo4j that npm run neo4j:start started (the pid in .neo4j-local/default.json), waiting
for it to shut down cleanly; says so when none was started.`);
  process.exit(0);
}
console.log((await stop()) ? 'Neo4j stopped' : 'no Neo4j was started by neo4j:start');
