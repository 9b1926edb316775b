// Loading guideline packs from disk: pack.json plus the rubric Markdown it names, validated into one
// document. Bundled packs live in guidelines/<id>/<version>/ at the repository root.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseJson } from '../../shared/guidelines/json';
import type { GuidelinePack, PackFile } from '../../shared/guidelines/schema';
import { isSemver, newestVersion, sortVersions } from '../../shared/guidelines/semver';
import { checkMappingBetween, checkRubric, validatePack, validatePackFile, type PackIssue } from '../../shared/guidelines/validate';
import { InputError } from '../errors';

/** One problem with a pack, located: `file: path: message`. */
export interface FileIssue {
  file: string;
  path: string;
  message: string;
}

export function formatFileIssue(i: FileIssue): string {
  return `${i.file}: ${i.path}: ${i.message}`;
}

/** An invalid pack (exit 2). The message lists every problem, one per line, each `file: path: message`. */
export class PackValidationError extends InputError {
  override name = 'PackValidationError';
  constructor(readonly issues: FileIssue[]) {
    super(issues.map(formatFileIssue).join('\n'));
  }
}

/** The folder of bundled packs: CONCORD_GUIDELINES_DIR, or guidelines/ at the repository root. */
export function bundledGuidelinesDir(): string {
  return process.env.CONCORD_GUIDELINES_DIR || fileURLToPath(new URL('../../guidelines/', import.meta.url));
}

/** A path for messages: relative to the working directory when inside it, else absolute. */
export function displayPath(p: string): string {
  const abs = path.resolve(p);
  const rel = path.relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
}

function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return 'no such file';
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'permission denied';
  if (err.code === 'EISDIR') return 'is a folder, not a file';
  return err.message;
}

export interface LoadOptions {
  /**
   * Check the declared mapping against the version it maps from, when that version is found next to
   * this one (../<from>/pack.json). Default true.
   */
  checkMapping?: boolean;
  /** The id and version the pack must have (bundled packs: their folder names). */
  expect?: { id: string; version: string };
}

/** Resolves a pack path: pack.json itself, or the folder holding it. */
export function packJsonPath(p: string): string {
  try {
    if (statSync(p).isDirectory()) return path.join(p, 'pack.json');
  } catch {
    // reported when reading
  }
  return p;
}

/**
 * Reads and validates a pack: `file` is pack.json or its folder. Throws PackValidationError listing
 * every problem (pack.json and rubric alike); returns the document with the rubric's Markdown inline.
 */
export function loadPackFile(file: string, options: LoadOptions = {}): GuidelinePack {
  const packPath = packJsonPath(file);
  const shown = displayPath(packPath);
  const issues: FileIssue[] = [];
  const fail = (): never => {
    throw new PackValidationError(issues);
  };

  let text: string;
  try {
    text = readFileSync(packPath, 'utf8');
  } catch (e) {
    issues.push({ file: shown, path: '(file)', message: `cannot read: ${describeFsError(e)}` });
    return fail();
  }
  const json = parseJson(text);
  if (!json.ok) {
    issues.push({ file: shown, path: `line ${json.line}, column ${json.column}`, message: `invalid JSON: ${json.message}` });
    return fail();
  }

  const dir = path.dirname(packPath);
  const rubricName = (json.value as { rubric?: unknown } | null)?.rubric;
  const rubricPath = typeof rubricName === 'string' ? path.join(dir, rubricName) : undefined;
  const rubricShown = rubricPath ? displayPath(rubricPath) : shown;
  const located = (list: PackIssue[]) => list.map((i) => ({ file: i.source === 'rubric' ? rubricShown : shown, path: i.path, message: i.message }));

  const checked = validatePackFile(json.value);
  if (!checked.ok) issues.push(...located(checked.issues));
  const packFile: PackFile | undefined = checked.file; // set when the structure is valid

  // Read the rubric whenever pack.json names a usable file, so a missing rubric is reported with the rest.
  let rubric: string | undefined;
  if (rubricPath && !(checked.ok === false && checked.issues.some((i) => i.path === 'rubric'))) {
    try {
      rubric = readFileSync(rubricPath, 'utf8');
    } catch (e) {
      issues.push({ file: shown, path: 'rubric', message: `cannot read ${JSON.stringify(rubricName)} (${rubricShown}): ${describeFsError(e)}` });
    }
  }
  if (packFile && rubric !== undefined) {
    if (!rubric.trim()) issues.push({ file: rubricShown, path: '(file)', message: 'the rubric is empty' });
    else issues.push(...located(checkRubric({ fields: packFile.fields, rubric })));
  }

  // Folder layout: <id>/<version>/pack.json must agree with the document.
  if (packFile) {
    const folder = path.basename(path.resolve(dir));
    const expect = options.expect;
    if (expect && packFile.id !== expect.id) issues.push({ file: shown, path: 'id', message: `is ${JSON.stringify(packFile.id)} but the pack's folder is ${JSON.stringify(expect.id)}` });
    if (expect && packFile.version !== expect.version) {
      issues.push({ file: shown, path: 'version', message: `is ${packFile.version} but the pack's folder is ${expect.version}` });
    } else if (!expect && isSemver(folder) && folder !== packFile.version) {
      issues.push({ file: shown, path: 'version', message: `is ${packFile.version} but the pack's folder is ${folder} (each version lives in a folder named after it)` });
    }
  }
  if (issues.length || !checked.ok || !packFile || rubric === undefined) return fail();

  const doc = { ...packFile, rubric };
  const full = validatePack(doc);
  if (!full.ok) {
    issues.push(...located(full.issues));
    return fail();
  }
  const pack = full.pack;

  if (pack.mapping && options.checkMapping !== false) {
    const previous = path.join(dir, '..', pack.mapping.from, 'pack.json');
    if (existsSync(previous)) {
      const from = loadPackFile(previous, { checkMapping: false });
      issues.push(...located(checkMappingBetween(from, pack)));
      if (issues.length) return fail();
    }
  }
  return pack;
}

