// Every SDL enum equals its zod enum: the schema and the domain cannot drift apart.
import { buildSchema, GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CommitmentKind, NodeKind, Reliability, ReviewState } from '../../src/domain/model.ts';
import { CentralityMetric, Direction } from '../../src/analysis/options.ts';
import { loadTypeDefs } from '../../src/graphql/schema.ts';
import { IMPORT_KINDS } from '../../src/ingest/importers/run-import.ts';
import { FOUND_IN } from '../../src/ingest/lookup/actor-forms.ts';

const schema = buildSchema(loadTypeDefs());
const sdlEnums = Object.values(schema.getTypeMap()).filter((t): t is GraphQLEnumType => t instanceof GraphQLEnumType && !t.name.startsWith('__'));
const zodEnums: Record<string, readonly string[]> = {
  NodeKind: NodeKind.options,
  CommitmentKind: CommitmentKind.options,
  Direction: Direction.options,
  CentralityMetric: CentralityMetric.options,
  // SDL enum values are upper case by convention; the schema's resolvers map them onto the domain's lower-case states.
  ReviewState: ReviewState.options.map((s) => s.toUpperCase()),
  // importDataset's kind is the CLI's `cgraph import <kind>` in upper case.
  DatasetKind: IMPORT_KINDS.map((k) => k.toUpperCase()),
  LookupSource: FOUND_IN,
  Reliability: Reliability.options,
};

describe('enum parity', () => {
  it('has a zod enum for every SDL enum', () => {
    expect(sdlEnums.map((e) => e.name).sort()).toEqual(Object.keys(zodEnums).sort());
  });
  for (const sdl of sdlEnums) {
    it(`${sdl.name} has the same values in SDL and zod`, () => {
      expect(sdl.getValues().map((v) => v.name)).toEqual([...(zodEnums[sdl.name] ?? [])]);
    });
  }
});
