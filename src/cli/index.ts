// The cgraph command line: thin commands over the ingest, store and analysis services.
import { Command, CommanderError } from 'commander';
import { registerBlocs } from './commands/blocs.ts';
import { registerCentral } from './commands/central.ts';
import { registerCodes } from './commands/codes.ts';
import { registerCommitments } from './commands/commitments.ts';
import { registerDiff } from './commands/diff.ts';
import { registerDraft } from './commands/draft.ts';
import { registerExport } from './commands/export.ts';
import { registerGenerate } from './commands/generate.ts';
import { registerImport } from './commands/import.ts';
import { registerLoad } from './commands/load.ts';
import { registerNeighbours } from './commands/neighbours.ts';
import { registerPath } from './commands/path.ts';
import { registerPaths } from './commands/paths.ts';
import { registerReset } from './commands/reset.ts';
import { registerReview } from './commands/review.ts';
import { registerGrade } from './commands/grade.ts';
import { registerScenario } from './commands/scenario.ts';
import { registerSchema } from './commands/schema.ts';
import { registerSearch } from './commands/search.ts';
import { registerSeed } from './commands/seed.ts';
import { registerStatements } from './commands/statements.ts';
import { registerStats } from './commands/stats.ts';
import { registerTensions } from './commands/tensions.ts';
import { registerUnload } from './commands/unload.ts';
import { registerMerge } from './commands/merge.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerValidate } from './commands/validate.ts';
import { registerVersions } from './commands/versions.ts';
import { EXIT, exitCodeFor, reportError, type FailedCommand } from './runtime.ts';

// A closed pipe (cgraph export | head) is a normal way for a reader to stop, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new Command()
  .name('cgraph')
  .description('commitment-graph: who pledged, refused or warned what, to whom, on what evidence')
  .showHelpAfterError()
  .exitOverride();

// The command that runs, and whether it was asked for JSON: its failure is then JSON too.
let running: FailedCommand = {};
program.hook('preAction', (_program, action) => {
  running = { command: action.name(), json: action.opts().json === true };
});

// In the order --help lists them: dossiers, the store, sources and reviews, listing and analysis, data, reference.
const COMMANDS: readonly ((program: Command) => void)[] = [
  registerValidate,
  registerDraft,
  registerLoad,
  registerStats,
  registerReset,
  registerMigrate,
  registerSeed,
  registerVersions,
  registerDiff,
  registerUnload,
  registerMerge,
  registerStatements,
  registerReview,
  registerGrade,
  registerCommitments,
  registerPath,
  registerPaths,
  registerNeighbours,
  registerCentral,
  registerBlocs,
  registerScenario,
  registerTensions,
  registerSearch,
  registerExport,
  registerGenerate,
  registerImport,
  registerCodes,
  registerSchema,
];
for (const register of COMMANDS) register(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  } else {
    reportError(error, running);
    process.exitCode = exitCodeFor(error);
  }
}
