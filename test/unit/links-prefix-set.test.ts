import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BlocklistFormatError, createBlocklist, HASH_FILE_MAGIC, type FullHashConfirmer } from '../../src/links/blocklist.js';
import { canonicalizeUrl } from '../../src/links/canonicalize.js';
import { urlExpressions } from '../../src/links/expressions.js';
import { decodePrefixSet, encodePrefixSet, PrefixSetFormatError, riceParameter } from '../../src/links/prefix-set.js';
import { sha256, sha256Prefix32, toHex } from '../../src/links/sha256.js';
import { mulberry32 } from '../../scripts/lib/mulberry32.js';

function randomValues(count: number, seed: number): Uint32Array {
  const random = mulberry32(seed);
  return Uint32Array.from({ length: count }, () => Math.floor(random() * 2 ** 32)).sort();
}

describe('sha256', () => {
  it('matches node:crypto, including multi-block and non-ASCII input', () => {
    for (const text of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'x'.repeat(1000), 'пример.рф/', 'evil.example/', 'y'.repeat(5)]) {
      expect(toHex(sha256(text))).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      expect(sha256Prefix32(text)).toBe(createHash('sha256').update(text, 'utf8').digest().readUInt32BE(0));
    }
  });
});

describe('prefix set', () => {
  it('round-trips sorted values with duplicates, at every index interval', () => {
    const values = randomValues(5000, 1);
    values[100] = values[99] as number; // a duplicate
    values.sort();
    for (const interval of [1, 7, 64, 256, 10_000]) {
      const set = decodePrefixSet(encodePrefixSet(values, interval));
      expect(set.size).toBe(values.length);
      expect([...set.values()]).toEqual([...values]);
    }
  });

  it('finds every member, and the positions of duplicates across block edges', () => {
    const values = Uint32Array.from([5, 9, 9, 9, 9, 12, 2 ** 32 - 1, 2 ** 32 - 1]);
    const set = decodePrefixSet(encodePrefixSet(values, 2));
    expect(set.range(9)).toEqual([1, 5]);
    expect(set.range(5)).toEqual([0, 1]);
    expect(set.range(2 ** 32 - 1)).toEqual([6, 8]);
    expect(set.has(10)).toBe(false);
    expect(set.has(0)).toBe(false);
  });

  it('agrees with a plain Set on arbitrary inputs', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 2 ** 32 - 1 }), { maxLength: 300 }), fc.integer({ min: 1, max: 40 }), fc.array(fc.nat({ max: 2 ** 32 - 1 }), { maxLength: 50 }), (raw, interval, probes) => {
        const values = Uint32Array.from(raw).sort();
        const set = decodePrefixSet(encodePrefixSet(values, interval));
        const plain = new Set(raw);
        for (const probe of [...probes, ...raw]) expect(set.has(probe)).toBe(plain.has(probe));
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('handles the empty set and a single value', () => {
    expect(decodePrefixSet(encodePrefixSet(new Uint32Array(0))).has(1)).toBe(false);
    const one = decodePrefixSet(encodePrefixSet(Uint32Array.of(42)));
    expect(one.has(42)).toBe(true);
    expect(one.has(43)).toBe(false);
  });

  it('picks the Rice parameter from the mean gap and stays near 2 bytes per entry', () => {
    const values = randomValues(200_000, 2);
    const k = riceParameter(values);
    expect(Math.abs(k - Math.log2((2 ** 32 / 200_000) * Math.LN2))).toBeLessThanOrEqual(1);
    const bytes = encodePrefixSet(values).length;
    expect(bytes / values.length).toBeLessThan(2.5);
  });

  it('is exact on 32-bit values: no random non-member is reported', () => {
    const members = randomValues(100_000, 3);
    const set = decodePrefixSet(encodePrefixSet(members));
    const memberSet = new Set(members);
    const random = mulberry32(4);
    let hits = 0;
    let probes = 0;
    while (probes < 100_000) {
      const probe = Math.floor(random() * 2 ** 32);
      if (memberSet.has(probe)) continue; // a true member is not a false positive
      probes += 1;
      if (set.has(probe)) hits += 1;
    }
    // Exact membership of 32-bit values: no false positives at the prefix level itself.
    expect(hits).toBe(0);
  });

  it('rejects files that are not prefix sets', () => {
    expect(() => decodePrefixSet(new Uint8Array(10))).toThrow(PrefixSetFormatError);
    const good = encodePrefixSet(Uint32Array.of(1, 2, 3));
    const truncated = good.slice(0, good.length - 2);
    expect(() => decodePrefixSet(truncated)).toThrow(PrefixSetFormatError);
    const wrongMagic = good.slice();
    wrongMagic[0] = 0;
    expect(() => decodePrefixSet(wrongMagic)).toThrow(PrefixSetFormatError);
    expect(() => encodePrefixSet(Uint32Array.of(3, 1))).toThrow(RangeError);
  });
});

