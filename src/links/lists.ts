/**
 * The domain lists the link checks consult: the Majestic top sites (registrable domains, never
 * treated as look-alikes of themselves) and the URL shorteners. Both ship as plain text files in
 * `models/` (`url-top-sites.txt`, `url-shorteners.txt`, one domain a line, `#` comments), written by
 * `scripts/build-blocklist.ts` and verified against the manifest when loaded.
 */
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
 * True when the URL's host is a popular site's own front door: the registrable domain of a top
 * site or its `www.` host (any path), or a host Majestic ranks on its own, at its root page. Other
 * hosts under top sites (tenants such as `x.sharepoint.com`, pages such as
 * `sites.google.com/view/…`) are not covered: that is where phishing on big platforms lives.
 */
export function isPopularSite(facts: { host: string; domain: string | null; path: string; query: string | null }, lists: LinkLists): boolean {
  if (facts.domain === null || !lists.topSites.has(facts.domain)) return false;
  if (facts.host === facts.domain || facts.host === `www.${facts.domain}`) return true;
  return lists.topSites.has(facts.host) && facts.path === '/' && facts.query === null;
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
