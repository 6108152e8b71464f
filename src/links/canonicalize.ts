/**
 * URL canonicalisation as Google Safe Browsing (v4, "URLs and Hashing") defines it, so that hash
 * prefixes computed here match lists built the same way:
 *
 * 1. trim surrounding whitespace; remove tab, CR and LF; drop the fragment;
 * 2. percent-unescape repeatedly until nothing changes (on UTF-8 bytes);
 * 3. host: strip leading/trailing dots, collapse runs of dots, normalise any IPv4 encoding
 *    (decimal, octal, hex, fewer than four parts) to dotted decimal, IDN to punycode, lowercase;
 * 4. path: resolve `/./` and `/../`, collapse `//` (the query is left alone);
 * 5. percent-escape bytes ≤ 0x20, ≥ 0x7f, `#` and `%` with upper-case hex.
 *
 * A URL without a scheme is read as `http://`. Never throws: input that has no usable host gives
 * `null`. Work is bounded: input past {@link MAX_URL_CHARS} is cut, unescaping stops after
 * {@link MAX_UNESCAPE_PASSES} passes.
 */
import { parseIpv4 } from './ip.js';

/** Characters of a URL that are read; the rest is ignored (hosts come first, so it only cuts paths). */
export const MAX_URL_CHARS = 4096;
/** Passes of percent-unescaping; real URLs need 1–3, only adversarial input reaches the cap. */
export const MAX_UNESCAPE_PASSES = 32;

/** A URL in Safe Browsing canonical form, split into the parts lookups use. All fields are ASCII. */
export interface CanonicalUrl {
  /** Lower-case scheme, `http` when the input had none. */
  readonly scheme: string;
  /** Canonical host, punycode for IDNs, dotted decimal for IPv4 literals. */
  readonly host: string;
  /** Explicit non-default port, or `''`. */
  readonly port: string;
  /** Canonical path, always starting with `/`. */
  readonly path: string;
  /** The query without `?`, or `null` when the URL had no `?`. */
  readonly query: string | null;
  /** True when the host is an IPv4 or IPv6 literal. */
  readonly isIp: boolean;
  /** The whole canonical URL: `scheme://host[:port]path[?query]`. */
  readonly url: string;
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443', ftp: '21' };
const SCHEME_WITH_AUTHORITY = /^([a-z][a-z0-9+.-]*):\/\//i;
const SCHEME_ONLY = /^([a-z][a-z0-9+.-]*):(?!\d+(?:[/?]|$))/i;
const encoder = new TextEncoder();
const fatalDecoder = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 bytes of `text` as a "binary string": one char per byte (0..255). */
function toByteString(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  const bytes = encoder.encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 4096) out += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return out;
}

const ESCAPE = /%([0-9a-fA-F]{2})/g;

function unescapeRepeatedly(value: string): string {
  let current = value;
  for (let pass = 0; pass < MAX_UNESCAPE_PASSES && current.includes('%'); pass++) {
    const next = current.replace(ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (next === current) break;
    current = next;
  }
  return current;
}

/** Percent-escapes bytes ≤ 0x20, ≥ 0x7f, `#` and `%` of a byte string. */
function escapeBytes(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x20 || code >= 0x7f || code === 0x23 || code === 0x25) {
      out += `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
    } else {
      out += value[i];
    }
  }
  return out;
}

/** Punycode for a host with non-ASCII bytes, through the platform's IDNA (WHATWG URL); null if it refuses. */
function toAsciiHost(byteHost: string): string | null {
  try {
    const bytes = Uint8Array.from(byteHost, (c) => c.charCodeAt(0));
    const unicode = fatalDecoder.decode(bytes);
    return new URL(`http://${unicode}/`).hostname;
  } catch {
    return null;
  }
}

function canonicalHost(raw: string): { host: string; isIp: boolean } {
  if (raw.startsWith('[')) return { host: raw.replace(/[A-Z]+/g, (upper) => upper.toLowerCase()), isIp: true };
  let host = raw.replace(/^\.+|\.+$/g, '').replace(/\.{2,}/g, '.');
  const ip = parseIpv4(host);
  if (ip !== null) return { host: ip, isIp: true };
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(host)) host = toAsciiHost(host) ?? host;
  // ASCII only: the host may still hold raw bytes, and `toLowerCase` would turn 0xC2 (Â) into 0xE2.
  return { host: host.replace(/[A-Z]+/g, (upper) => upper.toLowerCase()), isIp: false };
}

/** Resolves `.` and `..` segments and collapses empty ones; keeps a trailing slash. */
export function canonicalPath(path: string): string {
  const segments = path.split('/');
  const out: string[] = [];
  let trailingSlash = false;
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i] as string;
    const last = i === segments.length - 1;
    if (segment === '' || segment === '.' || segment === '..') {
      if (segment === '..') out.pop();
      if (last) trailingSlash = true;
      continue;
    }
    out.push(segment);
  }
  if (out.length === 0) return '/';
  return `/${out.join('/')}${trailingSlash ? '/' : ''}`;
}

/**
 * Canonicalises `input` per Safe Browsing v4. Returns `null` (never throws) when there is no host,
 * or when the scheme has no authority (`mailto:`, `javascript:`, `data:`).
 *
 * @example canonicalizeUrl('http://www.GOOgle.com/blah/..')?.url // 'http://www.google.com/'
 */
export function canonicalizeUrl(input: string): CanonicalUrl | null {
  if (typeof input !== 'string') return null;
  let text = input.length > MAX_URL_CHARS ? input.slice(0, MAX_URL_CHARS) : input;
  text = text.trim().replace(/[\t\r\n]/g, '');
  const hash = text.indexOf('#');
  if (hash >= 0) text = text.slice(0, hash);
  text = unescapeRepeatedly(toByteString(text));

  let scheme = 'http';
  let rest: string;
  const withAuthority = SCHEME_WITH_AUTHORITY.exec(text);
  if (withAuthority) {
    scheme = (withAuthority[1] as string).toLowerCase();
    rest = text.slice(withAuthority[0].length);
  } else if (SCHEME_ONLY.test(text)) {
    return null;
  } else {
    rest = text.replace(/^\/\//, '');
  }

  let query: string | null = null;
  const questionMark = rest.indexOf('?');
  if (questionMark >= 0) {
    query = rest.slice(questionMark + 1);
    rest = rest.slice(0, questionMark);
  }
  // Browsers treat `\` like `/` in http(s) URLs, so `evil.com\@bank.com` goes to evil.com.
  const slash = rest.search(/[/\\]/);
  let authority = slash >= 0 ? rest.slice(0, slash) : rest;
  const rawPath = slash >= 0 ? rest.slice(slash).replace(/\\/g, '/') : '/';

  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1);
  let port = '';
  const portMatch = /:(\d*)$/.exec(authority);
  if (portMatch && !authority.endsWith(']')) {
    port = (portMatch[1] as string).replace(/^0+(?=\d)/, '');
    authority = authority.slice(0, portMatch.index);
  }
  if (port === DEFAULT_PORTS[scheme]) port = '';

  const { host: byteHost, isIp } = canonicalHost(authority);
  if (byteHost === '') return null;
  const host = escapeBytes(byteHost);
  const path = escapeBytes(canonicalPath(rawPath));
  const escapedQuery = query === null ? null : escapeBytes(query);
  const url = `${scheme}://${host}${port ? `:${port}` : ''}${path}${escapedQuery === null ? '' : `?${escapedQuery}`}`;
  return { scheme, host, port, path, query: escapedQuery, isIp, url };
}
