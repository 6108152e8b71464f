/**
 * Look-alike checks against the brand table: homographs (`аpple.com` with a Cyrillic а,
 * `xn--pypal-…`), typosquats (`paypai.com` one edit away, `paypa1.com` digit for letter,
 * `rnicrosoft.com` rn for m, `amazon-security-check.com` brand plus words), and brand names in
 * front of (`paypal.com.secure-login.info`) or behind (`evil.example/paypal.com/login`) an
 * unrelated domain. A top site is never a look-alike of anything: `apply.com` could be a real
 * company, but a Majestic top-15k domain is one. Look-alike letters are folded with the shared
 * confusable skeleton from `src/text/normalize.ts` (Unicode UTS #39 data).
 */
import { toLatinSkeleton } from '../text/normalize.js';
import type { BrandIndex } from './brands.js';
import type { LinkLists } from './lists.js';
import { LINK_REASONS, type LinkReasonCode } from './reasons.js';
import type { UrlFacts } from './url-facts.js';

/** One heuristic's finding about a URL. */
export interface LinkFinding {
  readonly code: LinkReasonCode;
  /** The score this finding alone supports, 0..1, calibrated like the verdict (0.5 suspicious, 0.85 malicious). */
  readonly score: number;
  /** The brand imitated, for tests and evaluation. Never shown: reasons must not quote messages. */
  readonly brand?: string;
}

/** Scores of the look-alike findings. */
export const LOOKALIKE_SCORES = Object.freeze({
  homograph: 0.95,
  /** A digit or `rn`/`vv` swapped in for letters: `paypa1`, `rnicrosoft`. */
  substitution: 0.9,
  /** Brand plus a phishing word: `amazon-security-check`, `paypalsecure`. */
  brandWithRiskyWords: 0.9,
  /** One edit from a brand (`paypai`): real words sit there too, so suspicious until other signs agree. */
  oneEdit: 0.7,
  /** Brand plus other words: `apple-repair-shop`. */
  brandWithWords: 0.6,
  brandDomainInSubdomain: 0.9,
  brandInSubdomain: 0.7,
  /** On a top site's tenant host (`paypal-com.web.app`): the host is the tenant's, the platform is fine. */
  brandDomainInTenantSubdomain: 0.75,
  brandDomainInPath: 0.6,
  brandAndRiskyWordInPath: 0.55,
});

/** Words phishing domains put next to a brand. */
const RISKY_WORDS = new Set(
  `login logon signin sign secure security verify verification account accounts update support service services
  help helpdesk billing wallet recovery recover unlock confirm auth authentication online customer alert alerts
  official id pay payment payments refund claim bonus gift prize reward rewards delivery parcel tracking track
  invoice webmail password reset validate validation activation activate check center centre team portal access
  safe protect protection limited suspended locked restore restoration unusual notice care desk verified
  identity session`
    .split(/\s+/)
    .filter(Boolean),
);
/** Risky words long enough to look for inside a concatenated label (`paypalsecure`). */
const RISKY_INFIXES = [...RISKY_WORDS].filter((word) => word.length >= 5);

