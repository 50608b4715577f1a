// cgraph path | paths | neighbours | central | blocs | scenario | tensions | search | export:
// relationship questions over a Graphology snapshot of the configured store. Names or ids are
// accepted. Options go as typed to src/analysis, whose option schemas check them and supply the
// defaults shown in --help; a wrong one exits 2 naming the flag and what it takes.
import type { Command } from 'commander';
import { centrality } from '../../analysis/centrality.ts';
import { communities } from '../../analysis/communities.ts';
import { EXPORT_FORMATS, exportGraph, type ExportFormat } from '../../analysis/export.ts';
import { storeLines } from '../../ingest/graph-lines.ts';
import { buildGraph, graphAsOf, type CommitmentGraph } from '../../analysis/graph-view.ts';
import { neighbourhood } from '../../analysis/neighbourhood.ts';
import {
  ALLOWED,
  CentralityOptions,
  CommunitiesOptions,
  MAX_DEPTH,
  MAX_SUBGRAPH_NODES,
  MAX_SUBGRAPH_RELATIONSHIPS,
  MAX_PATH_LENGTH,
  MAX_PATHS,
  MAX_RANKED,
  MAX_SEARCH,
  NeighbourhoodOptions,
  parseOptions,
  PathsOptions,
  SearchOptions,
  TensionsOptions,
} from '../../analysis/options.ts';
import { allPaths, shortestPath, type Path } from '../../analysis/paths.ts';
import { scenario } from '../../analysis/scenario.ts';
import { findTensions } from '../../analysis/tensions.ts';
import { DomainError, OptionError } from '../../domain/errors.ts';
import { isCommitment, type Commitment, type GraphRelationship } from '../../domain/model.ts';
import type { GraphStore } from '../../store/graph-store.ts';
import { print, usageError, wholeNumber, withStore, writeLines } from '../runtime.ts';

/** An id, or a name or alias that names exactly one node. */
export async function resolveNode(store: GraphStore, text: string): Promise<string> {
  const [byId] = await store.getNodes([text]);
  if (byId) return byId.id;
  const needle = text.trim().toLowerCase();
  const matches = await store.searchNodes(text, undefined, 20);
  const exact = matches.filter((n) => [n.name, ...n.aliases].some((s) => s.toLowerCase() === needle));
  const candidates = exact.length ? exact : matches;
  if (candidates.length === 1) return (candidates[0] as { id: string }).id;
  if (candidates.length === 0) throw new DomainError('UNKNOWN_NAME', `nothing is called "${text}"; try cgraph search "${text.slice(0, 3)}" or an id such as state:ITA`);
  throw new DomainError('AMBIGUOUS_NAME', `"${text}" could be ${candidates.slice(0, 8).map((n) => `${n.id} (${n.name})`).join(', ')}; use an id`);
}

/**
 * A commitment named on the command line: its relationship id, or "<actor> <TYPE> [words of its
 * action]" ("USA PLEDGED security guarantees") naming exactly one commitment.
 */
export async function resolveCommitment(graph: CommitmentGraph, store: GraphStore, text: string): Promise<string> {
  if (graph.hasEdge(text)) return text;
  const match = /^(.+?)\s+(PLEDGED|REFUSED|WARNED)\b\s*(.*)$/i.exec(text.trim());
  if (!match) throw new DomainError('UNKNOWN_COMMITMENT', `"${text}" is neither a relationship id nor "<actor> <PLEDGED|REFUSED|WARNED> [words of its action]"`);
  const [, actorText = '', type = '', words = ''] = match;
  const actor = await resolveNode(store, actorText);
  const needle = words.trim().toLowerCase();
  const candidates = graph
    .mapOutEdges(actor, (_edge, rel) => rel)
    .filter((rel): rel is Commitment => isCommitment(rel) && rel.type === type.toUpperCase() && rel.action.toLowerCase().includes(needle));
  if (candidates.length === 1) return (candidates[0] as Commitment).id;
  if (candidates.length === 0) throw new DomainError('UNKNOWN_COMMITMENT', `${actor} ${type.toUpperCase()} nothing whose action contains "${words}"`);
  throw new DomainError('AMBIGUOUS_COMMITMENT', `"${text}" could be ${candidates.map((c) => `${c.id} (${c.action})`).join(', ')}; add words of the action or use an id`);
}

async function withGraph(work: (graph: CommitmentGraph, store: GraphStore) => Promise<void>): Promise<void> {
  await withStore(async (store) => work(buildGraph(await store.snapshot()), store));
}

