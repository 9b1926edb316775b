// `npm start`: opens (or creates on first run) the demo workspace and shows where things stand.
// The rater app takes over this entry point when it lands; until then it prints status and help.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runCli, helpText } from './cli/run';
import type { CommandIO } from './cli/command';
import { workspaceExists } from './workspace/workspace';

const root = fileURLToPath(new URL('../', import.meta.url));
const workspace = process.env.CONCORD_WORKSPACE ?? `${root}demo-workspace`;
const demoData = `${root}demo/samples.jsonl`;
const io: CommandIO = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

async function main(): Promise<number> {
  if (!workspaceExists(workspace)) {
    io.out(`First run: creating the demo workspace in ${workspace}\n`);
    let code = await runCli(['init', '--workspace', workspace], io);
    if (code === 0 && existsSync(demoData)) code = await runCli(['import', '--workspace', workspace, '--file', demoData], io);
    if (code !== 0) return code;
  }
  io.out('\n');
  const code = await runCli(['status', '--workspace', workspace], io);
  io.out('\n' + helpText());
  return code;
}

main().then((code) => (process.exitCode = code));
