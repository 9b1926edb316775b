import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread on one of core's worker entries, given as the URL of its TypeScript
 * module. In the compiled builds (the `concord` command in dist/cli, the Electron main process in
 * dist/electron), each entry is built beside the bundle as `<name>.mjs` (`workerEntries` in
 * scripts/nodeBundle.mjs), where the same URL, resolved against the bundle, points. Only in
 * development, run from source (`npm run cli`, tests, the browser-mode server), the module is
 * loaded through tsx's require hook, which is lighter than tsx's ESM loader (no loader thread per
 * worker).
 */
export function startWorker(entry: URL, workerData: unknown): Worker {
  const options = { workerData, execArgv: [] };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL(entry.href.replace(/\.ts$/, '.mjs')), options);
  // Resolved here: an eval'd worker would resolve 'tsx' from the working directory, not the project.
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const source = `require(${JSON.stringify(tsx)}).require(${JSON.stringify(fileURLToPath(entry))}, ${JSON.stringify(entry.href)});`;
  return new Worker(source, { ...options, eval: true });
}
