// The record fields whose values repeat across a large graph, shared through an Interner when
// records arrive as their own copies (the memory store's log, the analysis worker's messages).
import type { Interner } from '../lib/interner.ts';

/** Record fields whose values repeat across a large graph (ends, types, dates, codes). */
export const REPEATED_FIELDS = ['from', 'to', 'type', 'firmness', 'status', 'statedAt', 'validFrom', 'validTo', 'cameo', 'role', 'aidType'] as const;

/** Shares the repeated field values of a record read from disk or a message (each arrives as its own copy). */
export function internFields(record: Record<string, unknown>, strings: Interner): void {
  for (const key of REPEATED_FIELDS) if (key in record) record[key] = strings.of(record[key]);
  // The sources a lean relationship counts (store/snapshot.ts): the same few sets over and over.
  if (Array.isArray(record.sourceIds)) record.sourceIds = strings.list(record.sourceIds as string[]);
  // A fact's validity spans: the same few dates over and over.
  if (Array.isArray(record.spans)) for (const span of record.spans as Record<string, unknown>[]) for (const end of ['from', 'to']) if (end in span) span[end] = strings.of(span[end]);
}
