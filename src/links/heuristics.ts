/**
 * Rule-based link checks, each with a reason code and the score it supports on its own (0.5 is
 * the operating point, 0.85 and up is malicious): script schemes, IP hosts, userinfo tricks,
 * unusual ports, shorteners, dangerous downloads, risky TLDs, the look-alike family in
 * `lookalike.ts` and lure-word domains in `lure-domain.ts`. The same findings are features of the URL model.
 */
import type { LinkLists } from './lists.js';
import { lookalikeFindings, type LinkFinding } from './lookalike.js';
import { lureDomainFindings } from './lure-domain.js';
import { LINK_REASONS } from './reasons.js';
import { TLD_BASE_RATE, TLD_PRIORS } from './tld-priors-data.js';
import type { UrlFacts } from './url-facts.js';

export type { LinkFinding } from './lookalike.js';

/** Scores of the non-look-alike findings. */
export const HEURISTIC_SCORES = Object.freeze({
  javascriptScheme: 0.95,
  /** `data:` with HTML, SVG or script: a whole phishing page inside the link. */
  activeDataScheme: 0.9,
  otherDataScheme: 0.6,
  /** `https://www.paypal.com@evil.ru`: the part before @ is dressed up as the destination. */
  userinfoDisguise: 0.9,
  userinfo: 0.6,
  ipHost: 0.6,
  /** Shorteners hide the target: enough to ask before opening, never enough for malicious. */
  shortener: 0.5,
  dangerousDownload: 0.7,
  nonStandardPort: 0.55,
  /** Below the operating point on purpose: a TLD alone never flags a link; it is shown when others do. */
  riskyTld: 0.3,
});

/** File types that install or run code when opened. */
export const DANGEROUS_EXTENSIONS: ReadonlySet<string> = new Set(
  `apk xapk apks aab ipa exe scr msi msix msixbundle appx appxbundle bat cmd com pif cpl hta jar js jse vbs vbe
  wsf wsh ps1 psm1 lnk reg dmg pkg mpkg app deb rpm run sh iso img vhd vhdx docm xlsm pptm dotm xlam`
    .split(/\s+/)
    .filter(Boolean),
);

/** A TLD whose smoothed phishing rate in the training data reaches this (and seen often enough) is risky. */
export const RISKY_TLD_RATE = 0.8;
const RISKY_TLD_MIN_COUNT = 10;

/** The top-level domain of a URL's host, `ip` for IP literals, `''` when none. */
export function tldOf(facts: UrlFacts): string {
  if (facts.isIp) return 'ip';
  const dot = facts.host.lastIndexOf('.');
  return dot >= 0 ? facts.host.slice(dot + 1) : '';
}

/** The smoothed phishing rate of a URL's TLD in the training data (the overall rate when unseen). */
export function tldPrior(facts: UrlFacts): { rate: number; count: number } {
  const entry = TLD_PRIORS[tldOf(facts)];
  return entry ? { rate: entry[0], count: entry[1] } : { rate: TLD_BASE_RATE, count: 0 };
}

/**
 * True when the URL is a shortened link: its host or registrable domain is a known shortener and
 * it has a path or query (`https://bit.ly/` itself is the shortener's home page, not a redirect).
 */
export function isShortener(facts: UrlFacts, lists: LinkLists): boolean {
  if (facts.path === '/' && !facts.query) return false;
  return lists.shorteners.has(facts.host) || (facts.domain !== null && lists.shorteners.has(facts.domain));
}

function schemeFindings(facts: UrlFacts): LinkFinding[] {
  if (facts.scheme === 'javascript' || facts.scheme === 'vbscript') {
    return [{ code: LINK_REASONS.scriptScheme, score: HEURISTIC_SCORES.javascriptScheme }];
  }
  if (facts.scheme === 'data') {
    const active = /^data:\s*(?:text\/html|text\/javascript|application\/(?:x-)?javascript|image\/svg|application\/xhtml)/i.test(facts.url);
    return [{ code: LINK_REASONS.scriptScheme, score: active ? HEURISTIC_SCORES.activeDataScheme : HEURISTIC_SCORES.otherDataScheme }];
  }
  return [];
}

function userinfoFinding(facts: UrlFacts, lists: LinkLists): LinkFinding[] {
  if (facts.userinfo === null || facts.userinfo === '') return [];
  const text = facts.userinfo.toLowerCase();
  const disguised = /[a-z0-9-]\.[a-z]{2,}/.test(text) || text.split(/[^a-z0-9]+/).some((token) => token.length >= 4 && lists.brands.domainsOf(token));
  return [{ code: LINK_REASONS.userinfo, score: disguised ? HEURISTIC_SCORES.userinfoDisguise : HEURISTIC_SCORES.userinfo }];
}

function downloadFinding(facts: UrlFacts): LinkFinding[] {
  const last = facts.path.slice(facts.path.lastIndexOf('/') + 1);
  const dot = last.lastIndexOf('.');
  if (dot < 1) return [];
  const extension = last.slice(dot + 1).toLowerCase();
  return DANGEROUS_EXTENSIONS.has(extension) ? [{ code: LINK_REASONS.dangerousDownload, score: HEURISTIC_SCORES.dangerousDownload }] : [];
}

/**
 * Every rule-based finding for one URL, strongest first. Pure and synchronous; never throws.
 *
 * @example linkFindings(analyzeUrl('http://192.168.0.1/login'), lists).map((f) => f.code) // ['link.ip_host']
 */
export function linkFindings(facts: UrlFacts, lists: LinkLists): LinkFinding[] {
  const scheme = schemeFindings(facts);
  if (scheme.length > 0 || !facts.canonical) return scheme;
  const findings: LinkFinding[] = [...userinfoFinding(facts, lists)];
  if (facts.isIp) findings.push({ code: LINK_REASONS.ipHost, score: HEURISTIC_SCORES.ipHost });
  if (facts.port !== '') findings.push({ code: LINK_REASONS.nonStandardPort, score: HEURISTIC_SCORES.nonStandardPort });
  if (isShortener(facts, lists)) findings.push({ code: LINK_REASONS.shortener, score: HEURISTIC_SCORES.shortener });
  findings.push(...downloadFinding(facts));
  const lookalikes = lookalikeFindings(facts, lists);
  findings.push(...lookalikes);
  // A named brand explains the domain better than its words do: the lure rule is for brands outside the table.
  if (!lookalikes.some((f) => f.code === LINK_REASONS.typosquat || f.code === LINK_REASONS.homograph)) findings.push(...lureDomainFindings(facts, lists));
  const prior = tldPrior(facts);
  if (prior.rate >= RISKY_TLD_RATE && prior.count >= RISKY_TLD_MIN_COUNT && !facts.isIp) {
    findings.push({ code: LINK_REASONS.riskyTld, score: HEURISTIC_SCORES.riskyTld });
  }
  return findings.sort((a, b) => b.score - a.score);
}
