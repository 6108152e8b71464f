/**
 * One parse of a URL into everything the heuristics, the blocklist and the URL model look at:
 * the Safe Browsing canonical form, the registrable domain (tldts, ICANN section of the Public
 * Suffix List, so `foo.000webhostapp.com` belongs to `000webhostapp.com`), the Unicode form of the
 * host, userinfo and port as written. Never throws.
 */
import { parse } from 'tldts';
import { canonicalizeUrl, type CanonicalUrl } from './canonicalize.js';
import { toUnicodeHost } from './punycode.js';

/** What is known about one URL. */
export interface UrlFacts {
  /** The URL as extracted (scheme added to scheme-less links). */
  readonly url: string;
  /** Lower-case scheme as written (`http` when there was none). */
  readonly scheme: string;
  /** Safe Browsing canonical form; `null` for `javascript:`, `data:` or a URL without a host. */
  readonly canonical: CanonicalUrl | null;
  /** Canonical ASCII host (punycode), `''` when there is none. */
  readonly host: string;
  /** The host with `xn--` labels decoded. */
  readonly unicodeHost: string;
  /** Registrable domain (`paypal.com`), `null` for IPs and hosts under no public suffix. */
  readonly domain: string | null;
  /** The registrable domain without its public suffix (`paypal`). */
  readonly domainLabel: string;
  /** The public suffix (`com`, `co.uk`). */
  readonly suffix: string;
  /** Labels left of the registrable domain (`secure.login` in `secure.login.paypal.com`). */
  readonly subdomain: string;
  readonly isIp: boolean;
  /** `user:password` part as written before `@`, or `null`. */
  readonly userinfo: string | null;
  /** Explicit non-default port, or `''`. */
  readonly port: string;
  /** Canonical path (`/` when none). */
  readonly path: string;
  /** Canonical query without `?`, or `null`. */
  readonly query: string | null;
}

/** The userinfo as written: what sits before the last `@` of the authority. */
function rawUserinfo(url: string): string | null {
  const start = url.indexOf('//');
  const afterScheme = start >= 0 && /^[a-z][a-z0-9+.-]*:$/i.test(url.slice(0, start)) ? start + 2 : 0;
  const rest = url.slice(afterScheme, afterScheme + 2048);
  const end = rest.search(/[/?#\\]/);
  const authority = end >= 0 ? rest.slice(0, end) : rest;
  const at = authority.lastIndexOf('@');
  return at >= 0 ? authority.slice(0, at) : null;
}

/**
 * Parses `url` once for every check.
 *
 * @example analyzeUrl('https://www.paypal.com@evil.ru/x').userinfo // 'www.paypal.com'
 */
export function analyzeUrl(url: string): UrlFacts {
  const text = typeof url === 'string' ? url : '';
  const schemeMatch = /^\s*([a-z][a-z0-9+.-]*):/i.exec(text);
  const canonical = canonicalizeUrl(text);
  const scheme = canonical?.scheme ?? (schemeMatch?.[1] ?? '').toLowerCase();
  const host = canonical?.host ?? '';
  const isIp = canonical?.isIp ?? false;
  let domain: string | null = null;
  let domainLabel = '';
  let suffix = '';
  let subdomain = '';
  if (host && !isIp) {
    const parsed = parse(host, { extractHostname: false, validateHostname: false });
    domain = parsed.domain;
    domainLabel = parsed.domainWithoutSuffix ?? '';
    suffix = parsed.publicSuffix ?? '';
    subdomain = parsed.subdomain ?? '';
  }
  return {
    url: text,
    scheme,
    canonical,
    host,
    unicodeHost: toUnicodeHost(host),
    domain,
    domainLabel,
    suffix,
    subdomain,
    isIp,
    userinfo: canonical ? rawUserinfo(text) : null,
    port: canonical?.port ?? '',
    path: canonical?.path ?? '/',
    query: canonical?.query ?? null,
  };
}
