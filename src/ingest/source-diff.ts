// What changed between two versions of a source: statements added, removed and changed, and the
// sentences of the text that came or went (split by the validator's own sentence splitter).
import { DomainError } from '../domain/errors.ts';
import { claimContent } from '../domain/statements.ts';
import { canonicalJson } from '../lib/canonical-json.ts';
import type { SourceVersion, VersionStatement } from '../domain/source-version.ts';
import { splitSentences } from './sentences.ts';

export interface StatementChange {
  id: string;
  before: VersionStatement['claim'];
  after: VersionStatement['claim'];
  properties: string[];
}

export interface SourceDiff {
  sourceId: string;
  from: number;
  to: number;
  added: VersionStatement[];
  removed: VersionStatement[];
  changed: StatementChange[];
  sentencesAdded: string[];
  sentencesRemoved: string[];
}

function changedProperties(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.filter((key) => canonicalJson(before[key]) !== canonicalJson(after[key]));
}

/**
 * `versions` oldest first; `to` defaults to the latest, `from` to the one before `to`. A changed
 * statement has the same id and a different claim, listed with the properties that differ. Version 0
 * is the empty source, so a source's first version diffs as everything added.
 */
export function diffVersions(sourceId: string, versions: readonly SourceVersion[], from?: number, to?: number): SourceDiff {
  const latest = versions.at(-1);
  if (!latest) throw new DomainError('UNKNOWN_ID', `${sourceId} has no loaded versions; load it, or check the id with \`cgraph search\``, { id: sourceId });
  const target = to ?? latest.version;
  const base = from ?? target - 1;
  const find = (n: number, which: string): SourceVersion | undefined => {
    if (n === 0) return undefined;
    const found = versions.find((v) => v.version === n);
    if (!found) throw new DomainError('UNKNOWN_VERSION', `${sourceId} has no version ${n} (${which}); it has ${versions.map((v) => v.version).join(', ')}, and 0 means before the first`, { id: sourceId, version: n });
    return found;
  };
  if (target === 0) throw new DomainError('UNKNOWN_VERSION', `"to" must be a loaded version of ${sourceId} (1–${latest.version})`, { id: sourceId, version: target });
  const a = find(base, 'from');
  const b = find(target, 'to');
  const before = new Map((a?.statements ?? []).map((s) => [s.id, s]));
  const after = new Map((b?.statements ?? []).map((s) => [s.id, s]));
  const changed: StatementChange[] = [];
  for (const [id, next] of after) {
    const previous = before.get(id);
    if (!previous) continue;
    // Quotes that only moved (the text changed elsewhere) are not a change of what the statement says.
    const properties = changedProperties(claimContent(previous.claim), claimContent(next.claim));
    if (properties.length) changed.push({ id, before: previous.claim, after: next.claim, properties });
  }
  const sentences = (v: SourceVersion | undefined) => new Set(splitSentences(v?.text ?? '').map((s) => s.text));
  const was = sentences(a);
  const is = sentences(b);
  return {
    sourceId,
    from: base,
    to: target,
    added: [...after.values()].filter((s) => !before.has(s.id)),
    removed: [...before.values()].filter((s) => !after.has(s.id)),
    changed,
    sentencesAdded: [...is].filter((s) => !was.has(s)),
    sentencesRemoved: [...was].filter((s) => !is.has(s)),
  };
}
