// Errors the CLI (and later the API bridge) turns into exit codes and one-line messages.
// InputError: the user's input or usage is wrong (exit 2). Anything else is a failure (exit 1).
export class InputError extends Error {
  override name = 'InputError';
}

/** Usage mistakes: unknown flags, missing required options. Also exit 2. */
export class UsageError extends InputError {
  override name = 'UsageError';
}

/**
 * Another writer (the app, another concord command) held the workspace longer than a writer waits.
 * A failure (exit 1), not bad input: the same command succeeds once the other writer is done.
 */
export class WorkspaceBusyError extends Error {
  override name = 'WorkspaceBusyError';
  constructor(file: string, waitedMs: number, cause?: Error) {
    const which = file ? ` (${file})` : '';
    const wait = waitedMs ? ` and did not let go within ${(waitedMs / 1000).toFixed(1)} s` : '';
    super(`another writer holds the workspace${which}${wait}: the app or another concord command is writing to it. Nothing of this write was saved; try again when it is done`, { cause });
    if (cause?.stack) this.stack = cause.stack;
  }
}
