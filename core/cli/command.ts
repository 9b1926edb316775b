import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors';
import type { CliContext } from './actor';
import { nearest } from './nearest';

/** Where a command writes; tests may capture it, the CLI binds it to the process streams. */
export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
}

/** What a command module exports: its usage line (see concordCommand) and what it does. */
export interface Command {
  usage: string;
  /** Returns the process exit code. Throws InputError for bad input (exit 2). */
  run(argv: string[], io: CommandIO, ctx: CliContext): Promise<number> | number;
}

/**
 * A command as the registry (commands/index.ts) lists it: `help` needs only the name and summary,
 * so a command's module, and everything it imports, loads only when that command runs.
 */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs with our error style: unknown flags and missing values are usage errors. */
export function parseFlags<O extends Options>(argv: string[], options: O, usage: string, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (e) {
    const message = (e as Error).message.replace(/\.$/, '');
    const unknown = /^Unknown option '--([^'=]+)/.exec(message)?.[1];
    const meant = unknown === undefined ? undefined : nearest(unknown, Object.keys(options));
    throw new UsageError(`${message.replace(/\. To specify a positional argument.*$/, '')}${meant ? ` (did you mean --${meant}?)` : ''}. Usage: ${usage}`);
  }
}

export function requireFlag(value: string | undefined, flag: string, usage: string): string {
  if (value === undefined || value === '') throw new UsageError(`missing --${flag}. Usage: ${usage}`);
  return value;
}

export function printJson(io: CommandIO, value: unknown): void {
  io.out(JSON.stringify(value, null, 2) + '\n');
}
