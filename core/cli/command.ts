import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors';
import type { CliContext } from './actor';

/** Where a command writes; tests may capture it, the CLI binds it to the process streams. */
export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Returns the process exit code. Throws InputError for bad input (exit 2). */
  run(argv: string[], io: CommandIO, ctx: CliContext): Promise<number> | number;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs with our error style: unknown flags and missing values are usage errors. */
export function parseFlags<O extends Options>(argv: string[], options: O, usage: string, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (e) {
    throw new UsageError(`${(e as Error).message.replace(/\.$/, '')}. Usage: ${usage}`);
  }
}

export function requireFlag(value: string | undefined, flag: string, usage: string): string {
  if (value === undefined || value === '') throw new UsageError(`missing --${flag}. Usage: ${usage}`);
  return value;
}

export function printJson(io: CommandIO, value: unknown): void {
  io.out(JSON.stringify(value, null, 2) + '\n');
}
