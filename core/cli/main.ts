#!/usr/bin/env node
// The `concord` command's entry. The compiled build (scripts/build-cli.mjs -> dist/cli/concord.mjs)
// is what `npx concord` runs; `npm run --silent cli -- ...` runs this file from source through tsx.
import { runCli } from './run';
import type { CommandIO } from './command';

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
