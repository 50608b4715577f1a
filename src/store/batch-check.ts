// The store's own front end to the validation rules (src/domain/rules.ts): both stores call it
// before writing, so a bad batch is refused the same way everywhere and nothing is written.
import { ValidationError, type Problem } from '../domain/errors.ts';
import type { GraphBatch, GraphNode, GraphRelationship } from '../domain/model.ts';
import {
  datingProblems,
  endpointProblems,
  parseNode,
  parseRelationship,
  quoteProblem,
  sourceHashProblem,
  statementSourceProblem,
  unknownIdProblem,
  wrongKindProblem,
  type RuleProblem,
} from '../domain/rules.ts';

/** The stored nodes among `ids` (absent ids are left out). */
export type NodeLookup = (ids: readonly string[]) => Promise<Map<string, GraphNode>>;

const WHERE = 'in the batch or the store';

/**
 * Returns the batch in canonical form (defaults applied, `complete` and `review` kept); throws
 * ValidationError listing every problem, each located by its path in the batch. Every record
 * parses, every relationship's ends exist (in the batch or already stored) with kinds its type
 * allows, every SOURCE's text matches its hash, and every quote is its source's text at its offsets.
 */
export async function checkBatch(batch: GraphBatch, stored: NodeLookup): Promise<GraphBatch> {
  const problems: Problem[] = [];
  const report = (base: string, ...found: (RuleProblem | undefined)[]) => {
    for (const p of found) if (p) problems.push({ code: p.code, path: [base, ...p.path.map(String)].join('.'), message: p.message });
  };
  const within = (prefix: (string | number)[], problem: RuleProblem | undefined) => problem && { ...problem, path: [...prefix, ...problem.path] };
  const nodes: GraphNode[] = [];
  const inBatch = new Map<string, GraphNode>();
  batch.nodes.forEach((raw, index) => {
    const parsed = parseNode(raw);
    if (!parsed.ok) return report(`nodes[${index}]`, ...parsed.problems);
    const node = parsed.value;
    if (node.kind === 'SOURCE') report(`nodes[${index}]`, sourceHashProblem(node.text, node.sha256));
    nodes.push(node);
    inBatch.set(node.id, node);
  });
  const relationships: GraphRelationship[] = [];
  const relationshipPaths: string[] = [];
  batch.relationships.forEach((raw, index) => {
    const parsed = parseRelationship(raw);
    if (!parsed.ok) return report(`relationships[${index}]`, ...parsed.problems);
    report(`relationships[${index}]`, ...datingProblems(parsed.value), statementSourceProblem(parsed.value));
    relationships.push(parsed.value);
    relationshipPaths.push(`relationships[${index}]`);
  });
  const referenced = new Set(relationships.flatMap((r) => [r.from, r.to, ...r.evidence.map((e) => e.sourceId)]));
  const missing = [...referenced].filter((id) => !inBatch.has(id));
  const found = missing.length ? await stored(missing) : new Map<string, GraphNode>();
  const nodeOf = (id: string) => inBatch.get(id) ?? found.get(id);
  relationships.forEach((rel, index) => {
    const base = relationshipPaths[index] as string;
    report(base, ...endpointProblems(rel, (id) => nodeOf(id)?.kind, WHERE));
    rel.evidence.forEach((item, i) => {
      const at = ['evidence', i];
      const source = nodeOf(item.sourceId);
      if (!source) report(base, unknownIdProblem(item.sourceId, WHERE, [...at, 'sourceId']));
      else if (source.kind !== 'SOURCE') report(base, wrongKindProblem(item.sourceId, source.kind, ['SOURCE'], [...at, 'sourceId']));
      else report(base, within(at, quoteProblem(source.text, item)));
    });
  });
  if (problems.length) throw new ValidationError(problems, 'batch');
  return { ...batch, nodes, relationships };
}
