#!/usr/bin/env node
// The `concord` command's entry. The compiled build (scripts/build-cli.mjs -> dist/cli/concord.mjs)
// is what `npx concord` runs; `npm run --silent cli -- ...` runs this file from source through tsx.
import { runCli } from './run';
import type { CommandIO } from './command';

// A reader that stops early (`concord ... | head`) closes the pipe: one line says so, not a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.stderr.write('concord: stopped writing: the output was closed before all of it was read (broken pipe)\n');
  process.exit(1);
});

const io: CommandIO = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };
runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`concord: ${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);
