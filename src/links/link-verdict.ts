/**
 * Combines the three signals about one URL into a {@link LinkVerdict}: a confirmed blocklist hit,
 * the heuristic findings and the URL model's calibrated score. Scores share one scale: 0.5 is
 * the operating point (`suspicious`), 0.85 and up is `malicious`.
 *
 * - A confirmed blocklist hit is malicious (0.99).
 * - Otherwise the strongest finding and the model's score are combined: the larger wins, and when
 *   both are at or over 0.5 they reinforce each other (`1 − (1−h)(1−m)`), so a one-edit typosquat
 *   (0.7) that the model also distrusts (0.6) becomes malicious (0.88). A model that finds the URL
 *   ordinary never cancels a finding.
 * - On a popular site's own host the model's score is capped below the operating point: a lexical
 *   model reads `paypal.com/signin` as phishing-like, but the address imitates nothing.
 * - A shortener hides its target: without a blocklist hit its verdict is exactly `suspicious`.
 * - Findings under 0.5 (a risky TLD) never raise a verdict; they are listed when others do.
 */
import type { LinkVerdict } from '../engine/verdict.js';
import type { LinkFinding } from './lookalike.js';
import { LINK_REASONS } from './reasons.js';

/** Score at and above which a link is `suspicious`. */
export const SUSPICIOUS_SCORE = 0.5;
/** Score at and above which a link is `malicious`. */
export const MALICIOUS_SCORE = 0.85;
/** The most the URL model alone contributes on a popular site's own host. */
export const POPULAR_SITE_MODEL_CAP = 0.45;
/** Score of a confirmed blocklist hit. */
export const BLOCKLIST_SCORE = 0.99;

/** Everything known about one URL. */
export interface LinkEvidence {
  readonly url: string;
  /** The listed expression that matched, or null. */
  readonly blocklist: string | null;
  readonly findings: readonly LinkFinding[];
  /** The model's calibrated score, or null when the model did not run (no host, or disabled). */
  readonly model: number | null;
  readonly shortener: boolean;
  /**
   * The host is a popular site's own (see `isPopularSite`): the lexical model then cannot make
   * the link suspicious on its own, since the address imitates nothing; blocklist and heuristics
   * still apply. @defaultValue false
   */
  readonly popularSite?: boolean;
}

/** The verdict for a score. */
export function verdictFor(score: number): LinkVerdict['verdict'] {
  return score >= MALICIOUS_SCORE ? 'malicious' : score >= SUSPICIOUS_SCORE ? 'suspicious' : 'safe';
}

/**
 * The verdict, score and reason codes for one URL.
 *
 * @example combineLinkEvidence({ url, blocklist: 'evil.example/', findings: [], model: 0.1, shortener: false }).verdict // 'malicious'
 */
export function combineLinkEvidence(evidence: LinkEvidence): LinkVerdict {
  const strong = evidence.findings.filter((finding) => finding.score >= SUSPICIOUS_SCORE);
  const h = strong.reduce((max, finding) => Math.max(max, finding.score), 0);
  const m = evidence.popularSite ? Math.min(evidence.model ?? 0, POPULAR_SITE_MODEL_CAP) : (evidence.model ?? 0);
  let score = Math.max(h, m);
  if (h >= SUSPICIOUS_SCORE && m >= SUSPICIOUS_SCORE) score = 1 - (1 - h) * (1 - m);
  if (evidence.blocklist) score = Math.max(score, BLOCKLIST_SCORE);
  else if (evidence.shortener) score = Math.min(Math.max(score, SUSPICIOUS_SCORE), MALICIOUS_SCORE - 0.01);
  score = Math.min(1, Math.max(0, score));
  const verdict = verdictFor(score);

  const reasons: string[] = [];
  if (evidence.blocklist) reasons.push(LINK_REASONS.blocklist);
  for (const finding of strong) if (!reasons.includes(finding.code)) reasons.push(finding.code);
  if (m >= SUSPICIOUS_SCORE) reasons.push(LINK_REASONS.model);
  if (verdict !== 'safe') {
    for (const finding of evidence.findings) if (!reasons.includes(finding.code)) reasons.push(finding.code);
  }
  return { url: evidence.url, verdict, score: Number(score.toFixed(4)), reasons };
}
