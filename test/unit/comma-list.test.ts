// The command line's one comma-list option parser: every command that takes a list (--types,
// --kinds, --kind, --assume, --deny, --source, --review-state) reads it the same way.
import { Command } from 'commander';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commaList } from '../../src/cli/options.ts';

/** Parses `args` with one list option, as a command registers it. */
function parsed(args: string[], defaultValue?: string[]): string[] | undefined {
  const command = new Command().exitOverride().option('--types <types>', 'types', commaList, defaultValue);
  command.parse(args, { from: 'user' });
  return command.opts().types;
}

describe('commaList', () => {
  it('splits at commas and trims each item', () => {
    expect(commaList('PLEDGED,REFUSED')).toEqual(['PLEDGED', 'REFUSED']);
    expect(commaList(' PLEDGED , REFUSED ,WARNED')).toEqual(['PLEDGED', 'REFUSED', 'WARNED']);
    expect(commaList('state:ITA')).toEqual(['state:ITA']);
  });

  it('drops empty items: doubled, leading and trailing commas, and blanks', () => {
    expect(commaList('A,,B')).toEqual(['A', 'B']);
    expect(commaList(',A,')).toEqual(['A']);
    expect(commaList('A, ,B')).toEqual(['A', 'B']);
    expect(commaList('')).toEqual([]);
    expect(commaList(' , ')).toEqual([]);
  });

  it('adds a repeated option to what came before, in order, keeping repeats', () => {
    expect(commaList('C', ['A', 'B'])).toEqual(['A', 'B', 'C']);
    expect(commaList('A,A', ['A'])).toEqual(['A', 'A', 'A']);
    expect(parsed(['--types', 'A,B', '--types', ' C ,,', '--types', 'A'])).toEqual(['A', 'B', 'C', 'A']);
  });

  it('leaves an option not given undefined, or its default, and starts from the default when given', () => {
    expect(parsed([])).toBeUndefined();
    expect(parsed([], [])).toEqual([]);
    expect(parsed(['--types', 'A'], [])).toEqual(['A']);
  });

  it('keeps every non-blank item trimmed and never yields an empty or padded one', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',') })), (values) => {
        const items = values.reduce<string[]>((previous, value) => commaList(value, previous), []);
        const expected = values.flatMap((value) => value.split(',')).map((item) => item.trim()).filter((item) => item !== '');
        expect(items).toEqual(expected);
        for (const item of items) expect(item).toBe(item.trim());
      }),
    );
  });
});
