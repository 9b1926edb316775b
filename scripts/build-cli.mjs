// Builds the `concord` command (and the hub's, `concord-hub`) into dist/cli/ (or the directory given as the first argument):
// concord.mjs, one chunk per command (the registry imports each lazily, so start-up loads only
// the command that runs), the worker-thread entries and the migrations. Runs on `npm install`
// (the `prepare` script) and before the tests; package.json's `bin` points at dist/cli/concord.mjs.
import { chmodSync } from 'node:fs';
import path from 'node:path';
import { buildInto, root, workerEntries } from './nodeBundle.mjs';

const out = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, 'dist/cli');
await buildInto(out, {
  entryPoints: { concord: 'core/cli/main.ts', 'concord-hub': 'hub/main.ts', ...Object.fromEntries(workerEntries.map((e) => [path.basename(e, '.ts'), e])) },
  splitting: true,
  chunkNames: 'chunk-[hash]',
  // Whitespace and syntax only: names stay, so `--debug` stack traces still read.
  minifyWhitespace: true,
  minifySyntax: true,
});
for (const bin of ['concord.mjs', 'concord-hub.mjs']) chmodSync(path.join(out, bin), 0o755);
