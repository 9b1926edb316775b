import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { concordBin } from '../../core/testing/cli';

export const root = fileURLToPath(new URL('../../', import.meta.url));

export interface RunningApp {
  workspace: string;
  url: string;
  openUrl: string;
  /** Stops the server process (the workspace stays, so a restart sees what was saved). */
  stop(): Promise<void>;
}

export function tempWorkspaceDir(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'concord-e2e-')), 'ws');
}

export function removeWorkspace(dir: string) {
  rmSync(path.dirname(dir), { recursive: true, force: true });
}

/** Runs the compiled CLI command the way a user would; throws with its stderr if it fails. */
export async function cli(args: string[]): Promise<string> {
  const child = spawn(process.execPath, [concordBin, ...args], { cwd: root });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  if (code !== 0) throw new Error(`concord ${args.join(' ')} exited ${code}: ${err}`);
  return out;
}

/** Starts the real engine + HTTP bridge on a workspace, as a separate process. */
/** `demo`: the bare demo workspace on first run; `'team'`: the demo with its team at work, as the app opens it. */
export async function startApp(workspace: string, opts: { demo?: boolean | 'team'; staticDir?: string; args?: string[] } = {}): Promise<RunningApp> {
  const args = [
    ...['--import', 'tsx', 'core/server/main.ts', '--workspace', workspace],
    ...(opts.demo === 'team' ? ['--demo-team'] : opts.demo ? ['--demo'] : []),
    ...(opts.staticDir ? ['--static', opts.staticDir] : []),
    ...(opts.args ?? []),
  ];
  const child: ChildProcess = spawn(process.execPath, args, { cwd: root });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const first = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(buf.slice(0, nl));
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
  });
  const { url, openUrl } = JSON.parse(first) as { url: string; openUrl: string };
  return {
    workspace,
    url,
    openUrl,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
