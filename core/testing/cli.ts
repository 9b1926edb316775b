import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The compiled `concord` command, package.json's `bin` entry: what `npx concord` runs. The test
 * runs build it first (core/testing/buildCli.ts), so it is never older than the source.
 */
export const concordBin = fileURLToPath(new URL('../../dist/cli/concord.mjs', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real, compiled CLI in a child process, the way scripts and pipelines run it. */
export function runConcord(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runBin(concordBin, args, { CONCORD_USER: 'test-runner', ...env });
}

/** Runs a compiled command of this project (`dist/cli/*.mjs`) to its end, from the project's root. */
export function runBin(bin: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
