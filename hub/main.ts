// The hub's command line: `npm run --silent hub -- <command> [options]` (README: "The hub").
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
