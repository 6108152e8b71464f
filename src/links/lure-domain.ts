/**
 * Lure-word domains: a registrable domain built from a name plus the words of a scam's story,
 * joined by hyphens (`royalmail-redelivery-fee.com`, `ezpass-toll-pay.com`,
 * `bank-account-unlock-verify.net`). The look-alike checks need the imitated brand in the
 * 749-brand table; parcel, toll, tax and bank lures name brands far outside it (national post
 * offices, toll operators, local banks), and such domains are registered by the thousand, each
 * used for days. What they share is the grammar of the domain, not the brand: a scammer's domain
 * tells the story (`redelivery`, `fee`, `unpaid`, `verify`), a business's domain names the business.
 *
 * The rule needs, in the registrable domain's label (never a top site's, never a brand's own):
 * 2 to 5 hyphen-joined tokens; at least one name-like token (3+ letters, not a lure word); at
 * least two lure words, one of them a strong one (words that mean "you owe / you are blocked /
 * act now": `redelivery`, `toll`, `unpaid`, `suspended`, `unlock`, `verify`, `refund`…). Weak lure
 * words (`pay`, `fee`, `delivery`, `account`, `secure`…) appear in ordinary business domains, so
 * they only count next to a strong one (`free` is left out: `toll-free-numbers` is a business). The finding is `suspicious` on its own (0.6): a real
 * business can be called `fast-tax-refund-help`, so it asks before opening rather than blocking.
 */
import type { LinkLists } from './lists.js';
import type { LinkFinding } from './lookalike.js';
import { LINK_REASONS } from './reasons.js';
import type { UrlFacts } from './url-facts.js';

/** Score of a lure-word domain: suspicious, reinforced to malicious when the URL model agrees. */
export const LURE_DOMAIN_SCORE = 0.6;

/** Words that carry a scam's demand or threat: money owed, an account blocked, an action required now. */
export const STRONG_LURE_WORDS: ReadonlySet<string> = new Set(
  `redelivery redeliver redeliveries reschedule rescheduling toll tolls unpaid overdue arrears owed penalty penalties
  refund refunds rebate reimburse reimbursement suspend suspended suspension unlock unlocked locked blocked unblock
  reactivate reactivation verify verification verified validate validation unusual expired expiry airdrop`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words that scam domains add to the story but businesses use too: they count only next to a strong word. */
export const WEAK_LURE_WORDS: ReadonlySet<string> = new Set(
  `fee fees pay payment payments paid charge charges due outstanding fine fines debt claim claims compensation
  customs billing bill invoice delivery deliver parcel parcels package packages shipment shipping tracking track
  held failed missed notice alert alerts account accounts update renew renewal confirm confirmation restore
  restoration recover recovery secure security login signin logon auth online portal service services support
  help center centre desk team official gov now today urgent reward rewards bonus prize gift winner voucher
  wallet bank card id`
    .split(/\s+/)
    .filter(Boolean),
);

/** True when `token` is a lure word of either strength. */
function isLure(token: string): boolean {
  return STRONG_LURE_WORDS.has(token) || WEAK_LURE_WORDS.has(token);
}

/**
 * The lure-domain finding for a URL, or none. Pure; never throws.
 *
 * @example lureDomainFindings(analyzeUrl('https://royalmail-redelivery-fee.com/'), lists)[0]?.code // 'link.lure_domain'
 */
export function lureDomainFindings(facts: UrlFacts, lists: LinkLists): LinkFinding[] {
  const { domain, domainLabel } = facts;
  if (!domain || facts.isIp || !domainLabel.includes('-') || lists.topSites.has(domain)) return [];
  if (lists.brands.domainsOf(domainLabel)?.includes(domain)) return [];
  const tokens = domainLabel.split('-').filter(Boolean);
  if (tokens.length < 2 || tokens.length > 5) return [];
  const lures = tokens.filter(isLure);
  const strong = tokens.some((token) => STRONG_LURE_WORDS.has(token));
  const named = tokens.some((token) => !isLure(token) && /^[a-z][a-z0-9]{2,}$/.test(token));
  if (!strong || !named || new Set(lures).size < 2) return [];
  return [{ code: LINK_REASONS.lureDomain, score: LURE_DOMAIN_SCORE }];
}