/** A blocklist built the way `scripts/build-blocklist.ts` builds it. */
function buildList(expressions: readonly string[], tailBytes = 8): { prefixes: Uint8Array; hashes: Uint8Array } {
  const hashes = expressions.map((e) => createHash('sha256').update(e).digest()).sort(Buffer.compare);
  const prefixes = encodePrefixSet(Uint32Array.from(hashes, (h) => h.readUInt32BE(0)));
  const tails = new Uint8Array(16 + hashes.length * tailBytes);
  const view = new DataView(tails.buffer);
  view.setUint32(0, HASH_FILE_MAGIC, true);
  view.setUint8(4, 1);
  view.setUint8(5, tailBytes);
  view.setUint32(8, hashes.length, true);
  hashes.forEach((h, i) => tails.set(h.subarray(4, 4 + tailBytes), 16 + i * tailBytes));
  return { prefixes, hashes: tails };
}

const LIST = ['evil.example/', 'sites.google.com/view/phish', '203.0.113.9/', 'tenant.weebly.com/', 'bad.example/login.php?id=1'];

describe('blocklist', () => {
  const { prefixes, hashes } = buildList(LIST);
  const list = createBlocklist(prefixes, hashes);
  const lookup = (url: string) => list.lookup(canonicalizeUrl(url)!).match;

  it('matches a listed domain for every host below it and every path', () => {
    expect(lookup('https://evil.example/')).toBe('evil.example/');
    expect(lookup('http://a.b.evil.example/deep/path?q=1')).toBe('evil.example/');
    expect(lookup('http://EVIL.example./x')).toBe('evil.example/');
  });

  it('matches a listed link only at its exact path, never the whole site', () => {
    expect(lookup('https://sites.google.com/view/phish')).toBe('sites.google.com/view/phish');
    expect(lookup('https://sites.google.com/view/other')).toBeNull();
    expect(lookup('https://google.com/')).toBeNull();
    expect(lookup('http://bad.example/login.php?id=1')).toBe('bad.example/login.php?id=1');
    expect(lookup('http://bad.example/login.php?id=2')).toBeNull();
  });

  it('matches listed IPs in any encoding, and tenants without their platform', () => {
    expect(lookup('http://3405803785/x')).toBe('203.0.113.9/');
    expect(lookup('http://tenant.weebly.com/page')).toBe('tenant.weebly.com/');
    expect(lookup('http://weebly.com/')).toBeNull();
  });

  it('confirms prefix hits against the local hashes: a prefix collision alone never matches', () => {
    // Same 32-bit prefix as a listed expression, different tail: craft the hash file to disagree.
    const tampered = hashes.slice();
    for (let i = 16; i < tampered.length; i++) tampered[i] = (tampered[i] as number) ^ 0xff;
    const strict = createBlocklist(prefixes, tampered);
    const result = strict.lookup(canonicalizeUrl('https://evil.example/')!);
    expect(result.prefixHits).toBe(1);
    expect(result.match).toBeNull();
    expect(result.unconfirmed).toEqual([]);
  });

  it('leaves prefix hits unconfirmed without local hashes, and asks the confirmer with prefixes only', async () => {
    const prefixOnly = createBlocklist(prefixes);
    const url = canonicalizeUrl('https://evil.example/page')!;
    expect(prefixOnly.lookup(url).match).toBeNull();
    expect(prefixOnly.lookup(url).unconfirmed.map((u) => u.expression)).toEqual(['evil.example/']);
    const seen: Uint8Array[] = [];
    const server: FullHashConfirmer = {
      async fullHashes(requested) {
        seen.push(...requested);
        return LIST.map((e) => new Uint8Array(createHash('sha256').update(e).digest())).filter((h) => requested.some((p) => p.every((b, i) => h[i] === b)));
      },
    };
    expect((await prefixOnly.check(url, server)).match).toBe('evil.example/');
    expect(seen.every((prefix) => prefix.length === 4)).toBe(true);
    expect((await prefixOnly.check(canonicalizeUrl('https://fine.example/')!, server)).match).toBeNull();
  });

  it('rejects a hash file that does not belong to the prefix set', () => {
    expect(() => createBlocklist(prefixes, buildList(['a/', 'b/']).hashes)).toThrow(BlocklistFormatError);
    expect(() => createBlocklist(prefixes, new Uint8Array(20))).toThrow(BlocklistFormatError);
  });
});

describe('shipped blocklist', () => {
  const list = createBlocklist(new Uint8Array(readFileSync('models/blocklist.prefixes.bin')), new Uint8Array(readFileSync('models/blocklist.hashes.bin')));

  it('stays under 2.5 bytes per entry', () => {
    expect(readFileSync('models/blocklist.prefixes.bin').length / list.size).toBeLessThan(2.5);
  });

  it('confirms no random non-member URL, and prefix-hits them at about n / 2^32 per expression', () => {
    const random = mulberry32(5);
    let expressions = 0;
    let prefixHits = 0;
    let matches = 0;
    for (let i = 0; i < 4000; i++) {
      const id = Math.floor(random() * 1e12).toString(36);
      const url = canonicalizeUrl(`https://n${id}.nonmember-test.example/${id}/index.html?i=${i}`)!;
      expressions += urlExpressions(url).length;
      const result = list.lookup(url);
      prefixHits += result.prefixHits;
      if (result.match) matches += 1;
    }
    expect(matches).toBe(0);
    // Expected rate ≈ 181k / 2^32 ≈ 4e-5; allow a wide margin for a small sample.
    expect(prefixHits / expressions).toBeLessThan(1e-3);
  });
});
