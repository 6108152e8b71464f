/**
 * Evaluates the link checker end to end (the real detector: blocklist files, heuristics and the
 * ONNX model through onnxruntime-web) and writes `models/reports/url-eval.json`.
 *
 *   npm run eval:urls -- [--data DIR] [--models DIR] [--seed N] [--sample N]
 *
 * 1. ROC AUC of the URL model on the validation split (target ≥ 0.98), and of the combined score.
 * 2. Home pages `https://DOMAIN/` of the Majestic top 10,000: at most 0.1% may be other than `safe`.
 * 3. Every domain of the blocklist source must be `malicious`, except the top-site hosts the
 *    build leaves out on purpose; a seeded sample of listed links must be `malicious` too.
 * 4. The hand-written look-alikes in `test/fixtures/links/lookalikes.jsonl` must be flagged and
 *    the genuine addresses next to them `safe`; `lookalikes-heldout.jsonl` (written after the last
 *    rule change, never tuned on) is reported on its own.
 * 5. Everyday links people share in chat (`test/fixtures/links/everyday-links.jsonl`, and
 *    `everyday-links-heldout.jsonl`, written after the platform-host rules and never tuned on): the
 *    share of them that is not `safe`, and what the platform-host pass (`platform-hosts.ts`) costs
 *    on the validation split's phishing URLs.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createLinkDetector, type LinkCheck, type LinkDetector } from '../src/links/link-detector.js';
import { createNodeModelSource } from '../src/runtime/node-model-source.js';
import { isShortener } from '../src/links/heuristics.js';
import { combineLinkEvidence } from '../src/links/link-verdict.js';
import { createLinkLists } from '../src/links/lists.js';
import { isPlatformShareLink } from '../src/links/platform-hosts.js';
import { analyzeUrl } from '../src/links/url-facts.js';
import { calibrateUrlScore, type UrlModelSidecar } from '../src/links/url-model.js';
import {
  blocklistEntries,
  DEFAULT_DATA_DIR,
  DEFAULT_MODELS_DIR,
  readLabeled,
  readTopSites,
  REPO_ROOT,
  urlSplit,
} from './build-blocklist.js';
import { binaryMetrics } from './train-text.js';
import { mulberry32 } from './lib/mulberry32.js';

const TARGETS = { rocAuc: 0.98, homePagesNotSafe: 0.001, lookalikesFlagged: 1, originalsSafe: 1 } as const;

function counts(checks: readonly LinkCheck[]): Record<string, number> {
  const out: Record<string, number> = { safe: 0, suspicious: 0, malicious: 0 };
  for (const check of checks) out[check.verdict] = (out[check.verdict] ?? 0) + 1;
  return out;
}

/** Everyday shared links: how many are not `safe`, and which. */
async function evalEveryday(detector: LinkDetector, file: string) {
  const rows = readFileSync(resolve(REPO_ROOT, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { kind: string; url: string });
  const checks = await checkAll(detector, rows.map((row) => row.url));
  const notSafe = checks.filter((check) => check.verdict !== 'safe');
  return {
    file,
    links: rows.length,
    not_safe: notSafe.length,
    not_safe_rate: round(notSafe.length / Math.max(1, rows.length)),
    flagged: notSafe.map((check) => ({ url: check.url, verdict: check.verdict, reasons: check.reasons })),
  };
}

async function checkAll(detector: LinkDetector, urls: readonly string[]): Promise<LinkCheck[]> {
  const out: LinkCheck[] = [];
  for (const url of urls) out.push(await detector.checkUrl(url));
  return out;
}

/** Look-alikes flagged and their genuine originals left `safe`, for one fixture file. */
async function evalLookalikes(detector: LinkDetector, file: string) {
  const fixtures = readFileSync(resolve(REPO_ROOT, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { kind: string; url: string; original: string });
  const lookalikeChecks = await checkAll(detector, fixtures.map((f) => f.url));
  const originalChecks = await checkAll(detector, fixtures.map((f) => f.original));
  const missed = lookalikeChecks.filter((c) => c.verdict === 'safe').map((c) => ({ url: c.url, score: c.score, reasons: c.findings.map((f) => f.code) }));
  const originalMisses = originalChecks.filter((c) => c.verdict !== 'safe').map((c) => ({ url: c.url, verdict: c.verdict, reasons: c.reasons }));
  const byKind: Record<string, Record<string, number>> = {};
  fixtures.forEach((fixture, i) => {
    const kind = (byKind[fixture.kind] ??= { safe: 0, suspicious: 0, malicious: 0 });
    const verdict = lookalikeChecks[i]?.verdict ?? 'safe';
    kind[verdict] = (kind[verdict] ?? 0) + 1;
  });
  return {
    file,
    fixtures: fixtures.length,
    flagged: fixtures.length - missed.length,
    by_kind: byKind,
    met: missed.length === 0,
    missed,
    originals_safe: fixtures.length - originalMisses.length,
    originals_met: originalMisses.length === 0,
    originals_not_safe: originalMisses,
  };
}

function round(value: number): number {
  return Number(value.toFixed(5));
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      data: { type: 'string', default: DEFAULT_DATA_DIR },
      models: { type: 'string', default: DEFAULT_MODELS_DIR },
      seed: { type: 'string', default: '7' },
      sample: { type: 'string', default: '1000' },
    },
  });
  const started = performance.now();
  const dataDir = resolve(args.data);
  const detector = createLinkDetector({ source: createNodeModelSource(resolve(args.models)) });
  await detector.load();

  // 1. Validation split.
  const validation = readLabeled(dataDir).filter((row) => urlSplit(row.url) === 'validation');
  const validationChecks = await checkAll(detector, validation.map((row) => row.url));
  const targets = validation.map((row) => row.label);
  const model = binaryMetrics(validationChecks.map((c) => c.modelProbability ?? 0), targets, 0.5);
  const combined = binaryMetrics(validationChecks.map((c) => c.score), targets, 0.5);
  const flaggedLegit = validationChecks.filter((c, i) => targets[i] === 0 && c.verdict !== 'safe').length;
  const flaggedPhish = validationChecks.filter((c, i) => targets[i] === 1 && c.verdict !== 'safe').length;
  const blocklistedValidation = validationChecks.filter((c) => c.blocklist !== null).length;
  // Home pages the top-site list does not vouch for: the model's popularity features cannot help here.
  const topDomains = new Set(readTopSites(dataDir).map((site) => site.domain));
  const unlistedHome = validationChecks.filter((c, i) => {
    const facts = analyzeUrl(c.url);
    return targets[i] === 0 && facts.path === '/' && facts.query === null && !(facts.domain && topDomains.has(facts.domain));
  });

  // 2. Home pages of the top 10,000.
  const sites = readTopSites(dataDir);
  // Every row, including the public suffixes Majestic ranks as domains (`gouv.fr`, `gc.ca`).
  const home = readFileSync(resolve(dataDir, 'majestic-top15k.csv'), 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .filter((cells) => Number(cells[0]) <= 10_000 && cells[2])
    .map((cells) => `https://${(cells[2] as string).trim().toLowerCase()}/`);
  const homeChecks = await checkAll(detector, home);
  const homeNotSafe = homeChecks.filter((c) => c.verdict !== 'safe');
  // Ablation: the same checks without the popular-site cap on the model (the cap uses the top-15k
  // list, which contains these very domains, so the headline number is partly by construction).
  const sidecar = JSON.parse(readFileSync(resolve(args.models, 'url-linear.json'), 'utf8')) as UrlModelSidecar;
  const lists = createLinkLists(readFileSync(resolve(args.models, 'url-top-sites.txt'), 'utf8'), readFileSync(resolve(args.models, 'url-shorteners.txt'), 'utf8'));
  const homeNotSafeWithoutCap = homeChecks.filter((c) => {
    const facts = analyzeUrl(c.url);
    const model = c.modelProbability === null ? null : calibrateUrlScore(c.modelProbability, sidecar.calibration);
    return combineLinkEvidence({ url: c.url, blocklist: c.blocklist, findings: c.findings, model, shortener: isShortener(facts, lists) }).verdict !== 'safe';
  });

  // 3. Blocklist source.
  const entries = blocklistEntries(dataDir, sites);
  const domains = entries.filter((e) => e.kind === 'domain');
  const listedDomains = domains.filter((e) => e.expression !== null);
  const domainChecks: LinkCheck[] = [];
  for (const entry of listedDomains) domainChecks.push(await detector.checkUrl(`https://${entry.source}/`));
  const domainMisses = listedDomains.filter((_, i) => domainChecks[i]?.verdict !== 'malicious').map((e) => e.source);
  const excludedDomainChecks = await checkAll(detector, domains.filter((e) => e.expression === null).map((e) => `https://${e.source}/`));
  const links = entries.filter((e) => e.kind === 'link');
  const random = mulberry32(Number(args.seed));
  const sampleSize = Math.min(Number(args.sample), links.length);
  const picked = new Set<number>();
  while (picked.size < sampleSize) picked.add(Math.floor(random() * links.length));
  const sample = [...picked].sort((a, b) => a - b).map((i) => links[i] as (typeof links)[number]);
  const linkChecks = await checkAll(detector, sample.map((e) => e.source));
  const sampleListed = sample.filter((e) => e.expression !== null);
  const linkMisses = sample.filter((e, i) => e.expression !== null && linkChecks[i]?.verdict !== 'malicious').map((e) => e.source);

  // 4. Look-alike fixtures: the set the heuristics were developed against, and a held-out set
  // written after the last rule change (lure-word domains, sign-in pages) and never tuned on.
  const lookalikes = await evalLookalikes(detector, 'test/fixtures/links/lookalikes.jsonl');
  const heldOut = await evalLookalikes(detector, 'test/fixtures/links/lookalikes-heldout.jsonl');

  // 5. Everyday shared links, and the phishing the platform-host pass lets through on validation.
  const everyday = await evalEveryday(detector, 'test/fixtures/links/everyday-links.jsonl');
  const everydayHeldOut = await evalEveryday(detector, 'test/fixtures/links/everyday-links-heldout.jsonl');
  const platformPhishing = validationChecks.filter((c, i) => targets[i] === 1 && isPlatformShareLink(analyzeUrl(c.url)));
  const homeRate = homeNotSafe.length / home.length;
  const report = {
    generated_by: 'scripts/eval-urls.ts (npm run eval:urls)',
    detector_version: detector.version,
    validation: {
      urls: validation.length,
      phishing: targets.filter((t) => t === 1).length,
      model_roc_auc: round(model.rocAuc),
      model_pr_auc: round(model.prAuc),
      target_roc_auc: TARGETS.rocAuc,
      met: model.rocAuc >= TARGETS.rocAuc,
      combined_score_roc_auc: round(combined.rocAuc),
      combined_note: 'the combined score includes blocklist hits; Phishing.Database lists some validation URLs, so it is not a clean held-out number',
      validation_urls_on_blocklist: blocklistedValidation,
      verdicts_legitimate: counts(validationChecks.filter((_, i) => targets[i] === 0)),
      verdicts_phishing: counts(validationChecks.filter((_, i) => targets[i] === 1)),
      flagged_rate_legitimate: round(flaggedLegit / targets.filter((t) => t === 0).length),
      flagged_rate_phishing: round(flaggedPhish / targets.filter((t) => t === 1).length),
      legitimate_home_pages_not_in_top_sites: {
        urls: unlistedHome.length,
        verdicts: counts(unlistedHome),
        not_safe_rate: round(unlistedHome.filter((c) => c.verdict !== 'safe').length / Math.max(1, unlistedHome.length)),
      },
    },
    top10k_home_pages: {
      urls: home.length,
      verdicts: counts(homeChecks),
      not_safe_rate: round(homeRate),
      target_max_rate: TARGETS.homePagesNotSafe,
      met: homeRate <= TARGETS.homePagesNotSafe,
      not_safe: homeNotSafe.map((c) => ({ url: c.url, verdict: c.verdict, score: c.score, reasons: c.reasons })),
      without_popular_site_cap: {
        not_safe: homeNotSafeWithoutCap.length,
        not_safe_rate: round(homeNotSafeWithoutCap.length / home.length),
        note: 'the model capped below 0.5 on a top site\'s own host is part of the shipped design; this is the number without it',
      },
    },
    blocklist_domains: {
      source_domains: domains.length,
      listed: listedDomains.length,
      malicious: listedDomains.length - domainMisses.length,
      met: domainMisses.length === 0,
      misses: domainMisses.slice(0, 50),
      excluded_top_site_hosts: {
        count: excludedDomainChecks.length,
        verdicts: counts(excludedDomainChecks),
        hosts: domains.filter((e) => e.expression === null).map((e) => ({ host: e.source, why: e.excluded })),
      },
    },
    blocklist_links_sample: {
      seed: Number(args.seed),
      sampled: sample.length,
      listed: sampleListed.length,
      excluded: sample.length - sampleListed.length,
      verdicts: counts(linkChecks),
      malicious_of_listed: sampleListed.length - linkMisses.length,
      met: linkMisses.length === 0,
      misses: linkMisses.slice(0, 50),
    },
    lookalikes,
    lookalikes_held_out: heldOut,
    everyday_links: everyday,
    everyday_links_held_out: everydayHeldOut,
    platform_share_links_in_validation_phishing: {
      note: 'validation phishing URLs on a platform share host or first-party short link, where the URL model is capped below 0.5 (platform-hosts.ts)',
      urls: platformPhishing.length,
      verdicts: counts(platformPhishing),
    },
    seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
  };
  await detector.dispose();
  const outDir = resolve(args.models, 'reports');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(resolve(outDir, 'url-eval.json'), `${JSON.stringify(report, null, 2)}\n`);

  console.log(`validation: model ROC AUC ${report.validation.model_roc_auc} (target ≥ ${TARGETS.rocAuc}), combined ${report.validation.combined_score_roc_auc}`);
  console.log(`  flagged: legitimate ${report.validation.flagged_rate_legitimate}, phishing ${report.validation.flagged_rate_phishing}`);
  console.log(`  legitimate home pages outside the top-site list: ${JSON.stringify(report.validation.legitimate_home_pages_not_in_top_sites)}`);
  console.log(`top-10k home pages not safe: ${homeNotSafe.length}/${home.length} = ${(homeRate * 100).toFixed(3)}% (target ≤ 0.1%)`);
  console.log(`  without the popular-site cap on the model: ${homeNotSafeWithoutCap.length} = ${((homeNotSafeWithoutCap.length / home.length) * 100).toFixed(3)}%`);
  for (const c of homeNotSafe.slice(0, 20)) console.log(`  ${c.verdict} ${c.score} ${c.url} ${c.reasons.join(',')}`);
  console.log(`blocklist domains malicious: ${report.blocklist_domains.malicious}/${listedDomains.length} (excluded top-site hosts ${excludedDomainChecks.length})`);
  console.log(`blocklist link sample malicious: ${report.blocklist_links_sample.malicious_of_listed}/${sampleListed.length}`);
  for (const [name, set] of [['look-alikes (tuning)', lookalikes], ['look-alikes (held out)', heldOut]] as const) {
    console.log(`${name}: flagged ${set.flagged}/${set.fixtures}; originals safe ${set.originals_safe}/${set.fixtures}`);
    for (const miss of set.missed) console.log(`  missed ${miss.url} ${miss.reasons.join(',')}`);
    for (const miss of set.originals_not_safe) console.log(`  original not safe ${miss.url} ${miss.verdict} ${miss.reasons?.join(',') ?? ''}`);
  }
  for (const set of [everyday, everydayHeldOut]) {
    console.log(`everyday links not safe (${set.file}): ${set.not_safe}/${set.links}`);
    for (const flagged of set.flagged) console.log(`  ${flagged.verdict} ${flagged.url} ${flagged.reasons.join(',')}`);
  }
  console.log(`validation phishing on platform share hosts: ${platformPhishing.length} ${JSON.stringify(counts(platformPhishing))}`);
  console.log(`done in ${report.seconds} s`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
