// cgraph migrate: converts a Neo4j database of the previous storage format to this one in place,
// a page of facts per transaction, so a crash midway loses nothing and a second run finishes it.
// docs/operations.md "Migrating a Neo4j database" says what users see.
import neo4j from 'neo4j-driver';
import type { Neo4jConfig } from '../../config.ts';
import { DomainError } from '../../domain/errors.ts';
import { RelationshipType } from '../../domain/model.ts';
import { sameRecord } from '../../lib/canonical-json.ts';
import { cypher } from './cypher-library.ts';
import { Neo4jExecutor } from './executor.ts';
import { NEO4J_PREVIOUS_FORMAT, NEO4J_STORE_FORMAT, storeFormatOf } from './neo4j-store.ts';
import { relationshipFromRow, toRelationshipProps, toVersionProps, versionFromRow } from './records.ts';

export interface MigrateOptions {
  /** Facts per transaction (default 1,000). */
  pageSize?: number;
  /** Facts seen of all, after each page. */
  onProgress?: (done: number, total: number) => void;
  /** After each committed page (tests stop a migration midway here). */
  afterPage?: (done: number) => void;
}

export interface MigrateResult {
  /** The format found: a number, 'empty' (no facts) or 'current' (nothing to do). */
  from: number | 'empty' | 'current';
  to: number;
  /** Facts read, and those whose stored properties changed. */
  facts: number;
  converted: number;
}

interface StoredRow {
  rel: Record<string, unknown>;
  type: string;
  from: string;
  to: string;
}

/** Every source version rewritten in this version's form (records.ts toVersionProps: its statements gzipped), a page per transaction. */
async function migrateSourceVersions(executor: Neo4jExecutor, limit: ReturnType<typeof neo4j.int>): Promise<void> {
  let after = '';
  for (;;) {
    const last = await executor.write(async (tx) => {
      const rows = (await tx.run(cypher('store/list-all-source-versions'), { after, limit })).records.map((record) => record.toObject() as { version: Record<string, unknown> });
      const changed = rows.filter((row) => row.version.statementsGzip === undefined).map((row) => toVersionProps(versionFromRow(row)));
      if (changed.length) await tx.run(cypher('store/write-source-versions'), { rows: changed });
      return rows.at(-1)?.version.key as string | undefined;
    });
    if (last === undefined) return;
    after = last;
  }
}

/**
 * Every fact read as stored (records.ts reads both forms) and written back in this version's form
 * (toRelationshipProps), type by type in id order; then the source versions; then the format marker. The marker moves last,
 * so until then the store still refuses the database and a second run converts what is left.
 */
export async function migrateStore(config: Neo4jConfig, options: MigrateOptions = {}): Promise<MigrateResult> {
  // Opened, not connected: the store's own open would refuse the old format.
  const executor = await Neo4jExecutor.open(config);
  try {
    const found = await storeFormatOf(executor);
    if (found === 'current' || found === 'empty') return { from: found, to: NEO4J_STORE_FORMAT, facts: 0, converted: 0 };
    if (found !== NEO4J_PREVIOUS_FORMAT) {
      throw new DomainError('STORE_FORMAT', `the Neo4j database holds format ${found}; \`cgraph migrate\` converts format ${NEO4J_PREVIOUS_FORMAT} to ${NEO4J_STORE_FORMAT} only. Run \`cgraph reset\` and load your dossiers and imports again`, { format: found, expected: NEO4J_STORE_FORMAT });
    }
    const [count] = await executor.query(cypher('store/count-all-relationships'));
    const total = Number(count?.count ?? 0);
    const limit = neo4j.int(options.pageSize ?? 1000);
    let facts = 0;
    let converted = 0;
    for (const type of RelationshipType.options) {
      const statement = cypher('store/list-relationships-of-type').replace('{TYPE}', type);
      let after = '';
      for (;;) {
        const written = await executor.write(async (tx) => {
          const rows = (await tx.run(statement, { after, limit })).records.map((record) => record.toObject() as StoredRow);
          const changed = rows.flatMap((row) => {
            const props = toRelationshipProps(relationshipFromRow(row));
            // A fact a resumed run already converted is not written again.
            return sameRecord(props, row.rel) ? [] : [{ id: row.rel.id, from: row.from, to: row.to, props }];
          });
          if (changed.length) await tx.run(cypher('store/update-relationships'), { type, rows: changed });
          return { rows: rows.length, changed: changed.length, last: rows.at(-1)?.rel.id as string | undefined };
        });
        facts += written.rows;
        converted += written.changed;
        if (written.last === undefined) break;
        after = written.last;
        options.onProgress?.(facts, total);
        options.afterPage?.(facts);
      }
    }
    await migrateSourceVersions(executor, limit);
    await executor.write(async (tx) => tx.run(cypher('store/set-store-format'), { format: neo4j.int(NEO4J_STORE_FORMAT) }));
    return { from: found, to: NEO4J_STORE_FORMAT, facts, converted };
  } finally {
    await executor.close();
  }
}
