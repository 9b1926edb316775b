// Dispatches a CLI invocation to its command. Kept free of process globals so tests can call it.
// Errors are one line on stderr; exit 2 for bad input or usage, 1 for anything else.
import { commands } from './commands/index';
import { nearest } from './nearest';
import { InputError, WorkspaceBusyError } from '../errors';
import { isBusyError } from '../store/transaction';
import type { CommandIO } from './command';

export function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'concord: human review for AI-safety evaluation',
    '',
    'Usage: npm run --silent cli -- <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Global options: --debug (stack traces on error), --help',
    "Run 'concord <command> --help' for a command's options.",
    '',
  ].join('\n');
}

export async function runCli(argv: string[], io: CommandIO): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  const [name, ...rest] = args;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(helpText());
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    const meant = nearest(name, commands.map((c) => c.name));
    io.err(`concord: unknown command '${name}'${meant ? ` (did you mean '${meant}'?)` : ''}. Run 'concord help' for the list.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage: ${command.usage}\n\n${command.summary}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    // A busy database that did not come through writeTransaction (opening, migrating) reads the same.
    const error = isBusyError(e) && !(e instanceof WorkspaceBusyError) ? new WorkspaceBusyError('', 0, e as Error) : (e as Error);
    io.err(`concord ${name}: ${error.message}\n`);
    if (debug && error.stack) io.err(error.stack + '\n');
    return e instanceof InputError ? 2 : 1;
  }
}
