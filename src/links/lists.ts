/**
 * The domain lists the link checks consult: the Majestic top sites (registrable domains, never
 * treated as look-alikes of themselves) and the URL shorteners. Both ship as plain text files in
 * `models/` (`url-top-sites.txt`, `url-shorteners.txt`, one domain a line, `#` comments), written by
 * `scripts/build-blocklist.ts` and verified against the manifest when loaded.
 */
import { getDomain } from 'tldts';
import { createBrandIndex, type BrandIndex } from './brands.js';

/** The lists every link check reads. */
export interface LinkLists {
  /** Registrable domains of the Majestic top 15,000, and the other hosts Majestic ranks (`docs.google.com`). */
  readonly topSites: ReadonlySet<string>;
  /** Hosts and registrable domains of known URL shorteners. */
  readonly shorteners: ReadonlySet<string>;
  /** Brand labels of the top sites, for look-alike checks. */
  readonly brands: BrandIndex;
}

/**
 * Labels a site gives the hosts of its own sign-in service (`accounts.google.com`,
 * `login.live.com`, `secure.chase.com`). Only the site's operator names hosts under a registrable
 * domain, unless the domain hands out subdomains to tenants (see {@link isPopularSite}).
 */
export const SIGN_IN_HOST_LABELS: ReadonlySet<string> = new Set(
  'accounts account login signin logon auth id sso myaccount passport identity idp secure'.split(' '),
);

/** The hosts of every `http(s)://host` written inside `text` (plain or %-escaped), lower-cased. */
export function embeddedHosts(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/https?(?::|%3a)(?:\/|%2f){2}([a-z0-9.-]+)/gi)) out.push((match[1] ?? '').toLowerCase());
  return out;
}

/** True when every label of `subdomain` (but `www`) names a sign-in service: `accounts`, `login.secure`, `appleid` on apple.com. */
function isSignInSubdomain(subdomain: string, domainLabel: string): boolean {
  const labels = subdomain.split('.').filter((label) => label !== 'www');
  return labels.length > 0 && labels.length <= 2 && labels.every((label) => SIGN_IN_HOST_LABELS.has(label) || label === `${domainLabel}id`);
}

/**
 * True when the URL's host is a popular site's own: the registrable domain of a top site or its
 * `www.` host (any path); a host Majestic ranks on its own, at its root page; or the site's
 * sign-in host (`accounts.google.com/signin`, labels in {@link SIGN_IN_HOST_LABELS}) on a normal
 * path, one that hands over to no other host (an OAuth `redirect_uri` or a `continue=` to a
 * user-content host is how real sign-in pages get abused). Other hosts under top sites (tenants
 * such as `x.sharepoint.com`, hosts under a private Public Suffix List entry such as
 * `login.blogspot.com`, pages such as `sites.google.com/view/…`) are not covered: that is where
 * phishing on big platforms lives.
 */
export function isPopularSite(
  facts: { host: string; domain: string | null; domainLabel?: string; subdomain?: string; path: string; query: string | null },
  lists: LinkLists,
): boolean {
  const { domain, host } = facts;
  if (domain === null || !lists.topSites.has(domain)) return false;
  if (host === domain || host === `www.${domain}`) return true;
  if (lists.topSites.has(host) && facts.path === '/' && facts.query === null) return true;
  const subdomain = facts.subdomain ?? host.slice(0, -domain.length - 1);
  const domainLabel = facts.domainLabel ?? domain.slice(0, domain.indexOf('.'));
  if (!isSignInSubdomain(subdomain, domainLabel)) return false;
  // A tenant of a platform listed in the private section of the Public Suffix List names its own host.
  if (getDomain(host, { allowPrivateDomains: true }) !== domain) return false;
  return embeddedHosts(`${facts.path}?${facts.query ?? ''}`).every((target) => target === domain || target === `www.${domain}` || (target.endsWith(`.${domain}`) && (lists.topSites.has(target) || isSignInSubdomain(target.slice(0, -domain.length - 1), domainLabel))));
}

/** Parses a one-domain-a-line list, skipping blank lines and `#` comments, lower-cased. */
export function parseDomainList(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    const value = line.trim().toLowerCase();
    if (value && !value.startsWith('#')) out.add(value);
  }
  return out;
}

/**
 * Builds {@link LinkLists} from the two list files' text.
 *
 * @example createLinkLists('paypal.com\n', 'bit.ly\n').topSites.has('paypal.com') // true
 */
export function createLinkLists(topSitesText: string, shortenersText: string, brands: BrandIndex = createBrandIndex()): LinkLists {
  return Object.freeze({ topSites: parseDomainList(topSitesText), shorteners: parseDomainList(shortenersText), brands });
}
