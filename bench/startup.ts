// npm run bench:startup -- [--runs N]
// Start-up of the compiled `concord` command next to bare Node, measured in one hyperfine run
// (Debian: `apt-get install hyperfine`): `concord --version`, and `concord status` on a small
// workspace (the 319 demo samples). The goal: each no more than three times `node -e 0`.
// The command runs as an installed bin does: the script itself, through its #! line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { demoDataFile } from '../core/demo/demoWorkspace';
import { buildCli } from '../core/testing/buildCli';
import { concordBin } from '../core/testing/cli';

const root = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({ options: { runs: { type: 'string', default: '40' } } });
const benchDir = path.join(root, '.bench');

function concord(args: string[]) {
  const r = spawnSync(concordBin, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`concord ${args[0]} failed: ${r.stderr}`);
}

buildCli();
mkdirSync(benchDir, { recursive: true });
const ws = path.join(benchDir, 'ws-startup');
rmSync(ws, { recursive: true, force: true });
concord(['init', '--workspace', ws]);
concord(['import', '--workspace', ws, '--file', demoDataFile]);

const bin = path.relative(root, concordBin);
const commands = ['node -e 0', `${bin} --version`, `${bin} status --workspace ${path.relative(root, ws)}`];
const run = spawnSync('hyperfine', ['-N', '--warmup', '5', '--runs', values.runs!, ...commands], { cwd: root, stdio: 'inherit' });
if (run.error) {
  console.error('hyperfine is not installed (Debian: apt-get install hyperfine)');
  process.exit(1);
}
process.exit(run.status ?? 1);
