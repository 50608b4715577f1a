// docs/dossiers.md's table of which ends each relationship type takes is ENDPOINTS, row for row:
// a change to the endpoint table that the doc does not follow fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENDPOINTS, RelationshipType } from '../../src/domain/model.ts';
import { documentedEndpointTable, DOSSIERS_DOC, endpointTable } from '../../tools/endpoint-table.ts';

describe('the doc table of relationship ends', () => {
  it('equals the one generated from ENDPOINTS (npm run docs:endpoints writes it)', () => {
    expect(documentedEndpointTable(readFileSync(DOSSIERS_DOC, 'utf8')), 'run npm run docs:endpoints').toBe(endpointTable());
  });

  it('has a row per relationship type naming each kind its ends take', () => {
    const rows = endpointTable().split('\n').slice(2);
    expect(rows).toHaveLength(RelationshipType.options.length);
    expect(rows).toContain('| `MEMBER_OF` | `STATE`, `ALLIANCE` | `ALLIANCE` |');
    expect(rows.find((r) => r.startsWith('| `PLEDGED` (commitment)'))).toContain(ENDPOINTS.PLEDGED.to.map((k) => `\`${k}\``).join(', '));
  });
});
