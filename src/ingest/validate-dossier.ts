// Validates a dossier against the schema, the entity registry and its source text, and turns it
// into a GraphBatch. Every problem is collected (never only the first), each with file, line,
// path and code; an invalid dossier yields no batch at all, so nothing of it can be loaded.
import type { z } from 'zod';
import type {
  LedgerEntry} from '../domain/dossier.ts';
import {
  DossierCommitment,
  DossierEntity,
  DossierShape,
  DossierStructural,
  RegistryShape,
  type DossierEvidence,
} from '../domain/dossier.ts';
import type { Problem } from '../domain/errors.ts';
import {
  ENDPOINTS,
  GraphNode,
  isCommitmentType,
  isWellFormedId,
  RelationshipType,
  type Commitment,
  type Evidence,
  type GraphBatch,
  type GraphRelationship,
  type NodeKind,
  type StructuralRelationship,
} from '../domain/model.ts';
import { deriveRelationshipId, sha256Hex } from '../domain/relationship-id.ts';
import { splitSentences } from './sentences.ts';
import { parseYamlWithPositions, problemAt, type ParsedYaml, type PathSegment } from './yaml-document.ts';

export interface DossierInput {
  yamlText: string;
  sourceText: string;
  /** Shown in problems; the dossier's path when it came from a file. */
  file: string;
  /** Nodes the dossier may reference without introducing them (the registry, the store). */
  knownNodes: ReadonlyMap<string, GraphNode>;
}

/** An offset computed for evidence that gave none: `--fix-offsets` writes these back. */
export interface ComputedOffset {
  path: PathSegment[];
  start: number;
  end: number;
}

export interface DossierResult {
  problems: Problem[];
  /** Present only when there are no problems. */
  batch?: GraphBatch;
  /** ref → relationship id, for the ledger and for people reading reports. */
  refs: Map<string, string>;
  computedOffsets: ComputedOffset[];
  parsed: ParsedYaml;
}

