// Seeded pseudo-random numbers, so every resampling result is reproducible from its seed.
// Math.random is never used by the statistics engine.

/**
 * mulberry32 (Tommy Ettinger, 2017; public-domain 32-bit generator, period 2^32): returns a function
 * giving uniform floats in [0, 1). Good enough for bootstrap resampling, not for cryptography.
 */
export function mulberry32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in [0, n) from a generator made by mulberry32. */
export function randomInt(rand: () => number, n: number): number {
  return Math.floor(rand() * n);
}

/** Checks a user-supplied seed: any safe integer; used modulo 2^32. */
export function normalizeSeed(seed: number): number {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  return seed >>> 0;
}
