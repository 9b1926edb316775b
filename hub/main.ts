#!/usr/bin/env node
// The hub's command line, `npx concord-hub <command> [options]` (README: "The hub"). The compiled build
// (scripts/build-cli.mjs -> dist/cli/concord-hub.mjs) is what the bin runs; `npm run --silent hub -- ...`
// runs this file from source through tsx.
import { runHubCli } from './cli';

runHubCli(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`concord-hub: ${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);
