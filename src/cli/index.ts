// The cgraph command line: thin commands over the ingest, store and analysis services.
import { Command, CommanderError } from 'commander';
import { registerAnalysisCommands } from './commands/analysis-commands.ts';
import { registerCodes } from './commands/codes.ts';
import { registerDraft } from './commands/draft.ts';
import { registerGenerate } from './commands/generate.ts';
import { registerSchema } from './commands/schema.ts';
import { registerSeed } from './commands/seed.ts';
import { registerImport } from './commands/import.ts';
import { registerSourceCommands } from './commands/source-commands.ts';
import { registerStoreCommands } from './commands/store-commands.ts';
import { registerValidate } from './commands/validate.ts';
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

registerValidate(program);
registerDraft(program);
registerStoreCommands(program);
registerSeed(program);
registerSourceCommands(program);
registerAnalysisCommands(program);
registerGenerate(program);
registerImport(program);
registerCodes(program);
registerSchema(program);

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
