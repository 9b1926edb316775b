import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runBin, type CliResult } from '../../core/testing/cli';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** The compiled hub command (built before the tests, as npm install builds it). */
export const hubBin = fileURLToPath(new URL('../../dist/cli/concord-hub.mjs', import.meta.url));

/** Runs the hub's command line in a child process, as `npx concord-hub ...` does. */
export function runHub(args: string[]): Promise<CliResult> {
  return runBin(hubBin, args);
}

export interface ServingHub {
  url: string;
  child: ChildProcess;
  /** SIGTERM, or SIGKILL with `kill -9` semantics. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `hub serve` as a real process and waits for its first line, {"url": ...}. */
export function serveHub(args: string[]): Promise<ServingHub> {
  const child = spawn(process.execPath, [hubBin, 'serve', ...args], { cwd: root });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      try {
        const { url } = JSON.parse(buf.slice(0, nl)) as { url: string };
        resolve({
          url,
          child,
          stop: (signal = 'SIGTERM') =>
            new Promise((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done(child.exitCode);
              child.once('exit', (code) => done(code));
              child.kill(signal);
            }),
        });
      } catch (e) {
        reject(new Error(`hub serve printed ${buf.slice(0, nl)}: ${(e as Error).message}`));
      }
    });
    child.on('exit', (code) => reject(new Error(`hub serve exited ${code}: ${stderr}`)));
  });
}
