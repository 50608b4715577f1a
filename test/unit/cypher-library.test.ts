// The Cypher library: the set of statements, their declared parameters, and the schema file's
// coverage of every label and relationship type the domain allows.
import { describe, expect, it } from 'vitest';
import { KIND_LABEL, RelationshipType } from '../../src/domain/model.ts';
import { loadCypherLibrary, usedParams } from '../../src/store/neo4j/cypher-library.ts';

const library = loadCypherLibrary();

describe('cypher library', () => {
  it('holds the store statements the Neo4j adapter uses', () => {
    const store = [...library.keys()].filter((name) => name.startsWith('store/')).sort();
    expect(store).toEqual([
      'store/all-nodes',
      'store/all-nodes-for-analysis',
      'store/all-relationships',
      'store/all-relationships-for-analysis',
      'store/bump-graph-version',
      'store/count-all-relationships',
      'store/count-held',
      'store/count-nodes',
      'store/count-nodes-by-kind',
      'store/count-relationships-by-type',
      'store/create-relationships',
      'store/delete-all',
      'store/delete-merged-node',
      'store/delete-outlets',
      'store/delete-relationships',
      'store/delete-relationships-by-ids',
      'store/delete-source',
      'store/delete-source-versions',
      'store/find-conditions-by-subjects',
      'store/find-relationship-by-statement',
      'store/find-relationships-naming-node',
      'store/find-sources-of-grades',
      'store/get-graph-version',
      'store/get-latest-source-versions',
      'store/get-nodes-by-aliases',
      'store/get-nodes-by-ids',
      'store/get-outlet-grades',
      'store/get-relationships-by-ids',
      'store/get-store-format',
      'store/grade-outlets',
      'store/list-all-source-versions',
      'store/list-nodes',
      'store/list-outlet-grades',
      'store/list-relationships-of-type',
      'store/list-source-versions',
      'store/lock-graph',
      'store/search-nodes',
      'store/set-store-format',
      'store/update-relationships',
      'store/upsert-nodes',
      'store/write-source-versions',
    ]);
  });

  it('declares exactly the parameters each statement uses', () => {
    for (const statement of library.values()) {
      expect([...statement.params].sort(), statement.name).toEqual(usedParams(statement));
    }
  });

  it('names files <area>/<verb>-<noun> and keeps one statement per file (schema aside)', () => {
    for (const statement of library.values()) {
      expect(statement.name).toMatch(/^[a-z]+\/[a-z]+(-[a-z0-9]+)+$/);
      if (!statement.name.startsWith('schema/')) expect(statement.text.includes(';'), statement.name).toBe(false);
    }
  });

  it('constrains id for every label and relationship type', () => {
    const schema = library.get('schema/create-constraints')?.statements.join('\n') ?? '';
    for (const label of [...Object.values(KIND_LABEL), 'Entity', 'Actor']) expect(schema).toContain(`FOR (n:${label}) REQUIRE n.id IS UNIQUE`);
    for (const type of RelationshipType.options) expect(schema).toContain(`FOR ()-[r:${type}]-() REQUIRE r.id IS UNIQUE`);
  });

  it('looks relationships up by id through every type\'s index (dynamic types would scan)', () => {
    for (const name of ['store/get-relationships-by-ids', 'read/find-relationships']) {
      const text = library.get(name)?.text ?? '';
      const named = [...text.matchAll(/\[r:([A-Z_]+) \{id: id\}\]/g)].map((m) => m[1]);
      expect(named.sort(), name).toEqual([...RelationshipType.options].sort());
    }
  });
});
