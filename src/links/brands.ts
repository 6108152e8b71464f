/**
 * Brand labels for look-alike checks: the first label of the top sites' registrable domains
 * (`paypal` for `paypal.com`), with their genuine domains, generated into `brands-data.ts`.
 * Near-miss lookups use a symmetric-deletion index, so finding every brand within one edit of a
 * label costs a few map lookups rather than a pass over all brands.
 */
import { BRAND_TABLE } from './brands-data.js';

/** Brands shorter than this are not matched by edit distance: too many real words sit one edit away. */
export const MIN_TYPOSQUAT_BRAND_LENGTH = 5;

/** Brand labels and their genuine registrable domains. */
export interface BrandIndex {
  readonly size: number;
  /** The genuine registrable domains of `label`, or `undefined` when it is not a brand. */
  domainsOf(label: string): readonly string[] | undefined;
  /**
   * A brand at Damerau–Levenshtein distance exactly 1 from `label` (one insertion, deletion,
   * substitution or swap of neighbours), among brands of at least
   * {@link MIN_TYPOSQUAT_BRAND_LENGTH} letters; `null` when none.
   */
  nearBrand(label: string): string | null;
  /** Every brand label. */
  labels(): string[];
}

/** Parses the generated table: `brand=domain domain|brand=domain…`. */
export function parseBrandTable(table: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const group of table.split('|')) {
    const [label = '', domains = ''] = group.split('=');
    if (label) out.set(label, domains.split(' ').filter(Boolean));
  }
  return out;
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** True when `a` and `b` are exactly one Damerau–Levenshtein edit apart. */
export function isOneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const diffs: number[] = [];
    for (let i = 0; i < a.length && diffs.length <= 2; i++) if (a[i] !== b[i]) diffs.push(i);
    if (diffs.length === 1) return true;
    // Two differences: only a swap of neighbours counts as one edit.
    const [x = 0, y = 0] = diffs;
    return diffs.length === 2 && y === x + 1 && a[x] === b[y] && a[y] === b[x];
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}

/**
 * Builds the brand index from a generated table.
 *
 * @example createBrandIndex().nearBrand('paypai') // 'paypal'
 */
export function createBrandIndex(table: string = BRAND_TABLE): BrandIndex {
  const brands = parseBrandTable(table);
  const byDeletion = new Map<string, string[]>();
  const addKey = (key: string, brand: string) => {
    const list = byDeletion.get(key);
    if (!list) byDeletion.set(key, [brand]);
    else if (!list.includes(brand)) list.push(brand);
  };
  for (const brand of brands.keys()) {
    if (brand.length < MIN_TYPOSQUAT_BRAND_LENGTH) continue;
    addKey(brand, brand);
    for (const key of deletions(brand)) addKey(key, brand);
  }
  return Object.freeze({
    size: brands.size,
    domainsOf: (label: string) => brands.get(label),
    nearBrand(label: string): string | null {
      if (label.length < MIN_TYPOSQUAT_BRAND_LENGTH - 1 || label.length > 64 || brands.has(label)) return null;
      for (const key of [label, ...deletions(label)]) {
        for (const brand of byDeletion.get(key) ?? []) {
          if (isOneEditApart(label, brand)) return brand;
        }
      }
      return null;
    },
    labels: () => [...brands.keys()],
  });
}
