/**
 * The on-device blocklist: Safe Browsing-style lookups of a URL's expressions against a Rice-coded
 * set of 32-bit SHA-256 prefixes, each hit confirmed against longer hashes before it counts.
 *
 * Confirmation data. 32-byte hashes for the 181,380 shipped expressions would take 5.8 MB, more
 * than a chat app should ship for one list. The local hash file keeps `n` more bytes of each hash
 * (default 8, so 96 bits in all: 1.45 MB next to the 380 kB prefix set): the chance that any of a
 * URL's ≤ 30 expressions matches by accident is ≤ 30 × 181k / 2⁹⁶ ≈ 7·10⁻²³, and nobody gains from
 * forging a collision with a listed phishing URL. Where a deployment prefers to ship prefixes only,
 * a {@link FullHashConfirmer} (for example the demo server) can confirm instead: it receives only
 * the 4-byte prefixes that hit, never the URL or its full hash, exactly like Safe Browsing's
 * `fullHashes.find`.
 */
import type { CanonicalUrl } from './canonicalize.js';
import { urlExpressions } from './expressions.js';
import { decodePrefixSet, type PrefixSet } from './prefix-set.js';
import { sha256 } from './sha256.js';

/** "CGFH" read as a little-endian u32: the hash-tail file's magic. */
export const HASH_FILE_MAGIC = 0x48464743;
const HASH_FILE_HEADER = 16;

/**
 * Confirms prefix hits remotely. Implementations receive only 4-byte hash prefixes and answer with
 * every listed hash under them (full 32 bytes, or at least 8), so the server learns a prefix shared
 * by thousands of possible URLs, never which URL the user saw.
 */
export interface FullHashConfirmer {
  /** Listed hashes whose first 4 bytes equal one of `prefixes`. */
  fullHashes(prefixes: readonly Uint8Array[]): Promise<readonly Uint8Array[]>;
}

/** The result of looking a URL up. */
export interface BlocklistLookup {
  /** The listed expression that matched (`evil.example/`), or `null`. */
  readonly match: string | null;
  /** Expressions whose prefix is in the set but that the local hashes could not confirm or refute. */
  readonly unconfirmed: readonly { readonly expression: string; readonly hash: Uint8Array }[];
  /** How many expressions hit the prefix set (confirmed or not). */
  readonly prefixHits: number;
}

/** A loaded blocklist. */
export interface Blocklist {
  /** Listed expressions. */
  readonly size: number;
  /** Bytes of hash kept per entry beyond the prefix (0 when only prefixes are loaded). */
  readonly tailBytes: number;
  /** Synchronous local lookup of all of a URL's expressions. */
  lookup(url: Pick<CanonicalUrl, 'host' | 'isIp' | 'path' | 'query'>): BlocklistLookup;
  /** {@link Blocklist.lookup}, then unconfirmed hits sent to `confirmer` (prefixes only). */
  check(url: Pick<CanonicalUrl, 'host' | 'isIp' | 'path' | 'query'>, confirmer?: FullHashConfirmer): Promise<BlocklistLookup>;
}

/** Thrown for a hash file that does not match its prefix set. */
export class BlocklistFormatError extends Error {
  override readonly name = 'BlocklistFormatError';
}

function readTails(bytes: Uint8Array, rows: number): { tailBytes: number; tails: Uint8Array } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < HASH_FILE_HEADER || view.getUint32(0, true) !== HASH_FILE_MAGIC || view.getUint8(4) !== 1) {
    throw new BlocklistFormatError('Hash file: bad magic or version (expected "CGFH" version 1).');
  }
  const tailBytes = view.getUint8(5);
  const count = view.getUint32(8, true);
  if (count !== rows || bytes.length !== HASH_FILE_HEADER + count * tailBytes || tailBytes < 4) {
    throw new BlocklistFormatError(`Hash file: ${count} rows of ${tailBytes} bytes do not match a prefix set of ${rows}.`);
  }
  return { tailBytes, tails: bytes.subarray(HASH_FILE_HEADER) };
}

/** True when `hash` starts with `listed` (compared on the shorter length, at least 8 bytes). */
function sameHash(hash: Uint8Array, listed: Uint8Array): boolean {
  const length = Math.min(hash.length, listed.length);
  if (length < 8) return false;
  for (let i = 0; i < length; i++) if (hash[i] !== listed[i]) return false;
  return true;
}

/**
 * Loads a blocklist from the prefix file and, optionally, the hash-tail file.
 *
 * @throws PrefixSetFormatError or BlocklistFormatError for malformed files.
 * @example
 * const list = createBlocklist(prefixBytes, hashBytes);
 * list.lookup(canonicalizeUrl('http://evil.example/login')!).match // 'evil.example/'
 */
export function createBlocklist(prefixBytes: Uint8Array, hashBytes?: Uint8Array): Blocklist {
  const set: PrefixSet = decodePrefixSet(prefixBytes);
  const local = hashBytes ? readTails(hashBytes, set.size) : null;

  const lookup: Blocklist['lookup'] = (url) => {
    let prefixHits = 0;
    const unconfirmed: { expression: string; hash: Uint8Array }[] = [];
    for (const expression of urlExpressions(url)) {
      const hash = sha256(expression);
      const prefix = ((hash[0] as number) << 24) | ((hash[1] as number) << 16) | ((hash[2] as number) << 8) | (hash[3] as number);
      const [start, end] = set.range(prefix >>> 0);
      if (start === end) continue;
      prefixHits += 1;
      if (!local) {
        unconfirmed.push({ expression, hash });
        continue;
      }
      for (let row = start; row < end; row++) {
        const offset = row * local.tailBytes;
        let equal = true;
        for (let i = 0; i < local.tailBytes && equal; i++) equal = hash[4 + i] === local.tails[offset + i];
        if (equal) return { match: expression, unconfirmed: [], prefixHits };
      }
    }
    return { match: null, unconfirmed, prefixHits };
  };

  const blocklist: Blocklist = {
    size: set.size,
    tailBytes: local?.tailBytes ?? 0,
    lookup,
    async check(url, confirmer) {
      const result = lookup(url);
      if (result.match || result.unconfirmed.length === 0 || !confirmer) return result;
      const listed = await confirmer.fullHashes(result.unconfirmed.map(({ hash }) => hash.slice(0, 4)));
      const hit = result.unconfirmed.find(({ hash }) => listed.some((candidate) => sameHash(hash, candidate)));
      return hit ? { ...result, match: hit.expression, unconfirmed: [] } : result;
    },
  };
  return Object.freeze(blocklist);
}