function describeRelationship(graph: CommitmentGraph, rel: GraphRelationship): string {
  const what = isCommitment(rel) ? `${rel.type} (${rel.action})` : rel.role || rel.claim ? `${rel.type} (${rel.role ?? rel.claim})` : rel.type;
  return `${graph.getNodeAttribute(rel.from, 'name')} -[${what}]-> ${graph.getNodeAttribute(rel.to, 'name')}`;
}

function describePath(graph: CommitmentGraph, path: Path): string {
  const lines = [`${path.length} step(s): ${path.nodes.map((n) => n.name).join(' → ')}`];
  for (const rel of path.relationships) lines.push(`  ${describeRelationship(graph, rel)}\n    “${rel.evidence[0]?.quote ?? ''}”`);
  return lines.join('\n');
}

/** Runs `parse`, naming the option its flag's way where the flag's name differs from the schema's. */
function renamingOption<T>(option: string, flag: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof OptionError && error.option === option) throw new OptionError(flag, error.expected, error.got);
    throw error;
  }
}

const list = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];

/** The option schemas' defaults, shown in --help (the schemas are the one place they are set). */
const defaults = {
  paths: PathsOptions.parse({}),
  neighbourhood: NeighbourhoodOptions.parse({}),
  centrality: CentralityOptions.parse({}),
  communities: CommunitiesOptions.parse({}),
  search: SearchOptions.parse({ text: 'x' }),
};
const TYPES_HELP = 'only these relationship types (comma-separated; e.g. PLEDGED,REFUSED)';
const AS_OF_HELP = 'only relationships valid on this date (YYYY, YYYY-MM or YYYY-MM-DD)';
const DIRECTION_HELP = `${ALLOWED.direction.join(', ')} (default ANY)`;

