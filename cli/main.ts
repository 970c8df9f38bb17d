/**
 * The `oomwatch` command line: every command over the same shared modules the Azure
 * Functions use. Usage errors and unreadable inputs exit 2 with one line on stderr.
 */
import { Command, CommanderError } from 'commander';
import { registerDemoCommand } from './commands/demo';
import { registerDigestCommand } from './commands/digest';
import { registerEventsCommand } from './commands/events';
import { registerIngestCommand } from './commands/ingest';
import { registerParseCommand } from './commands/parse';
import { registerSendCommand } from './commands/send';
import { registerServeCommand } from './commands/serve';
import { registerSummaryCommand } from './commands/summary';
import { InputError } from './read-inputs';

/** Builds the program with every command registered. */
export function buildProgram(): Command {
  const program = new Command('oomwatch')
    .description('Classified OOM-kill events from Kubernetes node kernel logs')
    .exitOverride();
  registerParseCommand(program);
  registerIngestCommand(program);
  registerEventsCommand(program);
  registerDemoCommand(program);
  registerServeCommand(program);
  registerSummaryCommand(program);
  registerDigestCommand(program);
  registerSendCommand(program);
  return program;
}

/** Runs the CLI; resolves when the command is done. */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`oomwatch: ${message}\n`);
    process.exitCode = error instanceof InputError || isUsageError(error) ? 2 : 1;
  }
}

function isUsageError(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('--');
}
