// How every message, help text and screen names a Concord command, so that what it shows runs as
// written. `npx concord` does, in the repository (npm runs the package's own `bin`, the compiled
// build) and wherever Concord is installed: npx runs a project's installed bin, or a global one.
// A bare `concord` only works after a global install, so no message assumes one.

/** The words that start a Concord command line. */
export const CONCORD_COMMAND = 'npx concord';

/**
 * A Concord command line as users should type it: `concordCommand('status --workspace DIR')` is
 * `npx concord status --workspace DIR`. Values from the user (paths) go through shellQuote first;
 * usage patterns (`DIR`, `[--json]`, `a|b`) are passed as they are.
 */
export function concordCommand(args: string): string {
  return args ? `${CONCORD_COMMAND} ${args}` : CONCORD_COMMAND;
}

/** A POSIX shell word: bare when safe, otherwise single-quoted. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The words that start a command line of the team's hub (hub/). */
export const HUB_COMMAND = 'npx concord-hub';

/** A hub command line as users should type it: `hubCommand('serve --data DIR')`. */
export function hubCommand(args: string): string {
  return args ? `${HUB_COMMAND} ${args}` : HUB_COMMAND;
}
