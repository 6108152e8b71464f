/**
 * Features of the lexical URL model, shared byte for byte by training (`scripts/train-urls.ts`) and
 * inference (`url-model.ts`): hashed character n-grams and tokens of the host and of the path,
 * plus dense slots for the heuristic findings and simple counts.
 *
 * Popularity is a feature: whether the host is a top site itself or another host under one (the
 * labelled data has 996 legitimate and 88 phishing URLs on top sites' own hosts, and 693 legitimate
 * and 459 phishing ones on other hosts under them, such as tenants of hosting platforms).
 *
 * Deliberately left out: the scheme and a leading `www.`. In the labelled data most legitimate
 * URLs start with `https://www.` and most phishing ones do not, a collection artefact that would
 * teach the model to distrust `https://paypal.com/` typed by a person.
 *
 * Hashing: FNV-1a over UTF-16 code units, finished with murmur3's fmix32, into
 * `[DENSE_FEATURES, 2^bucketBits)`. Per group (host n-grams, host tokens, path n-grams, path
 * tokens), counts are damped with ln(1+c) and L2-normalised, so long paths do not drown the host.
 */
import { linkFindings, tldPrior, isShortener } from './heuristics.js';
import type { LinkLists } from './lists.js';
import { LINK_REASONS } from './reasons.js';
import { TLD_BASE_RATE } from './tld-priors-data.js';
import type { UrlFacts } from './url-facts.js';

/** How URLs become features; recorded in the model sidecar. */
export interface UrlFeatureConfig {
  readonly bucketBits: number;
  readonly seed: number;
  readonly charMin: number;
  readonly charMax: number;
  /** Path and query characters featurised; the rest is ignored. */
  readonly maxPathChars: number;
}

/** The configuration the shipped model was trained with. */
export const DEFAULT_URL_FEATURE_CONFIG: UrlFeatureConfig = Object.freeze({
  bucketBits: 18,
  seed: 0x55524c31, // "URL1"
  charMin: 3,
  charMax: 5,
  maxPathChars: 256,
});

/** Names of the dense slots, in index order; hashed features start after them. */
export const DENSE_FEATURE_NAMES = [
  'host_length',
  'host_dots',
  'host_hyphens',
  'host_digit_ratio',
  'subdomain_depth',
  'path_length',
  'path_depth',
  'query_length',
  'has_query',
  'is_ip',
  'has_userinfo',
  'non_standard_port',
  'non_ascii_host',
  'shortener',
  'dangerous_download',
  'tld_log_odds',
  'brand_in_subdomain',
  'brand_in_path',
  'typosquat',
  'homograph',
  'host_entropy',
  'path_has_at_or_double_slash',
  'query_params',
  'path_has_url',
  'path_digit_ratio',
  'domain_label_length',
  'domain_label_has_digit',
  'script_scheme',
  'top_site_exact',
  'top_site_other_host',
] as const;

/** Dense slots reserved at the start of the bucket range (a few spare ones for later features). */
export const DENSE_FEATURES = 32;

/** A sparse feature vector: unique `indices` and their `values`. */
export interface UrlSparseFeatures {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

const FNV_PRIME = 0x01000193;

function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function logit(p: number): number {
  const q = Math.min(0.999, Math.max(0.001, p));
  return Math.log(q / (1 - q));
}

function entropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let h = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Turns URL facts into model features. Keeps no state between calls. */
export interface UrlFeaturizer {
  readonly config: UrlFeatureConfig;
  featurize(facts: UrlFacts): UrlSparseFeatures;
}

/**
 * Creates the featuriser for `config` and the lists the heuristic features consult.
 *
 * @example createUrlFeaturizer(lists).featurize(analyzeUrl('http://paypa1.com/')).indices.length > 0
 */
export function createUrlFeaturizer(lists: LinkLists, config: UrlFeatureConfig = DEFAULT_URL_FEATURE_CONFIG): UrlFeaturizer {
  const hashedRange = 2 ** config.bucketBits - DENSE_FEATURES;
  const bucketOf = (namespace: number, text: string): number => {
    let hash = (config.seed ^ Math.imul(namespace, FNV_PRIME)) >>> 0;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME) >>> 0;
    return DENSE_FEATURES + (fmix32(hash) % hashedRange);
  };