export interface BundledPackRef {
  id: string;
  version: string;
  /** The pack's folder. */
  dir: string;
}

/** The bundled packs on disk (id and version from the folder names), sorted by id, then oldest first. Not validated. */
export function listBundledPacks(root: string = bundledGuidelinesDir()): BundledPackRef[] {
  const out: BundledPackRef[] = [];
  const subdirs = (d: string) =>
    existsSync(d)
      ? readdirSync(d, { withFileTypes: true })
          .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
          .map((e) => e.name)
      : [];
  for (const id of subdirs(root).sort()) {
    const versions = subdirs(path.join(root, id)).filter((v) => isSemver(v) && existsSync(path.join(root, id, v, 'pack.json')));
    for (const version of sortVersions(versions)) out.push({ id, version, dir: path.join(root, id, version) });
  }
  return out;
}

/** The bundled versions of a pack, oldest first. */
export function bundledVersions(id: string, root: string = bundledGuidelinesDir()): string[] {
  return listBundledPacks(root)
    .filter((r) => r.id === id)
    .map((r) => r.version);
}

/**
 * Loads and validates a bundled pack; the newest version when `version` is omitted. An unknown id or
 * version is an InputError (one line, naming what is bundled).
 */
export function loadBundledPack(id: string, version?: string, root: string = bundledGuidelinesDir()): GuidelinePack {
  const all = listBundledPacks(root);
  const versions = all.filter((r) => r.id === id).map((r) => r.version);
  if (!versions.length) {
    const ids = [...new Set(all.map((r) => r.id))];
    throw new InputError(`no bundled guideline pack ${JSON.stringify(id)} (bundled: ${ids.join(', ') || 'none'})`);
  }
  const v = version ?? newestVersion(versions)!;
  if (!versions.includes(v)) throw new InputError(`guideline pack ${id} has no bundled version ${v} (bundled: ${versions.join(', ')})`);
  return loadPackFile(path.join(root, id, v, 'pack.json'), { expect: { id, version: v } });
}

/** Every bundled version of every pack, validated (including each declared mapping). */
export function loadAllBundledPacks(root: string = bundledGuidelinesDir()): GuidelinePack[] {
  return listBundledPacks(root).map((r) => loadPackFile(path.join(r.dir, 'pack.json'), { expect: { id: r.id, version: r.version } }));
}

/** Re-validates a document that came from elsewhere (e.g. a workspace) without touching the disk. */
export function parsePackDocument(doc: unknown, source = '(document)'): GuidelinePack {
  const r = validatePack(doc);
  if (!r.ok) throw new PackValidationError(r.issues.map((i) => ({ file: i.source === 'rubric' ? `${source} (rubric)` : source, path: i.path, message: i.message })));
  return r.pack;
}
