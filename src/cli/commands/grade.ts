// cgraph grade <outlet> <reliability>: grade an outlet's reliability (A–F, or "none" to ungrade) in
// one write that every source of it sees; through a serving API when one holds the data folder.
import type { Command } from 'commander';
import { OutletId, Reliability } from '../../domain/model.ts';
import { print, usageError, WAIT_OPTION, withWriteStore } from '../runtime.ts';

interface GradeFlags {
  json?: boolean;
  waitS?: number;
}

/** The grade the argument names: A–F, or null for "none". */
function reliabilityFrom(value: string): Reliability | null {
  if (value.toLowerCase() === 'none') return null;
  const grade = Reliability.safeParse(value.toUpperCase());
  if (!grade.success) throw usageError(`<reliability> must be one of ${Reliability.options.join(', ')} (F: cannot be judged), or none to take the grade away; got "${value}"`);
  return grade.data;
}

export function registerGrade(program: Command): void {
  program
    .command('grade')
    .description("grade an outlet's reliability (A completely reliable … E unreliable, F cannot be judged): every source whose outlet it is shares it")
    .argument('<outlet>', "the outlet's slug, as sources name it (`outlet:` in a dossier's source block)")
    .argument('<reliability>', `${Reliability.options.join(', ')}, or none`)
    .option('--json', 'print JSON')
    .option(...WAIT_OPTION)
    .action(async (outlet: string, value: string, opts: GradeFlags) => {
      if (!OutletId.safeParse(outlet).success) throw usageError(`<outlet> must be a lowercase slug like reuters or tass; got "${outlet}"`);
      const reliability = reliabilityFrom(value);
      const printed = () => print({ json: !!opts.json }, `${outlet}: ${reliability ?? 'ungraded'}`, { outlet, reliability });
      await withWriteStore(
        `grade ${outlet}`,
        opts,
        async (store) => {
          await store.gradeOutlets([{ outlet, reliability }]);
          printed();
        },
        async (api) => {
          await api.request('mutation($outlet: ID!, $reliability: Reliability) { gradeOutlet(outlet: $outlet, reliability: $reliability) { id reliability } }', { outlet, reliability });
          printed();
        },
      );
    });
}
