import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Builds the compiled `concord` command (scripts/build-cli.mjs), as `npm install` does: the CLI
 * tests run it, and it must be built from the source under test, not left over from the install.
 * Vitest's and Playwright's global setups call this once per run.
 */
export function buildCli(): void {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const r = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('building the concord command (scripts/build-cli.mjs) failed');
}

export default buildCli;