const DIGIT_AS_LETTER: Readonly<Record<string, string>> = { '0': 'o', '1': 'l', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g', '@': 'a' };

/** Spellings a label may hide a brand behind: digits for letters (1 as l and as i), `rn` for m, `vv` for w. */
export function substitutionVariants(label: string): string[] {
  const out = new Set<string>();
  const digits = label.replace(/[01345789@]/g, (c) => DIGIT_AS_LETTER[c] ?? c);
  out.add(digits);
  out.add(label.replace(/[01345789@]/g, (c) => (c === '1' ? 'i' : (DIGIT_AS_LETTER[c] ?? c))));
  for (const base of [label, digits]) {
    out.add(base.replace(/rn/g, 'm'));
    out.add(base.replace(/vv/g, 'w'));
  }
  out.delete(label);
  return [...out];
}

/** The Latin skeleton of a Unicode label: `раураl` (Cyrillic) → `paypal`. */
export function skeletonOf(label: string): string {
  return toLatinSkeleton(label.normalize('NFKC').normalize('NFD')).replace(/\p{M}+/gu, '').toLowerCase();
}

/** A brand of at least 5 letters that `token` starts with, followed by a phishing word or digits (`appleid`, `paypal24`). */
function brandPrefix(token: string, brands: BrandIndex): string | undefined {
  for (let length = 5; length < token.length; length++) {
    const prefix = token.slice(0, length);
    const rest = token.slice(length);
    if (brands.domainsOf(prefix) && (RISKY_WORDS.has(rest) || /^\d+$/.test(rest))) return prefix;
  }
  return undefined;
}

/** A brand the (ASCII) label imitates and how, or null. */
function imitatedBrand(label: string, brands: BrandIndex): { brand: string; score: number } | null {
  for (const variant of substitutionVariants(label)) {
    if (brands.domainsOf(variant)) return { brand: variant, score: LOOKALIKE_SCORES.substitution };
  }
  const near = brands.nearBrand(label);
  if (near) return { brand: near, score: LOOKALIKE_SCORES.oneEdit };
  const tokens = label.split('-').filter(Boolean);
  if (tokens.length > 1) {
    const risky = tokens.some((token) => RISKY_WORDS.has(token));
    for (const token of tokens) {
      const brand = brands.domainsOf(token) ? token : (substitutionVariants(token).find((v) => brands.domainsOf(v)) ?? brandPrefix(token, brands));
      if (brand && brand.length >= 3) {
        return { brand, score: risky ? LOOKALIKE_SCORES.brandWithRiskyWords : LOOKALIKE_SCORES.brandWithWords };
      }
    }
  }
  const infix = RISKY_INFIXES.find((word) => label.includes(word));
  if (infix) {
    const rest = label.replace(infix, '-');
    for (const part of rest.split('-')) {
      for (const candidate of [part, ...substitutionVariants(part)]) {
        if (candidate.length >= 5 && brands.domainsOf(candidate)) return { brand: candidate, score: LOOKALIKE_SCORES.brandWithRiskyWords };
      }
    }
  }
  return null;
}

/** True when `domain` is one of `brand`'s genuine domains. */
function ownedBy(brand: string, domain: string, brands: BrandIndex): boolean {
  return brands.domainsOf(brand)?.includes(domain) ?? false;
}

function subdomainFindings(facts: UrlFacts, lists: LinkLists, isTop: boolean): LinkFinding[] {
  const sub = facts.subdomain.replace(/^www\d*\./, '');
  if (!sub || sub === 'www') return [];
  const tokens = sub.split(/[.-]/).filter(Boolean);
  const text = `.${sub}.`;
  for (const token of tokens) {
    const domains = lists.brands.domainsOf(token);
    if (!domains || token === facts.domainLabel || ownedBy(token, facts.domain ?? '', lists.brands)) continue;
    // `paypal.com.` or `paypal-com.` in front of another domain is the classic disguise.
    const withDomain = domains.some((domain) => text.includes(`.${domain}.`) || text.includes(`.${domain.replace(/\./g, '-')}.`) || text.includes(`-${domain}.`));
    if (isTop) {
      if (withDomain) return [{ code: LINK_REASONS.brandInSubdomain, score: LOOKALIKE_SCORES.brandDomainInTenantSubdomain, brand: token }];
      continue;
    }
    if (token.length < 4 && !withDomain) continue;
    return [
      {
        code: LINK_REASONS.brandInSubdomain,
        score: withDomain ? LOOKALIKE_SCORES.brandDomainInSubdomain : LOOKALIKE_SCORES.brandInSubdomain,
        brand: token,
      },
    ];
  }
  return [];
}

function pathFindings(facts: UrlFacts, lists: LinkLists): LinkFinding[] {
  const text = `${facts.path}${facts.query === null ? '' : `?${facts.query}`}`.slice(0, 512).toLowerCase();
  const tokens = text.split(/[^a-z0-9]+/).filter((token) => token.length >= 3);
  if (tokens.length === 0) return [];
  const risky = tokens.some((token) => RISKY_WORDS.has(token));
  for (const token of tokens) {
    const domains = lists.brands.domainsOf(token);
    if (!domains || token === facts.domainLabel || ownedBy(token, facts.domain ?? '', lists.brands)) continue;
    if (domains.some((domain) => text.includes(domain))) {
      return [{ code: LINK_REASONS.brandInPath, score: LOOKALIKE_SCORES.brandDomainInPath, brand: token }];
    }
    if (risky && token.length >= 5) {
      return [{ code: LINK_REASONS.brandInPath, score: LOOKALIKE_SCORES.brandAndRiskyWordInPath, brand: token }];
    }
  }
  return [];
}

/**
 * Homograph, typosquat and brand-placement findings for a URL. Top sites and IP hosts get none.
 *
 * @example lookalikeFindings(analyzeUrl('http://paypa1.com/'), lists)[0]?.code // 'link.typosquat'
 */
export function lookalikeFindings(facts: UrlFacts, lists: LinkLists): LinkFinding[] {
  const { domain, domainLabel } = facts;
  if (!domain || facts.isIp || !domainLabel) return [];
  const isTop = lists.topSites.has(domain);
  const findings: LinkFinding[] = [];
  if (!isTop && !ownedBy(domainLabel, domain, lists.brands)) {
    const unicodeLabel = facts.unicodeHost.split('.').slice(-1 - facts.suffix.split('.').length)[0] ?? domainLabel;
    // eslint-disable-next-line no-control-regex
    const foreign = /[^\x00-\x7f]/.test(unicodeLabel);
    if (foreign) {
      const skeleton = skeletonOf(unicodeLabel);
      const direct = lists.brands.domainsOf(skeleton) || lists.topSites.has(`${skeleton}.${facts.suffix}`);
      const imitated = direct ? { brand: skeleton } : /^[a-z0-9-]+$/.test(skeleton) ? imitatedBrand(skeleton, lists.brands) : null;
      if (imitated) findings.push({ code: LINK_REASONS.homograph, score: LOOKALIKE_SCORES.homograph, brand: imitated.brand });
    } else if (!lists.brands.domainsOf(domainLabel)) {
      const imitated = imitatedBrand(domainLabel, lists.brands);
      if (imitated) findings.push({ code: LINK_REASONS.typosquat, score: imitated.score, brand: imitated.brand });
    }
  }
  findings.push(...subdomainFindings(facts, lists, isTop));
  if (!isTop) findings.push(...pathFindings(facts, lists));
  return findings;
}
