// Errors the CLI (and later the API bridge) turns into exit codes and one-line messages.
// InputError: the user's input or usage is wrong (exit 2). Anything else is a failure (exit 1).
export class InputError extends Error {
  override name = 'InputError';
}

/** Usage mistakes: unknown flags, missing required options. Also exit 2. */
export class UsageError extends InputError {
  override name = 'UsageError';
}
