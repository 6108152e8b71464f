/**
 * Local differential privacy by randomized response over a one-hot vector
 * ("symmetric unary encoding", as in basic RAPPOR without the Bloom filter).
 *
 * The device's true value is one cell of `d` (or no cell, for a cover record). Every bit of the
 * one-hot vector is reported truthfully with probability `p = e^(ε/2) / (1 + e^(ε/2))` and flipped
 * otherwise, independently. Two inputs differ in at most two bits, so any output is at most
 * `(p/q)^2 = e^ε` times likelier under one input than another: each record is ε-LDP. Records
 * compose: a device sending `r` records spends `r·ε`.
 *
 * The collector sees only the noisy bits. For `N` records of which `c` have a cell's bit set, the
 * unbiased estimate of how many records truly had that cell is `(c − N·q) / (p − q)`, `q = 1 − p`,
 * with variance `N·q·(1 − q) / (p − q)^2` whatever the true count (set bits contribute `p(1 − p)`,
 * unset ones `q(1 − q)`, and these are equal since `q = 1 − p`).
 */
import { GuardError } from '../engine/errors.js';

/** The default ε per record: ln 3, so any output is at most 3 times likelier under one input than another. */
export const DEFAULT_EPSILON = Math.log(3);
/** The ε range accepted, per record. */
export const EPSILON_RANGE = { min: 0.1, max: 10 } as const;

/** A uniform random number in [0, 1). */
export type Random = () => number;

/** Uniform [0, 1) from WebCrypto: noise from `Math.random` could be predicted and undone. */
export const cryptoRandom: Random = () => {
  const [word] = globalThis.crypto.getRandomValues(new Uint32Array(1));
  return (word as number) / 2 ** 32;
};

/** `p`, the probability a bit is reported as it is, and `q = 1 − p`. */
export function keepProbability(epsilon: number): { readonly p: number; readonly q: number } {
  if (!(epsilon >= EPSILON_RANGE.min && epsilon <= EPSILON_RANGE.max)) {
    throw new GuardError('INVALID_OPTIONS', `Expected epsilon to be a number from ${EPSILON_RANGE.min} to ${EPSILON_RANGE.max}.`);
  }
  const half = Math.exp(epsilon / 2);
  return { p: half / (1 + half), q: 1 / (1 + half) };
}

/**
 * Randomizes a one-hot vector of `cells` bits whose set bit is `value` (`null`: none set, a cover record).
 * @returns the noisy bits as a string of `'0'` and `'1'`.
 * @throws GuardError `INVALID_OPTIONS` for ε out of range or `value` outside 0..cells−1.
 */
export function randomizeOneHot(value: number | null, cells: number, epsilon: number, random: Random = cryptoRandom): string {
  const { p } = keepProbability(epsilon);
  if (value !== null && !(Number.isInteger(value) && value >= 0 && value < cells)) {
    throw new GuardError('INVALID_OPTIONS', `Expected a cell from 0 to ${cells - 1}.`);
  }
  let bits = '';
  for (let cell = 0; cell < cells; cell += 1) {
    const truth = cell === value;
    bits += random() < p === truth ? '1' : '0';
  }
  return bits;
}

/** One cell's estimate: the unbiased count and its standard error. */
export interface CellEstimate {
  readonly estimate: number;
  readonly stderr: number;
}

/**
 * Unbiased estimates of the true count per cell, from `records` noisy vectors of which `ones[i]` had bit `i` set.
 * @example
 * estimateCounts({ records: 10_000, ones: [5210, 4933], epsilon: Math.log(3) })
 */
export function estimateCounts(input: { readonly records: number; readonly ones: readonly number[]; readonly epsilon: number }): CellEstimate[] {
  const { p, q } = keepProbability(input.epsilon);
  const stderr = Math.sqrt((input.records * q * (1 - q)) / (p - q) ** 2);
  return input.ones.map((count) => ({ estimate: (count - input.records * q) / (p - q), stderr }));
}