/** Whether `path` leads to a present value in `root` (zod 4 issues do not carry the input). */
function isPresent(root: unknown, path: readonly PropertyKey[]): boolean {
  let at: unknown = root;
  for (const key of path) {
    if (!at || typeof at !== 'object' || !(key in at)) return false;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at !== undefined;
}

/** The problem code for a schema issue on `root` (the value that was parsed), the same in every input format. */
export function schemaProblemCode(issue: z.core.$ZodIssue, root: unknown): string {
  if (issue.code === 'invalid_value' || issue.code === 'invalid_union') return 'BAD_ENUM';
  if (issue.code === 'unrecognized_keys') return 'UNKNOWN_FIELD';
  if (issue.code === 'invalid_type' && !isPresent(root, issue.path)) return 'MISSING_FIELD';
  return 'SCHEMA';
}

function zodProblems(parsed: ParsedYaml, base: PathSegment[], error: z.ZodError): Problem[] {
  const root = base.reduce<unknown>((at, key) => (at as Record<PathSegment, unknown> | undefined)?.[key], parsed.value);
  return error.issues.map((issue) => {
    const path = [...base, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    return problemAt(parsed, path, schemaProblemCode(issue, root), issue.message);
  });
}

/** Parse and check the shared registry; returns its nodes by id. */
export function validateRegistry(yamlText: string, file: string): { problems: Problem[]; nodes: Map<string, GraphNode> } {
  const parsed = parseYamlWithPositions(yamlText, file);
  const nodes = new Map<string, GraphNode>();
  if (parsed.problems.length) return { problems: parsed.problems, nodes };
  const shape = RegistryShape.safeParse(parsed.value);
  if (!shape.success) return { problems: zodProblems(parsed, [], shape.error), nodes };
  const problems: Problem[] = [];
  shape.data.entities.forEach((raw, index) => {
    const path = ['entities', index];
    const entity = GraphNode.safeParse(raw);
    if (!entity.success) return void problems.push(...zodProblems(parsed, path, entity.error));
    checkNodeId(parsed, path, entity.data, nodes, problems);
    nodes.set(entity.data.id, entity.data);
  });
  return { problems, nodes };
}

function checkNodeId(
  parsed: ParsedYaml,
  path: PathSegment[],
  node: { id: string; kind: NodeKind },
  seen: ReadonlyMap<string, unknown>,
  problems: Problem[],
): void {
  if (!isWellFormedId(node.kind, node.id)) {
    problems.push(
      problemAt(parsed, [...path, 'id'], 'BAD_ID', `"${node.id}" is not a well-formed ${node.kind} id (see DESIGN.md §1 for the id forms)`),
    );
  }
  if (seen.has(node.id)) {
    problems.push(problemAt(parsed, [...path, 'id'], 'DUPLICATE_ID', `"${node.id}" is defined twice; keep one definition`));
  }
}

export function validateDossier(input: DossierInput): DossierResult {
  const parsed = parseYamlWithPositions(input.yamlText, input.file);
  const refs = new Map<string, string>();
  const computedOffsets: ComputedOffset[] = [];
  const result: DossierResult = { problems: parsed.problems, refs, computedOffsets, parsed };
  if (parsed.problems.length) return result;

  const shape = DossierShape.safeParse(parsed.value);
  if (!shape.success) {
    result.problems = zodProblems(parsed, [], shape.error);
    return result;
  }
  const problems: Problem[] = [];
  const at = (path: PathSegment[], code: string, message: string) => problems.push(problemAt(parsed, path, code, message));
  const dossier = shape.data;
  const text = input.sourceText;

  // The source node.
  const sourceId = dossier.source.id;
  if (!isWellFormedId('SOURCE', sourceId)) at(['source', 'id'], 'BAD_ID', `"${sourceId}" is not a well-formed source id (source:<slug>)`);
  const sha256 = sha256Hex(text);
  if (dossier.source.sha256 && dossier.source.sha256 !== sha256) {
    at(['source', 'sha256'], 'SOURCE_HASH_MISMATCH', `the source text's sha256 is ${sha256}; the text changed or the hash is wrong`);
  }
  const { file: _file, sha256: _hash, ...sourceFields } = dossier.source;
  const sourceNode = GraphNode.safeParse({ ...sourceFields, kind: 'SOURCE', aliases: [], text, sha256 });
  if (!sourceNode.success) problems.push(...zodProblems(parsed, ['source'], sourceNode.error));

  // Entities the dossier introduces.
  const introduced = new Map<string, GraphNode>();
  if (sourceNode.success) introduced.set(sourceId, sourceNode.data);
  dossier.entities.forEach((raw, index) => {
    const path = ['entities', index];
    const entity = DossierEntity.safeParse(raw);
    if (!entity.success) return void problems.push(...zodProblems(parsed, path, entity.error));
    checkNodeId(parsed, path, entity.data, introduced, problems);
    introduced.set(entity.data.id, entity.data);
  });
  const nodeOf = (id: string) => introduced.get(id) ?? input.knownNodes.get(id);
  const referenced = new Set<string>([sourceId]);

  const requireNode = (path: PathSegment[], id: string, allowed?: readonly NodeKind[]) => {
    const node = nodeOf(id);
    if (!node) {
      at(path, 'UNKNOWN_ID', `"${id}" is neither in the registry nor introduced by this dossier; add it under entities or fix the id`);
      return;
    }
    referenced.add(id);
    if (allowed && !allowed.includes(node.kind)) {
      at(path, 'BAD_ENDPOINT', `"${id}" is a ${node.kind}; here it must be one of ${allowed.join(', ')}`);
    }
  };

  dossier.entities.forEach((raw, index) => {
    const entity = introduced.get((raw as { id?: string })?.id ?? '');
    if (entity?.kind === 'CONDITION' && entity.subject) requireNode(['entities', index, 'subject'], entity.subject, ['STATE', 'PERSON', 'ALLIANCE']);
  });

  // Relationships.
  const relationships: GraphRelationship[] = [];
  const relationshipPaths = new Map<string, PathSegment[]>();
  // Refs declared even by relationships that fail the schema, so the ledger check does not
  // repeat their problem as an unknown ref.
  const declaredRefs = new Set<string>();
  dossier.relationships.forEach((raw, index) => {
    const path: PathSegment[] = ['relationships', index];
    const declared = (raw as { ref?: unknown })?.ref;
    if (typeof declared === 'string') declaredRefs.add(declared);
    const type = (raw as { type?: unknown })?.type;
    const typeCheck = RelationshipType.safeParse(type);
    if (!typeCheck.success) {
      at([...path, 'type'], type === undefined ? 'MISSING_FIELD' : 'BAD_ENUM', `type must be one of ${RelationshipType.options.join(', ')}`);
      return;
    }
    const parsedRel = isCommitmentType(typeCheck.data) ? DossierCommitment.safeParse(raw) : DossierStructural.safeParse(raw);
    if (!parsedRel.success) return void problems.push(...zodProblems(parsed, path, parsedRel.error));
    const rel = parsedRel.data;
    if (refs.has(rel.ref)) at([...path, 'ref'], 'DUPLICATE_REF', `ref "${rel.ref}" is used twice; refs name one relationship each`);

    const endpoints = ENDPOINTS[rel.type];
    requireNode([...path, 'from'], rel.from, endpoints.from);
    requireNode([...path, 'to'], rel.to, endpoints.to);
    if ('conditions' in rel) rel.conditions.forEach((id, i) => requireNode([...path, 'conditions', i], id, ['CONDITION']));
    if ('statedBy' in rel) rel.statedBy.forEach((id, i) => requireNode([...path, 'statedBy', i], id, ['PERSON', 'STATE', 'ALLIANCE']));
    if (rel.validFrom && rel.validTo && rel.validTo < rel.validFrom) {
      at([...path, 'validTo'], 'BAD_DATE_RANGE', `validTo ${rel.validTo} is before validFrom ${rel.validFrom}`);
    }

    const evidence = rel.evidence.map((item, i) => checkEvidence(item, [...path, 'evidence', i]));
    const discriminator = 'action' in rel ? rel.action : (rel.role ?? rel.claim ?? '');
    const id = deriveRelationshipId({ sourceId, type: rel.type, from: rel.from, to: rel.to, discriminator });
    if (relationshipPaths.has(id)) {
      at(path, 'DUPLICATE_RELATIONSHIP', `this ${rel.type} from ${rel.from} to ${rel.to} repeats relationships[${String(relationshipPaths.get(id)?.[1])}]; merge their evidence`);
    }
    relationshipPaths.set(id, path);
    refs.set(rel.ref, id);
    const { ref: _ref, evidence: _evidence, ...fields } = rel;
    relationships.push({ ...fields, id, evidence: evidence.filter((e): e is Evidence => e !== undefined) } as Commitment | StructuralRelationship);
  });

  function checkEvidence(item: DossierEvidence, path: PathSegment[]): Evidence | undefined {
    if (item.speaker) requireNode([...path, 'speaker'], item.speaker, ['PERSON', 'STATE', 'ALLIANCE']);
    if (item.attribution === 'inferred' && !item.note) {
      at([...path, 'note'], 'NOTE_REQUIRED', 'inferred evidence needs a note that says what the inference rests on');
    }
    let { start, end } = item;
    if (start === undefined || end === undefined) {
      if (start !== undefined || end !== undefined) {
        at(path, 'OFFSETS_INCOMPLETE', 'give both start and end, or neither (then they are computed)');
        return undefined;
      }
      const first = text.indexOf(item.quote);
      if (first < 0) {
        at([...path, 'quote'], 'QUOTE_NOT_FOUND', 'this quote is not in the source text; copy it verbatim (curly quotes and dashes included)');
        return undefined;
      }
      if (text.indexOf(item.quote, first + 1) >= 0) {
        at([...path, 'quote'], 'QUOTE_AMBIGUOUS', 'this quote occurs more than once; give start and end offsets or a longer quote');
        return undefined;
      }
      start = first;
      end = first + item.quote.length;
      computedOffsets.push({ path, start, end });
    } else if (text.slice(start, end) !== item.quote) {
      const found = text.indexOf(item.quote);
      at(
        [...path, 'quote'],
        'QUOTE_MISMATCH',
        `text.slice(${start}, ${end}) is not this quote${found >= 0 ? `; it occurs at ${found}..${found + item.quote.length} (run validate --fix-offsets)` : ' and the quote is not in the text'}`,
      );
      return undefined;
    }
    const { speaker, note, url } = item;
    return {
      sourceId,
      quote: item.quote,
      start,
      end,
      attribution: item.attribution,
      ...(speaker ? { speaker } : {}),
      ...(note ? { note } : {}),
      ...(url ? { url } : {}),
    };
  }

  if (dossier.ledger) checkLedger(dossier.ledger);
  function checkLedger(ledger: LedgerEntry[]) {
    const sentences = new Set(splitSentences(text).map((s) => s.text));
    const covered = new Set<string>();
    ledger.forEach((entry, index) => {
      const path: PathSegment[] = ['ledger', index];
      if (!sentences.has(entry.sentence)) {
        at([...path, 'sentence'], 'LEDGER_UNKNOWN_SENTENCE', 'this is not a sentence of the source text; copy the sentence verbatim');
      }
      if (covered.has(entry.sentence)) at([...path, 'sentence'], 'LEDGER_DUPLICATE_SENTENCE', 'this sentence is in the ledger twice');
      covered.add(entry.sentence);
      if ('refs' in entry) {
        entry.refs.forEach((ref, i) => {
          if (!declaredRefs.has(ref)) at([...path, 'refs', i], 'UNKNOWN_REF', `no relationship has ref "${ref}"`);
        });
      }
    });
    for (const sentence of sentences) {
      if (!covered.has(sentence)) {
        at(['ledger'], 'LEDGER_SENTENCE_MISSING', `the sentence "${sentence.slice(0, 80)}…" is not in the ledger; map it to refs or say why it asserts none`);
      }
    }
  }

  result.problems = problems;
  if (problems.length === 0) {
    const nodes = [...introduced.values()];
    for (const id of referenced) {
      if (!introduced.has(id)) {
        const known = input.knownNodes.get(id);
        if (known) nodes.push(known);
      }
    }
    result.batch = { nodes, relationships };
  }
  return result;
}

