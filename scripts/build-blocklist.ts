/**
 * Builds ChatGuard's on-device link data from the shared URL data sets:
 *
 * - `models/blocklist.prefixes.bin`: 32-bit SHA-256 prefixes of every Phishing.Database expression,
 *   Rice–Golomb coded with an index (see `src/links/prefix-set.ts`);
 * - `models/blocklist.hashes.bin`: the next bytes of each full hash, row for row, to confirm a prefix
 *   hit on the device (see `src/links/blocklist.ts` for why not all 32 bytes);
 * - `models/url-top-sites.txt`, `models/url-shorteners.txt`: the lists the heuristics read;
 * - `src/links/brands-data.ts`, `src/links/tld-priors-data.ts`: small generated tables;
 * - entries in `models/manifest.json` and attributions in `models/NOTICE`.
 *
 *   npm run build:blocklist -- [--data DIR] [--out DIR] [--hash-bytes N]
 *
 * `--data` is the URL data folder holding `phishing-database/`, `majestic-top15k.csv`,
 * `url-shorteners/` and `labeled-train.jsonl` (default `../shared/datasets/urls`). Expressions follow
 * Safe Browsing: a domain `d` becomes `d/`, an IP `i` becomes `i/`, a link its canonical
 * `host/path?query` (a link to a site's root, `host/`). No entry may block a whole top-15k site:
 * the registrable domain itself, its `www.` host, hosts Majestic ranks on their own and service
 * hosts (`app.`, `blog.`, `docs.` …) of top sites are left out; tenants (`x.000webhostapp.com`) and
 * exact links (`sites.google.com/view/phish`) stay. Deterministic: same data, same bytes.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseDomain } from 'tldts';
import { canonicalizeUrl } from '../src/links/canonicalize.js';
import { exactExpression } from '../src/links/expressions.js';
import { parseIpv4 } from '../src/links/ip.js';
import { DEFAULT_INDEX_INTERVAL, encodePrefixSet } from '../src/links/prefix-set.js';
import { HASH_FILE_MAGIC } from '../src/links/blocklist.js';
import { appendNotice, writeManifestEntry } from './lib/model-records.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_DATA_DIR = resolve(REPO_ROOT, '../shared/datasets/urls');
export const DEFAULT_MODELS_DIR = resolve(REPO_ROOT, 'models');

// ─── Sources ───────────────────────────────────────────────────────────────────────────────────

/** Where each data set comes from, for the manifest and NOTICE. */
export const SOURCES = {
  phishingDatabase: {
    name: 'Phishing.Database (phishing-domains-ACTIVE, phishing-links-ACTIVE, phishing-IPs-ACTIVE)',
    licence: 'MIT',
    attribution: 'Phishing.Database contributors (Mitchell Krog, Nissar Chababy), https://github.com/Phishing-Database/Phishing.Database',
  },
  majestic: {
    name: 'Majestic Million, top 15,000 rows',
    licence: 'CC BY 3.0',
    attribution: 'Majestic-12 Ltd, https://majestic.com/reports/majestic-million',
  },
  shorteners: {
    name: 'url-shorteners list',
    licence: 'CC BY-SA 4.0',
    attribution: 'PeterDaveHello/url-shorteners contributors, https://github.com/PeterDaveHello/url-shorteners',
  },
  hannousse: {
    name: 'Web page phishing detection dataset (URLs), training portion',
    licence: 'CC BY 4.0',
    attribution: 'Hannousse & Yahiouche 2021, Mendeley Data, doi:10.17632/c2gw7fy2j4.3',
  },
} as const;

/** A ranked Majestic row. */
export interface TopSite {
  readonly rank: number;
  readonly host: string;
  readonly domain: string;
  readonly label: string;
}

/** The Majestic rows in rank order, with registrable domain and its first label. */
export function readTopSites(dataDir: string): TopSite[] {
  const out: TopSite[] = [];
  const lines = readFileSync(resolve(dataDir, 'majestic-top15k.csv'), 'utf8').split('\n').slice(1);
  for (const line of lines) {
    const cells = line.split(',');
    const host = cells[2]?.trim().toLowerCase();
    if (!host) continue;
    const parsed = parseDomain(host);
    if (!parsed.domain || !parsed.domainWithoutSuffix) continue;
    out.push({ rank: Number(cells[0]), host, domain: parsed.domain, label: parsed.domainWithoutSuffix });
  }
  return out;
}

/** One labelled URL. */
export interface LabeledUrl {
  readonly id: string;
  readonly url: string;
  readonly label: 0 | 1;
}

