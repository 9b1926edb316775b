import { describe, expect, it } from 'vitest';
import { compareSemver, isSemver, newestVersion, parseSemver, sortVersions } from './semver';

describe('semver', () => {
  it('accepts semantic versions and refuses everything else', () => {
    for (const v of ['0.0.0', '1.1.0', '10.20.30', '1.0.0-rc.1', '1.0.0-alpha-a.b-c', '1.0.0+build.5', '1.0.0-0.3.7+x']) expect(isSemver(v)).toBe(true);
    for (const v of ['1.1', 'v1.0.0', '01.0.0', '1.0.0-', '1.0.0-01', '1.0', '', ' 1.0.0', '1.0.0.0', '1.x.0']) expect(isSemver(v)).toBe(false);
    expect(isSemver(1)).toBe(false);
    expect(parseSemver('1.2.3-rc.1+b')).toEqual({ major: 1, minor: 2, patch: 3, prerelease: ['rc', '1'], build: ['b'] });
  });

  it('orders by precedence, numerically and with pre-releases first', () => {
    const ordered = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.2.0', '1.10.0', '2.0.0'];
    expect(sortVersions([...ordered].reverse())).toEqual(ordered);
    expect(compareSemver('1.0.0+a', '1.0.0+b')).toBe(0);
    expect(newestVersion(['1.0.0', '1.10.0', '1.9.0'])).toBe('1.10.0');
    expect(newestVersion([])).toBeUndefined();
    expect(() => compareSemver('1.0', '1.0.0')).toThrow(/not a semantic version/);
  });
});