  const featurize = (facts: UrlFacts): UrlSparseFeatures => {
    const values = new Map<number, number>();
    const group = (namespace: number, items: readonly string[]) => {
      const counts = new Map<number, number>();
      for (const item of items) {
        const bucket = bucketOf(namespace, item);
        counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
      }
      let norm = 0;
      for (const [bucket, count] of counts) {
        const value = Math.log1p(count);
        counts.set(bucket, value);
        norm += value * value;
      }
      norm = Math.sqrt(norm) || 1;
      for (const [bucket, value] of counts) values.set(bucket, (values.get(bucket) ?? 0) + value / norm);
    };
    const ngrams = (text: string): string[] => {
      const out: string[] = [];
      for (let n = config.charMin; n <= config.charMax; n++) {
        for (let i = 0; i + n <= text.length; i++) out.push(text.slice(i, i + n));
      }
      return out;
    };

    const host = facts.host.replace(/^www\d*\./, '');
    const pathText = `${facts.path}${facts.query === null ? '' : `?${facts.query}`}`.slice(0, config.maxPathChars).toLowerCase();
    if (host) {
      group(1, ngrams(`<${host}>`));
      group(2, host.split(/[.-]/).filter(Boolean));
    }
    if (pathText.length > 1) {
      group(3, ngrams(pathText));
      group(4, pathText.split(/[^a-z0-9]+/).filter((token) => token.length >= 2));
    }
    const tld = facts.isIp ? 'ip' : host.slice(host.lastIndexOf('.') + 1);
    values.set(bucketOf(5, tld), 1);

    const findings = linkFindings(facts, lists);
    const strongest = (code: string) => findings.find((finding) => finding.code === code)?.score ?? 0;
    const dense = new Float32Array(DENSE_FEATURE_NAMES.length);
    const digits = (text: string) => (text.match(/[0-9]/g)?.length ?? 0) / Math.max(1, text.length);
    const segments = facts.path.split('/').filter(Boolean);
    const query = facts.query ?? '';
    const set = (name: (typeof DENSE_FEATURE_NAMES)[number], value: number) => {
      dense[DENSE_FEATURE_NAMES.indexOf(name)] = value;
    };
    set('host_length', Math.min(host.length, 80) / 40);
    set('host_dots', Math.min((host.match(/\./g) ?? []).length, 8) / 4);
    set('host_hyphens', Math.min((host.match(/-/g) ?? []).length, 8) / 4);
    set('host_digit_ratio', facts.isIp ? 0 : digits(host));
    set('subdomain_depth', Math.min(facts.subdomain.replace(/^www\d*\.?/, '').split('.').filter(Boolean).length, 5) / 5);
    set('path_length', Math.min(facts.path.length, 200) / 100);
    set('path_depth', Math.min(segments.length, 10) / 5);
    set('query_length', Math.min(query.length, 200) / 100);
    set('has_query', facts.query === null ? 0 : 1);
    set('is_ip', facts.isIp ? 1 : 0);
    set('has_userinfo', facts.userinfo ? 1 : 0);
    set('non_standard_port', facts.port ? 1 : 0);
    set('non_ascii_host', facts.unicodeHost !== facts.host ? 1 : 0);
    set('shortener', isShortener(facts, lists) ? 1 : 0);
    set('dangerous_download', strongest(LINK_REASONS.dangerousDownload) ? 1 : 0);
    set('tld_log_odds', (logit(tldPrior(facts).rate) - logit(TLD_BASE_RATE)) / 2);
    set('brand_in_subdomain', strongest(LINK_REASONS.brandInSubdomain));
    set('brand_in_path', strongest(LINK_REASONS.brandInPath));
    set('typosquat', strongest(LINK_REASONS.typosquat));
    set('homograph', strongest(LINK_REASONS.homograph));
    set('host_entropy', entropy(host) / 4);
    set('path_has_at_or_double_slash', /@|\/\//.test(pathText) ? 1 : 0);
    set('query_params', Math.min((query.match(/[&;]/g) ?? []).length + (query ? 1 : 0), 10) / 5);
    set('path_has_url', /https?[:%]|www\./.test(pathText) ? 1 : 0);
    set('path_digit_ratio', digits(pathText));
    set('domain_label_length', Math.min(facts.domainLabel.length, 40) / 20);
    set('domain_label_has_digit', /[0-9]/.test(facts.domainLabel) ? 1 : 0);
    set('script_scheme', strongest(LINK_REASONS.scriptScheme));
    // Popularity: the site itself (`paypal.com`, `www.paypal.com`) versus any other host under a
    // top site, where tenants' pages (`x.sharepoint.com`, `sites.google.com/view/…`) live.
    const topSite = facts.domain !== null && lists.topSites.has(facts.domain);
    const exact = topSite && (facts.host === facts.domain || facts.host === `www.${facts.domain}`);
    set('top_site_exact', exact ? 1 : 0);
    set('top_site_other_host', topSite && !exact ? 1 : 0);
    dense.forEach((value, index) => {
      if (value !== 0) values.set(index, value);
    });

    const indices = new Int32Array(values.size);
    const out = new Float32Array(values.size);
    let k = 0;
    for (const [index, value] of values) {
      indices[k] = index;
      out[k] = value;
      k += 1;
    }
    return { indices, values: out };
  };

  return Object.freeze({ config, featurize });
}
