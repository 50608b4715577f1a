// npm run neo4j:stop: stop the Neo4j that neo4j:start started.
import { stop } from './launcher.mjs';

console.log((await stop()) ? 'Neo4j stopped' : 'no Neo4j was started by neo4j:start');