/** `labeled-train.jsonl` as `{id, url, label: 1 for phishing}`. */
export function readLabeled(dataDir: string): LabeledUrl[] {
  return readFileSync(resolve(dataDir, 'labeled-train.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const row = JSON.parse(line) as { id: string; url: string; label: string };
      return { id: row.id, url: row.url, label: row.label === 'phishing' ? 1 : 0 };
    });
}

/**
 * The deterministic split of the labelled URLs: 20% validation by SHA-256 of the URL itself, so a
 * URL listed twice under different ids can never sit on both sides.
 */
export function urlSplit(url: string): 'train' | 'validation' {
  const first = createHash('sha256').update(`chatguard-url-split:${url}`).digest()[0] as number;
  return first < 51 ? 'validation' : 'train';
}

function readLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

// ─── Brands ────────────────────────────────────────────────────────────────────────────────────

/** How many distinct top-site labels become brands. */
export const BRAND_COUNT = 1000;

/**
 * Top-site labels that are ordinary words, places or publications rather than brands people get
 * phished with: matching them would flag `history-of-rome.org` or `live.example.com`.
 */
const GENERIC_LABELS = new Set(
  `about admin answers archive archives army blog boston brown business canada cancer cell change cloud
  colorado congress dictionary digital discovery economist energy europa example express faqs force forms
  fortune free ghost guardian hawaii heart history house illinois independent indiana itch java justice
  kernel last line live mail medium metro mirror nature navy news pages people perl phys python salon
  science senate service share site slate space square standard state target texas time timeout today
  translate treasury utah variety vice virginia washington weather webs wired census deadline purl curl
  zlib flic sina thenai`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Brands phished far more often than their Majestic rank suggests (banks, payment, parcels,
 * crypto, mail). They join the table when Majestic lists them, at any rank.
 */
const OFTEN_PHISHED = `wellsfargo chase bankofamerica coinbase metamask icloud hsbc santander barclays kraken roblox docusign
  netflix usps fedex dhl ups citibank capitalone americanexpress mastercard visa blockchain trustwallet ledger
  revolut lloydsbank natwest att verizon xfinity comcast venmo okta office365 microsoftonline outlook hotmail
  binance steamcommunity paypal apple amazon microsoft google facebook instagram whatsapp linkedin dropbox adobe
  yahoo ebay telegram discord spotify`
  .split(/\s+/)
  .filter(Boolean);

/** Brand label → its genuine registrable domains among the top sites. */
export function selectBrands(sites: readonly TopSite[]): Map<string, string[]> {
  const domainsByLabel = new Map<string, Set<string>>();
  for (const site of sites) {
    const set = domainsByLabel.get(site.label) ?? new Set<string>();
    set.add(site.domain);
    domainsByLabel.set(site.label, set);
  }
  const chosen: string[] = [];
  for (const site of sites) {
    if (chosen.length >= BRAND_COUNT) break;
    if (!chosen.includes(site.label)) chosen.push(site.label);
  }
  const brands = new Map<string, string[]>();
  const consider = (label: string, minLength: number) => {
    if (brands.has(label) || GENERIC_LABELS.has(label) || !/^[a-z][a-z0-9]*$/.test(label) || label.length < minLength) return;
    const domains = domainsByLabel.get(label);
    if (domains) brands.set(label, [...domains].sort());
  };
  for (const label of chosen) consider(label, 4);
  for (const label of OFTEN_PHISHED) consider(label, 3);
  return new Map([...brands].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// ─── TLD priors ────────────────────────────────────────────────────────────────────────────────

/** Pseudo-count pulling a rare TLD's phishing rate towards the overall rate. */
const TLD_PRIOR_STRENGTH = 10;
/** TLDs seen fewer times than this keep the overall rate. */
const TLD_MIN_COUNT = 5;

/** Last label of a URL's host (`ip` for IP literals), or null. */
export function tldOf(url: string): string | null {
  const canonical = canonicalizeUrl(url);
  if (!canonical) return null;
  if (canonical.isIp) return 'ip';
  const labels = canonical.host.split('.');
  return labels.length > 1 ? (labels[labels.length - 1] as string) : null;
}

/** Smoothed phishing rate per TLD on the training split only. */
export function tldPriors(rows: readonly LabeledUrl[]): { base: number; priors: Map<string, { rate: number; count: number }> } {
  const counts = new Map<string, { phishing: number; count: number }>();
  let phishing = 0;
  for (const row of rows) {
    phishing += row.label;
    const tld = tldOf(row.url);
    if (!tld) continue;
    const entry = counts.get(tld) ?? { phishing: 0, count: 0 };
    entry.phishing += row.label;
    entry.count += 1;
    counts.set(tld, entry);
  }
  const base = phishing / rows.length;
  const priors = new Map<string, { rate: number; count: number }>();
  for (const [tld, { phishing: p, count }] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (count < TLD_MIN_COUNT) continue;
    priors.set(tld, { rate: (p + TLD_PRIOR_STRENGTH * base) / (count + TLD_PRIOR_STRENGTH), count });
  }
  return { base, priors };
}

// ─── Blocklist entries ─────────────────────────────────────────────────────────────────────────

/** First labels that make a top site's subdomain one of its own services, not a tenant's site. */
const SERVICE_LABELS = new Set(
  `www m mobile app apps api blog blogs account accounts login auth id docs drive sites forms storage mail
  email web support help shop store secure my en go cdn static dl download downloads files news maps cloud
  community forum forums portal status developer developers dev business pay payments wallet music video
  play photos translate search`
    .split(/\s+/)
    .filter(Boolean),
);

/** Why a host-wide entry was left out, or null when it may block the whole host. */
export function topSiteExclusion(
  host: string,
  topDomains: ReadonlySet<string>,
  topHosts: ReadonlySet<string>,
): 'public-suffix' | 'top-site-domain' | 'top-site-host' | 'top-site-service-host' | null {
  const parsed = parseDomain(host, { extractHostname: false });
  if (parsed.isIp) return null;
  if (!parsed.domain) return 'public-suffix';
  if (!topDomains.has(parsed.domain)) return null;
  if (host === parsed.domain || host === `www.${parsed.domain}`) return 'top-site-domain';
  if (topHosts.has(host)) return 'top-site-host';
  const sub = (parsed.subdomain ?? '').replace(/^www\./, '');
  if (!sub.includes('.') && SERVICE_LABELS.has(sub)) return 'top-site-service-host';
  return null;
}

/** One source line turned into a list expression, or the reason it was left out. */
export interface SourceEntry {
  readonly kind: 'domain' | 'link' | 'ip';
  readonly source: string;
  readonly expression: string | null;
  readonly excluded: string | null;
}

/** Every source line of Phishing.Database with its expression (or exclusion). */
export function blocklistEntries(dataDir: string, sites: readonly TopSite[]): SourceEntry[] {
  const topDomains = new Set(sites.map((site) => site.domain));
  const topHosts = new Set(sites.map((site) => site.host));
  const dir = resolve(dataDir, 'phishing-database');
  const out: SourceEntry[] = [];
  const hostEntry = (kind: SourceEntry['kind'], source: string, host: string): SourceEntry => {
    const excluded = topSiteExclusion(host, topDomains, topHosts);
    return { kind, source, expression: excluded ? null : `${host}/`, excluded };
  };
  for (const line of readLines(resolve(dir, 'phishing-domains-ACTIVE.txt'))) {
    const canonical = canonicalizeUrl(`http://${line}/`);
    if (!canonical) out.push({ kind: 'domain', source: line, expression: null, excluded: 'unparseable' });
    else out.push(hostEntry('domain', line, canonical.host));
  }
  for (const line of readLines(resolve(dir, 'phishing-links-ACTIVE.txt'))) {
    const canonical = canonicalizeUrl(line);
    if (!canonical) {
      out.push({ kind: 'link', source: line, expression: null, excluded: 'unparseable' });
    } else if (canonical.path === '/' && canonical.query === null) {
      out.push(hostEntry('link', line, canonical.host));
    } else {
      out.push({ kind: 'link', source: line, expression: exactExpression(canonical), excluded: null });
    }
  }
  for (const line of readLines(resolve(dir, 'phishing-IPs-ACTIVE.txt'))) {
    const ip = parseIpv4(line);
    out.push({ kind: 'ip', source: line, expression: ip ? `${ip}/` : null, excluded: ip ? null : 'unparseable' });
  }
  return out;
}

// ─── Manifest and NOTICE ───────────────────────────────────────────────────────────────────────

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function noticeLine(source: { name: string; licence: string; attribution: string }): string {
  return `- ${source.name}: ${source.attribution}. Licence: ${source.licence}.`;
}

// ─── Main ──────────────────────────────────────────────────────────────────────────────────────

function generatedHeader(what: string, sources: string): string {
  return `// Auto-generated by scripts/build-blocklist.ts (npm run build:blocklist). Do not edit.\n// ${what}\n// Source: ${sources}\n`;
}

function writeBrandsData(brands: Map<string, string[]>): void {
  const table = [...brands].map(([label, domains]) => `${label}=${domains.join(' ')}`).join('|');
  const chunks: string[] = [];
  for (let i = 0; i < table.length; i += 100) chunks.push(JSON.stringify(table.slice(i, i + 100)).replace(/"/g, "'"));
  const text = `${generatedHeader(
    `${brands.size} brand labels: the first labels of the top ${BRAND_COUNT} Majestic registrable domains minus generic words, plus often-phished brands Majestic lists.`,
    `${SOURCES.majestic.name}, ${SOURCES.majestic.attribution}, ${SOURCES.majestic.licence}.`,
  )}
/** Brand label → its genuine registrable domains: \`label=domain domain|…\`. */
export const BRAND_TABLE: string =
  ${chunks.join(' +\n  ')};
`;
  writeFileSync(resolve(REPO_ROOT, 'src/links/brands-data.ts'), text);
}

function writeTldPriors(base: number, priors: Map<string, { rate: number; count: number }>): void {
  const body = [...priors].map(([tld, { rate, count }]) => `  ${/^[a-z]+$/.test(tld) ? tld : `'${tld}'`}: [${rate.toFixed(3)}, ${count}],`);
  const text = `${generatedHeader(
    `Phishing rate per top-level domain on the training split of the labelled URLs (≈50% phishing overall), smoothed with ${TLD_PRIOR_STRENGTH} pseudo-counts; TLDs seen < ${TLD_MIN_COUNT} times are left out.`,
    `${SOURCES.hannousse.name}, ${SOURCES.hannousse.attribution}, ${SOURCES.hannousse.licence}.`,
  )}
/** The phishing rate over all training URLs: what a TLD absent from {@link TLD_PRIORS} gets. */
export const TLD_BASE_RATE = ${base.toFixed(4)};

/** TLD → [smoothed phishing rate, training URLs seen]. \`ip\` stands for IP-literal hosts. */
export const TLD_PRIORS: Readonly<Record<string, readonly [number, number]>> = {
${body.join('\n')}
};
`;
  writeFileSync(resolve(REPO_ROOT, 'src/links/tld-priors-data.ts'), text);
}

function listFile(title: string, source: { name: string; licence: string; attribution: string }, values: Iterable<string>): string {
  return `# ${title}\n# Auto-generated by scripts/build-blocklist.ts. Do not edit.\n# Source: ${source.name}, ${source.attribution}. Licence: ${source.licence}.\n${[...values].join('\n')}\n`;
}

/** The hash-tail file: magic, version, tail length, row count, then `count × tailBytes`. */
function encodeHashTails(hashes: readonly Buffer[], tailBytes: number): Uint8Array {
  const out = new Uint8Array(16 + hashes.length * tailBytes);
  const view = new DataView(out.buffer);
  view.setUint32(0, HASH_FILE_MAGIC, true);
  view.setUint8(4, 1);
  view.setUint8(5, tailBytes);
  view.setUint32(8, hashes.length, true);
  hashes.forEach((hash, i) => out.set(hash.subarray(4, 4 + tailBytes), 16 + i * tailBytes));
  return out;
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      data: { type: 'string', default: DEFAULT_DATA_DIR },
      out: { type: 'string', default: DEFAULT_MODELS_DIR },
      'hash-bytes': { type: 'string', default: '8' },
    },
  });
  const dataDir = resolve(args.data);
  const outDir = resolve(args.out);
  const tailBytes = Number(args['hash-bytes']);
  if (!Number.isInteger(tailBytes) || tailBytes < 4 || tailBytes > 28) throw new RangeError('--hash-bytes must be 4..28');
  const started = performance.now();

  const sites = readTopSites(dataDir);
  const brands = selectBrands(sites);
  writeBrandsData(brands);
  const labeled = readLabeled(dataDir).filter((row) => urlSplit(row.url) === 'train');
  const { base, priors } = tldPriors(labeled);
  writeTldPriors(base, priors);

  mkdirSync(outDir, { recursive: true });
  const topDomains = [...new Set(sites.map((site) => site.domain))].sort();
  const rankedHosts = [...new Set(sites.map((site) => site.host))].filter((host) => !topDomains.includes(host) && host !== `www.${parseDomain(host).domain}`);
  const topSitesText = listFile(
    'Registrable domains of the Majestic top 15,000, then the other hosts Majestic ranks on their own (docs.google.com)',
    SOURCES.majestic,
    [...topDomains, ...rankedHosts.sort()],
  );
  const shortenerHosts = new Set<string>();
  for (const line of readLines(resolve(dataDir, 'url-shorteners/list.txt'))) {
    const host = canonicalizeUrl(`http://${line}/`)?.host;
    if (host) shortenerHosts.add(host);
  }
  const shortenersText = listFile('URL-shortener domains', SOURCES.shorteners, [...shortenerHosts].sort());
  writeFileSync(resolve(outDir, 'url-top-sites.txt'), topSitesText);
  writeFileSync(resolve(outDir, 'url-shorteners.txt'), shortenersText);

  const entries = blocklistEntries(dataDir, sites);
  const expressions = [...new Set(entries.flatMap((entry) => (entry.expression ? [entry.expression] : [])))];
  const hashes = expressions.map((expression) => createHash('sha256').update(expression, 'utf8').digest());
  hashes.sort(Buffer.compare);
  const prefixes = Uint32Array.from(hashes, (hash) => hash.readUInt32BE(0));
  const prefixBytes = encodePrefixSet(prefixes, DEFAULT_INDEX_INTERVAL);
  const tailBytesFile = encodeHashTails(hashes, tailBytes);
  writeFileSync(resolve(outDir, 'blocklist.prefixes.bin'), prefixBytes);
  writeFileSync(resolve(outDir, 'blocklist.hashes.bin'), tailBytesFile);

  const counts = (kind: SourceEntry['kind']) => {
    const of = entries.filter((entry) => entry.kind === kind);
    const excluded: Record<string, number> = {};
    for (const entry of of) if (entry.excluded) excluded[entry.excluded] = (excluded[entry.excluded] ?? 0) + 1;
    return { lines: of.length, listed: of.filter((entry) => entry.expression).length, excluded };
  };
  let distinctPrefixes = 0;
  for (let i = 0; i < prefixes.length; i++) if (i === 0 || prefixes[i] !== prefixes[i - 1]) distinctPrefixes += 1;
  const metrics = {
    sources: { domains: counts('domain'), links: counts('link'), ips: counts('ip') },
    expressions: expressions.length,
    distinct_prefixes: distinctPrefixes,
    prefix_file_bytes: prefixBytes.length,
    bytes_per_entry: Number((prefixBytes.length / expressions.length).toFixed(3)),
    hash_file_bytes: tailBytesFile.length,
    full_32_byte_hashes_would_be_bytes: expressions.length * 32,
    confirmed_hash_bits: 32 + tailBytes * 8,
  };

  writeManifestEntry(outDir, {
    id: 'url-blocklist',
    path: 'blocklist.prefixes.bin',
    sha256: sha256Hex(prefixBytes),
    bytes: prefixBytes.length,
    labels: ['malicious_link'],
    sidecar: { path: 'blocklist.hashes.bin', sha256: sha256Hex(tailBytesFile), bytes: tailBytesFile.length },
    format:
      'prefixes: "CGPS" v1 Rice–Golomb coded sorted SHA-256 32-bit prefixes, raw index every 64th value; hashes: "CGFH" v1, bytes 4..4+n of each SHA-256, same row order',
    sources: [SOURCES.phishingDatabase, SOURCES.majestic],
    metrics,
    rebuild: 'npm run build:blocklist',
  });
  writeManifestEntry(outDir, {
    id: 'url-top-sites',
    path: 'url-top-sites.txt',
    sha256: sha256Hex(topSitesText),
    bytes: Buffer.byteLength(topSitesText),
    labels: ['malicious_link'],
    sources: [SOURCES.majestic],
    metrics: { domains: topDomains.length, ranked_hosts: rankedHosts.length, brands: brands.size },
    rebuild: 'npm run build:blocklist',
  });
  writeManifestEntry(outDir, {
    id: 'url-shorteners',
    path: 'url-shorteners.txt',
    sha256: sha256Hex(shortenersText),
    bytes: Buffer.byteLength(shortenersText),
    labels: ['malicious_link'],
    sources: [SOURCES.shorteners],
    metrics: { hosts: shortenerHosts.size },
    rebuild: 'npm run build:blocklist',
  });
  appendNotice(outDir, '## url-blocklist, url-top-sites, url-shorteners (models/blocklist.*, models/url-*.txt) and src/links/*-data.ts', [
    'Built by scripts/build-blocklist.ts from:',
    noticeLine(SOURCES.phishingDatabase),
    noticeLine(SOURCES.majestic),
    `${noticeLine(SOURCES.shorteners)} models/url-shorteners.txt is an adaptation of that list and is shared under the same licence.`,
    `${noticeLine(SOURCES.hannousse)} (TLD phishing rates in src/links/tld-priors-data.ts).`,
  ]);

  console.log(JSON.stringify(metrics, null, 2));
  console.log(`brands ${brands.size}, TLD priors ${priors.size}, top domains ${topDomains.length}, shorteners ${shortenerHosts.size}`);
  console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
