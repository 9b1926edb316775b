// Semantic versions (https://semver.org, 2.0.0) for guideline packs: parsing, validation, precedence.
// Pure TypeScript, no dependencies: the renderer and the engine both use it.

export interface Semver {
  major: number;
  minor: number;
  patch: number;
  /** Pre-release identifiers ("1.0.0-rc.1" -> ["rc", "1"]); empty for a release. */
  prerelease: string[];
  /** Build metadata ("1.0.0+abc" -> ["abc"]); ignored for precedence. */
  build: string[];
}

const NUM = '0|[1-9]\\d*';
const PRE_ID = `(?:${NUM}|\\d*[a-zA-Z-][0-9a-zA-Z-]*)`;
const BUILD_ID = '[0-9a-zA-Z-]+';
const SEMVER = new RegExp(`^(${NUM})\\.(${NUM})\\.(${NUM})(?:-(${PRE_ID}(?:\\.${PRE_ID})*))?(?:\\+(${BUILD_ID}(?:\\.${BUILD_ID})*))?$`);

/** Parses a semantic version; undefined when `s` is not one (no leading "v", no leading zeros). */
export function parseSemver(s: string): Semver | undefined {
  const m = SEMVER.exec(s);
  if (!m) return undefined;
  const [major, minor, patch] = [m[1], m[2], m[3]].map(Number);
  if (![major, minor, patch].every(Number.isSafeInteger)) return undefined;
  return { major, minor, patch, prerelease: m[4] ? m[4].split('.') : [], build: m[5] ? m[5].split('.') : [] };
}

export function isSemver(s: unknown): s is string {
  return typeof s === 'string' && parseSemver(s) !== undefined;
}

function compareIdentifiers(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an && bn) return Math.sign(Number(a) - Number(b));
  if (an) return -1; // numeric identifiers have lower precedence than alphanumeric ones
  if (bn) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Semver precedence: negative when a < b, 0 when equal precedence, positive when a > b.
 * Throws on an invalid version (callers validate first).
 */
export function compareSemver(a: string, b: string): number {
  const pa = parseSemver(a);
  const pb = parseSemver(b);
  if (!pa) throw new RangeError(`"${a}" is not a semantic version`);
  if (!pb) throw new RangeError(`"${b}" is not a semantic version`);
  for (const k of ['major', 'minor', 'patch'] as const) if (pa[k] !== pb[k]) return Math.sign(pa[k] - pb[k]);
  // A pre-release has lower precedence than its release: 1.0.0-rc.1 < 1.0.0.
  if (!pa.prerelease.length || !pb.prerelease.length) return (pa.prerelease.length ? -1 : 0) + (pb.prerelease.length ? 1 : 0);
  const n = Math.min(pa.prerelease.length, pb.prerelease.length);
  for (let i = 0; i < n; i++) {
    const c = compareIdentifiers(pa.prerelease[i], pb.prerelease[i]);
    if (c !== 0) return c;
  }
  return Math.sign(pa.prerelease.length - pb.prerelease.length);
}

/** Versions sorted oldest first (a new array). */
export function sortVersions(versions: readonly string[]): string[] {
  return [...versions].sort(compareSemver);
}

/** The highest version by semver precedence; undefined for an empty list. */
export function newestVersion(versions: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const v of versions) if (best === undefined || compareSemver(v, best) > 0) best = v;
  return best;
}
