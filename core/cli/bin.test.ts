// The `concord` command as users get it: package.json's bin entry, run through npx in the
// repository and from an installed copy of the package (npm pack's tarball, laid out the way npm
// installs it; the real install needs the registry, so its dependency is linked from here).
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CONCORD_COMMAND } from '../../shared/cli/concordCommand';
import { concordBin } from '../testing/cli';
import { useTempDirs } from '../testing/tmp';

const tempDir = useTempDirs();
const root = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(cmd: string, args: string[], cwd: string): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(cmd, args, { cwd, env: { ...process.env, CONCORD_USER: 'test-runner' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** Runs a command line in a shell, exactly as a message prints it. */
const shell = (line: string, cwd: string) => run('sh', ['-c', line], cwd);

describe('the concord bin entry', () => {
  it('is the compiled build, an executable Node script', () => {
    expect(path.resolve(root, pkg.bin.concord)).toBe(concordBin);
    expect(readFileSync(concordBin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    accessSync(concordBin, constants.X_OK);
  });

  it('runs as `npx concord` in the repository, from the compiled files', async () => {
    const version = await shell(`${CONCORD_COMMAND} --version`, root);
    expect(version.stderr).toBe('');
    expect(version.stdout).toBe(`concord ${pkg.version}\n`);
    // The stack trace says which files ran: the build in dist/cli, not the TypeScript source.
    const trace = await shell(`${CONCORD_COMMAND} status --workspace ${path.join(tempDir(), 'none')} --debug`, root);
    expect(trace.code).toBe(2);
    const frames = trace.stderr.split('\n').filter((l) => /^\s+at /.test(l));
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.filter((l) => l.includes(root)).every((l) => l.includes(path.join(root, 'dist/cli/')))).toBe(true);
    expect(trace.stderr).not.toMatch(/\.ts:\d+/);
  });

  it('runs as `npx concord` from an installed package: init, status, the bundled guidelines', async () => {
    const dir = tempDir();
    const packed = await run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], root);
    expect(packed.code).toBe(0);
    const project = path.join(dir, 'project');
    const modules = path.join(project, 'node_modules');
    mkdirSync(path.join(modules, 'concord'), { recursive: true });
    mkdirSync(path.join(modules, '.bin'));
    expect((await run('tar', ['-xzf', path.join(dir, packed.stdout.trim()), '-C', path.join(modules, 'concord'), '--strip-components=1'], dir)).code).toBe(0);
    // What npm install adds: the runtime dependency, and the bin link.
    symlinkSync(path.join(root, 'node_modules/better-sqlite3'), path.join(modules, 'better-sqlite3'));
    symlinkSync(path.join('..', 'concord', pkg.bin.concord), path.join(modules, '.bin/concord'));
    mkdirSync(path.join(project, 'data'));
    writeFileSync(path.join(project, 'package.json'), '{"name":"project","private":true,"dependencies":{"concord":"*"}}');

    const init = await shell(`${CONCORD_COMMAND} init --workspace data/ws --json`, project);
    expect(init.stderr).toBe('');
    expect(JSON.parse(init.stdout).activeGuideline).toEqual({ id: 'harm-taxonomy', version: '1.1.0' });
    const status = await shell(`${CONCORD_COMMAND} status --workspace data/ws --json`, project);
    expect(JSON.parse(status.stdout)).toMatchObject({ samples: 0, events: expect.any(Number) });
    const guidelines = await shell(`${CONCORD_COMMAND} guidelines list`, project);
    expect(guidelines.stdout).toMatch(/harm-taxonomy\s+1\.0\.0/);
  });
});