export function registerAnalysisCommands(program: Command): void {
  program
    .command('path')
    .description('the shortest connection between two actors (names or ids), with the evidence of each step')
    .argument('<from>')
    .argument('<to>')
    .option('--types <types>', TYPES_HELP, list)
    .option('--direction <direction>', DIRECTION_HELP)
    .option('--as-of <date>', AS_OF_HELP)
    .option('--json', 'print JSON')
    .action(async (fromText: string, toText: string, { json, ...options }: { types?: string[]; direction?: string; asOf?: string; json?: boolean }) => {
      await withGraph(async (graph, store) => {
        const [from, to] = [await resolveNode(store, fromText), await resolveNode(store, toText)];
        const path = shortestPath(graph, from, to, options);
        print({ json: !!json }, path ? describePath(graph, path) : `no path from ${from} to ${to}`, path);
        if (!path) process.exitCode = 1;
      });
    });

  program
    .command('paths')
    .description('all simple paths up to a length, shortest first')
    .argument('<from>')
    .argument('<to>')
    .option('--max-length <n>', `at most this many steps (1-${MAX_PATH_LENGTH}, default ${defaults.paths.maxLength})`)
    .option('--limit <n>', `at most this many paths (1-${MAX_PATHS}, default ${defaults.paths.limit})`)
    .option('--types <types>', TYPES_HELP, list)
    .option('--direction <direction>', DIRECTION_HELP)
    .option('--as-of <date>', AS_OF_HELP)
    .option('--json', 'print JSON')
    .action(async (fromText: string, toText: string, { json, ...options }: { maxLength?: string; limit?: string; types?: string[]; direction?: string; asOf?: string; json?: boolean }) => {
      await withGraph(async (graph, store) => {
        const [from, to] = [await resolveNode(store, fromText), await resolveNode(store, toText)];
        const paths = allPaths(graph, from, to, options);
        print({ json: !!json }, paths.length ? paths.map((p) => describePath(graph, p)).join('\n\n') : 'no paths', paths);
      });
    });

  program
    .command('neighbours')
    .description('who and what is within a few steps of an actor')
    .argument('<node>')
    .option('--depth <n>', `steps (0-${MAX_DEPTH}, default ${defaults.neighbourhood.depth})`)
    .option('--max-nodes <n>', `at most this many nodes, nearest first (1-${MAX_SUBGRAPH_NODES}, default ${defaults.neighbourhood.maxNodes})`)
    .option('--max-relationships <n>', `at most this many relationships (1-${MAX_SUBGRAPH_RELATIONSHIPS}, default ${defaults.neighbourhood.maxRelationships})`)
    .option('--types <types>', TYPES_HELP, list)
    .option('--as-of <date>', AS_OF_HELP)
    .option('--json', 'print JSON')
    .action(async (text: string, { json, ...options }: { depth?: string; maxNodes?: string; maxRelationships?: string; types?: string[]; asOf?: string; json?: boolean }) => {
      await withGraph(async (graph, store) => {
        const subgraph = neighbourhood(graph, await resolveNode(store, text), options);
        const cut = subgraph.truncated ? ' (truncated at the caps: raise --max-nodes or --max-relationships, or narrow --types)' : '';
        print(
          { json: !!json },
          [`${subgraph.nodes.length} nodes, ${subgraph.relationships.length} relationships${cut}`, ...subgraph.relationships.map((r) => `  ${describeRelationship(graph, r)}`)].join('\n'),
          subgraph,
        );
      });
    });

  program
    .command('central')
    .description('who is central: degree, betweenness, pagerank or eigenvector')
    .option('--metric <metric>', `${ALLOWED.metric.join(', ')} (default ${defaults.centrality.metric})`)
    .option('--kinds <kinds>', `rank only these node kinds (comma-separated: ${ALLOWED.kinds.join(', ')})`, list)
    .option('--first <n>', `how many (1-${MAX_RANKED}, default ${defaults.centrality.first})`)
    .option('--types <types>', TYPES_HELP, list)
    .option('--as-of <date>', AS_OF_HELP)
    .option('--json', 'print JSON')
    .action(async ({ json, ...options }: { metric?: string; kinds?: string[]; first?: string; types?: string[]; asOf?: string; json?: boolean }) => {
      await withGraph(async (graph) => {
        const scores = centrality(graph, options);
        print({ json: !!json }, scores.map((s, i) => `${String(i + 1).padStart(3)}. ${s.score.toFixed(4)}  ${s.node.name} (${s.node.id})`).join('\n'), scores.map((s) => ({ id: s.node.id, name: s.node.name, score: s.score })));
      });
    });

  program
    .command('blocs')
    .description('Louvain communities, reproducible for a seed')
    .option('--seed <n>', `random seed (a whole number, default ${defaults.communities.seed})`)
    .option('--types <types>', TYPES_HELP, list)
    .option('--as-of <date>', AS_OF_HELP)
    .option('--json', 'print JSON')
    .action(async ({ json, ...options }: { seed?: string; types?: string[]; asOf?: string; json?: boolean }) => {
      await withGraph(async (graph) => {
        const blocs = communities(graph, options);
        print({ json: !!json }, blocs.map((b) => `${b.id} (${b.members.length}): ${b.members.map((m) => m.name).join(', ')}`).join('\n'), blocs.map((b) => ({ id: b.id, members: b.members.map((m) => m.id) })));
      });
    });

  program
    .command('scenario')
    .description('which conditional commitments become active if conditions hold (--assume) or fail (--deny), or commitments are withdrawn (--withdraw); withdrawals propagate through dependent commitments')
    .option('--assume <conditions>', 'condition ids or names assumed met (comma-separated, repeatable)', list, [])
    .option('--deny <conditions>', 'condition ids or names assumed not met', list, [])
    .option('--withdraw <commitment>', 'a commitment assumed withdrawn: its relationship id, or "<actor> <PLEDGED|REFUSED|WARNED> [words of its action]" (repeatable)', (v: string, p: string[] = []) => [...p, v], [])
    .option('--as-of <date>', 'only commitments valid on this date are in force')
    .option('--json', 'print JSON')
    .action(async (opts: { assume: string[]; deny: string[]; withdraw: string[]; asOf?: string; json?: boolean }) => {
      await withGraph(async (graph, store) => {
        const assume = await Promise.all(opts.assume.map((c) => resolveNode(store, c)));
        const deny = await Promise.all(opts.deny.map((c) => resolveNode(store, c)));
        const withdraw = await Promise.all(opts.withdraw.map((c) => resolveCommitment(graph, store, c)));
        const result = scenario(graph, { assume, deny, withdraw, asOf: opts.asOf });
        const section = (title: string, items: GraphRelationship[]) => [
          `${title} (${items.length}):`,
          ...items.map((c) => {
            const why = result.reasons.filter((r) => r.commitment.id === c.id && r.outcome !== 'LIMIT').map((r) => r.explanation);
            return `  ${describeRelationship(graph, c)}${why.length ? `\n    ${why.join('; ')}` : ''}`;
          }),
        ];
        print(
          { json: !!opts.json },
          [
            ...section('active', result.active),
            ...section('inactive', result.inactive),
            ...section('undetermined', result.undetermined),
            ...section('withdrawn', result.withdrawn),
            ...result.cycles.map((cycle) => `cycle (undetermined): ${cycle.map((c) => describeRelationship(graph, c)).join(' ⇄ ')}`),
          ].join('\n'),
          {
            active: result.active.map((c) => c.id),
            inactive: result.inactive.map((c) => c.id),
            undetermined: result.undetermined.map((c) => c.id),
            withdrawn: result.withdrawn.map((c) => c.id),
            cycles: result.cycles.map((cycle) => cycle.map((c) => c.id)),
            reasons: result.reasons.map((r) => ({
              commitment: r.commitment.id,
              condition: r.condition.id,
              outcome: r.outcome,
              explanation: r.explanation,
              ...(r.inheritedFrom ? { inheritedFrom: r.inheritedFrom.id } : {}),
              chain: r.chain.map((c) => c.id),
            })),
          },
        );
      });
    });

  program
    .command('tensions')
    .description('where commitments collide (only commitments valid on a common day), each with the relationships involved')
    .option('--as-of <date>', 'only commitments valid on this date')
    .option('--kind <kinds>', `only these kinds (comma-separated: ${ALLOWED.tensionKinds.join(', ')})`, list)
    .option('--first <n>', 'at most this many (default: all), then how many there are', wholeNumber(1_000_000_000))
    .option('--json', 'print JSON')
    .action(async ({ json, kind, first, asOf }: { asOf?: string; kind?: string[]; first?: number; json?: boolean }) => {
      // Checked before the store opens; the schema calls the option `kinds` (as GraphQL does), the command line `--kind`.
      const options = renamingOption('kinds', 'kind', () => parseOptions(TensionsOptions, { asOf, kinds: kind }));
      await withGraph(async (graph) => {
        const all = findTensions(graph, options);
        const tensions = first === undefined ? all : all.slice(0, first);
        const more = all.length > tensions.length ? `\n(${tensions.length} of ${all.length} tensions; --first shows more)` : '';
        print(
          { json: !!json },
          tensions.map((t) => `[${t.kind}] ${t.explanation}\n${t.relationships.map((r) => `    ${describeRelationship(graph, r)}`).join('\n')}`).join('\n') + more,
          tensions.map((t) => ({ kind: t.kind, explanation: t.explanation, relationships: t.relationships.map((r) => r.id) })),
        );
      });
    });

  program
    .command('search')
    .description('nodes whose name or alias contains the text: exact matches first, then prefixes, then the rest')
    .argument('<text>')
    .option('--kinds <kinds>', `only these node kinds (comma-separated: ${ALLOWED.kinds.join(', ')})`, list)
    .option('--first <n>', `how many (1-${MAX_SEARCH}, default ${defaults.search.first})`)
    .option('--json', 'print JSON')
    .action(async (text: string, { json, ...options }: { kinds?: string[]; first?: string; json?: boolean }) => {
      const { kinds, first } = parseOptions(SearchOptions, { text, ...options });
      await withStore(async (store) => {
        const found = await store.searchNodes(text, kinds, first);
        print(
          { json: !!json },
          found.length ? found.map((n) => `${n.id.padEnd(44)} ${n.name}${n.aliases.length ? ` (${n.aliases.slice(0, 4).join(', ')})` : ''}`).join('\n') : `nothing matches "${text}"`,
          found.map((n) => ({ id: n.id, kind: n.kind, name: n.name, aliases: n.aliases })),
        );
        if (!found.length) process.exitCode = 1;
      });
    });

  program
    .command('export')
    .description('the whole graph as GEXF (Gephi), GraphML, JSON, or JSON lines of graph records (cgraph load reads them back)')
    .option('--format <format>', EXPORT_FORMATS.join(', '), 'gexf')
    .option('--out <file>', 'write here instead of standard output')
    .option('--as-of <date>', 'only the relationships valid on this date (every node is kept)')
    .action(async (opts: { format: string; out?: string; asOf?: string }) => {
      if (!EXPORT_FORMATS.includes(opts.format as ExportFormat)) throw usageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}; got "${opts.format}"`);
      const format = opts.format as ExportFormat;
      if (format === 'jsonl') {
        // JSON lines stream from the store, record by record (any size), statements and reviews included.
        await withStore(async (store) => {
          const lines = await writeLines(opts.out, storeLines(store, { ...(opts.asOf ? { asOf: opts.asOf } : {}) }));
          if (opts.out) process.stderr.write(`wrote ${lines} records (nodes and statements) to ${opts.out}\n`);
        });
        return;
      }
      await withGraph(async (whole) => {
        const graph = graphAsOf(whole, { asOf: opts.asOf });
        await writeLines(opts.out, [exportGraph(graph, format)]);
        if (opts.out) process.stderr.write(`wrote ${graph.order} nodes and ${graph.size} relationships to ${opts.out}\n`);
      });
    });
}
