// Dispatches a CLI invocation to its command. Kept free of process globals so tests can call it.
// Errors are one line on stderr; exit 2 for bad input or usage, 1 for anything else.
import { concordCommand } from '../../shared/cli/concordCommand';
import packageJson from '../../package.json' with { type: 'json' };
import { commands } from './commands/index';
import { nearest } from './nearest';
import { InputError, UsageError, WorkspaceBusyError } from '../errors';
import { isBusyError } from '../store/transaction';
import type { CommandIO } from './command';

export function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'concord: human review for AI-safety evaluation',
    '',
    `Usage: ${concordCommand('<command> [options]')}`,
    '',
    'Commands:',
    ...lines,
    '',
    "Global options: --as PROFILE (act as this profile; by default the workspace's local owner), --debug (stack traces on error), --help, --version",
    `Run '${concordCommand('<command> --help')}' for a command's options.`,
    '',
  ].join('\n');
}

/** Takes `--as PROFILE` (or `--as=PROFILE`) out of the arguments, wherever it stands. */
function takeAs(argv: string[]): { as?: string; rest: string[] } {
  const rest: string[] = [];
  let as: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--as') {
      as = argv[++i];
      if (as === undefined || as.startsWith('--')) throw new UsageError('--as needs a profile id: --as PROFILE');
    } else if (argv[i].startsWith('--as=')) as = argv[i].slice('--as='.length);
    else rest.push(argv[i]);
  }
  return { as, rest };
}

export async function runCli(argv: string[], io: CommandIO): Promise<number> {
  const debug = argv.includes('--debug');
  let global;
  try {
    global = takeAs(argv.filter((a) => a !== '--debug'));
  } catch (e) {
    io.err(`concord: ${(e as Error).message}\n`);
    return 2;
  }
  const [name, ...rest] = global.rest;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(helpText());
    return 0;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.out(`concord ${packageJson.version}\n`);
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    const meant = nearest(name, commands.map((c) => c.name));
    io.err(`concord: unknown command '${name}'${meant ? ` (did you mean '${meant}'?)` : ''}. Run '${concordCommand('help')}' for the list.\n`);
    return 2;
  }
  try {
    const command = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(`Usage: ${command.usage}\n\n${entry.summary}\n`);
      return 0;
    }
    return await command.run(rest, io, { as: global.as });
  } catch (e) {
    // A busy database that did not come through writeTransaction (opening, migrating) reads the same.
    const error = isBusyError(e) && !(e instanceof WorkspaceBusyError) ? new WorkspaceBusyError('', 0, e as Error) : (e as Error);
    io.err(`concord ${name}: ${error.message}\n`);
    if (debug && error.stack) io.err(error.stack + '\n');
    return e instanceof InputError ? 2 : 1;
  }
}
