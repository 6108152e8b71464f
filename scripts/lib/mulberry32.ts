/**
 * mulberry32: a small seeded PRNG, uniform in [0, 1). One copy for every script, fixture and test
 * that needs repeatable "random" numbers (shuffles, initialisation, resamples, test data); the
 * committed models were trained with exactly this sequence, so changing it changes their bytes.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
