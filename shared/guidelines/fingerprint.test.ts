import { describe, expect, it } from 'vitest';
import { canonicalJson, packFingerprint, sha256Hex, utf8Bytes } from './fingerprint';
import { packV1 } from './fixtures';
import { validatePack } from './validate';

describe('sha256Hex', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(sha256Hex('a'.repeat(1_000_000))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('pads correctly around the block boundary', () => {
    expect(sha256Hex('a'.repeat(55))).toBe('9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318');
    expect(sha256Hex('a'.repeat(56))).toBe('b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a');
    expect(sha256Hex('a'.repeat(64))).toBe('ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb');
  });

  it('hashes the UTF-8 encoding of non-ASCII text', () => {
    expect(sha256Hex('Größe 😀 — 😀x\n')).toBe('93bfdefbdeedda098db9893d2a007cf8061f0504852f48d4c7701f440adfd4b4');
    expect([...utf8Bytes('é😀')]).toEqual([0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80]);
    expect([...utf8Bytes('\ud800')]).toEqual([0xef, 0xbf, 0xbd]); // lone surrogate -> U+FFFD
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level, keeps array order, drops undefined properties', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, { z: null, y: 'x' }], c: true }, u: undefined })).toBe(
      '{"a":{"c":true,"d":[3,1,{"y":"x","z":null}]},"b":1}',
    );
  });

  it('refuses values JSON cannot represent', () => {
    expect(() => canonicalJson({ a: NaN })).toThrow(/not representable/);
    expect(() => canonicalJson({ a: () => 1 })).toThrow(/function/);
  });
});

describe('packFingerprint', () => {
  const pack = () => {
    const r = validatePack(packV1());
    if (!r.ok) throw new Error('fixture invalid');
    return r.pack;
  };

  function reversedKeys(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(reversedKeys);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversedKeys(x)]));
    return v;
  }

  it('is stable and independent of key order', () => {
    const p = pack();
    const fp = packFingerprint(p);
    expect(fp).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(packFingerprint(pack())).toBe(fp);
    const reordered = reversedKeys(p);
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(p));
    expect(packFingerprint(reordered)).toBe(fp);
  });

  it('changes with any change of content', () => {
    const fp = packFingerprint(pack());
    const changes: ((p: any) => void)[] = [
      (p) => (p.rubric += ' '),
      (p) => (p.fields[0].options[0].hotkey = 'q'),
      (p) => p.fields[1].levels[0].examples.push('An example.'),
      (p) => (p.fields[0].options = [p.fields[0].options[1], p.fields[0].options[0], ...p.fields[0].options.slice(2)]),
      (p) => (p.changelog[0].changes[0] = 'First version!'),
      (p) => (p.fields[4].maxLength = 21),
      (p) => (p.title = 'Test pack.'),
    ];
    const seen = new Set([fp]);
    for (const change of changes) {
      const p = pack();
      change(p);
      const changed = packFingerprint(p);
      expect(seen.has(changed)).toBe(false);
      seen.add(changed);
    }
  });
});
