/**
 * Safe Browsing host-suffix × path-prefix expressions (v4, "Suffix/Prefix Expressions"). A list
 * entry `b.c/1/` matches every URL whose expressions include it; lookups hash each expression.
 *
 * Hosts (at most 5): the exact host, then up to 4 suffixes formed from the last 5 labels by
 * dropping the leading label, never the bare top-level domain; an IP literal only as itself.
 * Paths (at most 6): the exact path with the query, the exact path without it, then up to 4
 * directory prefixes starting at `/`.
 */
import type { CanonicalUrl } from './canonicalize.js';

/** Most host variants per URL. */
export const MAX_HOST_SUFFIXES = 5;
/** Most path variants per URL (exact with query, exact, and up to 4 prefixes). */
export const MAX_PATH_PREFIXES = 6;
const MAX_DIRECTORY_PREFIXES = 4;

/** Host variants of a canonical host, exact host first. */
export function hostSuffixes(host: string, isIp: boolean): string[] {
  if (isIp) return [host];
  const out = [host];
  const labels = host.split('.');
  for (let i = Math.max(1, labels.length - 5); i < labels.length - 1 && out.length < MAX_HOST_SUFFIXES; i++) {
    out.push(labels.slice(i).join('.'));
  }
  return out;
}

/** Path variants of a canonical path and query, most specific first, without duplicates. */
export function pathPrefixes(path: string, query: string | null): string[] {
  const out: string[] = [];
  const add = (value: string) => {
    if (!out.includes(value)) out.push(value);
  };
  if (query !== null) add(`${path}?${query}`);
  add(path);
  add('/');
  const segments = path.split('/');
  // Only complete directories: the segment after the last `/` is a file (or empty).
  let prefix = '/';
  for (let i = 1; i < segments.length - 1 && i < MAX_DIRECTORY_PREFIXES; i++) {
    prefix += `${segments[i] as string}/`;
    add(prefix);
  }
  return out;
}

/**
 * All lookup expressions of a canonical URL (host + path, no scheme), at most 30.
 *
 * @example urlExpressions(canonicalizeUrl('http://a.b.c/1/2.html?param=1')!)
 * // ['a.b.c/1/2.html?param=1', 'a.b.c/1/2.html', 'a.b.c/', 'a.b.c/1/', 'b.c/1/2.html?param=1', …]
 */
export function urlExpressions(url: Pick<CanonicalUrl, 'host' | 'isIp' | 'path' | 'query'>): string[] {
  const paths = pathPrefixes(url.path, url.query);
  const out: string[] = [];
  for (const host of hostSuffixes(url.host, url.isIp)) {
    for (const path of paths) out.push(host + path);
  }
  return out;
}

/** The one expression a list entry for exactly this URL hashes: host, path and query. */
export function exactExpression(url: Pick<CanonicalUrl, 'host' | 'path' | 'query'>): string {
  return `${url.host}${url.path}${url.query === null ? '' : `?${url.query}`}`;
}
