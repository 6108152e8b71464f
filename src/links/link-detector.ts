/**
 * The link checker as a {@link Detector} (id `links`): every URL in a message gets a verdict, a
 * score and reason codes, computed on the device from a local hash-prefix blocklist, heuristics
 * and a lexical URL model. Nothing about the URLs leaves the device; with a
 * {@link FullHashConfirmer} configured, only 4-byte hash prefixes of blocklist hits the local
 * data cannot settle are sent.
 */
import type { Detector, DetectorInput, DetectorResult, Reason } from '../engine/detector.js';
import { GuardError } from '../engine/errors.js';
import type { LinkVerdict } from '../engine/verdict.js';
import { readVerified } from '../runtime/integrity.js';
import { findModel, readManifest, type ManifestEntry } from '../runtime/manifest.js';
import { createFetchModelSource, type ModelSource } from '../runtime/model-source.js';
import type { OrtEnvOptions } from '../runtime/ort-env.js';
import { createBlocklist, type Blocklist, type FullHashConfirmer } from './blocklist.js';
import { extractLinks, MAX_LINKS_PER_MESSAGE } from './extract.js';
import { isShortener, linkFindings } from './heuristics.js';
import { combineLinkEvidence } from './link-verdict.js';
import { createLinkLists, isPopularSite, type LinkLists } from './lists.js';
import { isFirstPartyShortLink, isPlatformShareLink } from './platform-hosts.js';
import type { LinkFinding } from './lookalike.js';
import { LINK_REASON_MESSAGES, LINK_REASONS, type LinkReasonCode } from './reasons.js';
import { analyzeUrl } from './url-facts.js';
import { calibrateUrlScore, loadUrlModel, URL_MODEL_ID, type UrlModel } from './url-model.js';
import { isNode } from '../runtime/is-node.js';

/** Manifest ids of the link checker's files. */
export const LINK_DATA_IDS = Object.freeze({
  blocklist: 'url-blocklist',
  topSites: 'url-top-sites',
  shorteners: 'url-shorteners',
  model: URL_MODEL_ID,
});

/** Options for {@link createLinkDetector}. */
export interface LinkDetectorOptions {
  /**
   * Base URL of the served `models/` folder (browser). Ignored when `source` is given.
   * @defaultValue the package's own `models/` folder, read from disk (Node only)
   */
  readonly modelBaseUrl?: string;
  /** Where to read the files from; overrides `modelBaseUrl`. */
  readonly source?: ModelSource;
  /** onnxruntime-web settings, applied once per worker or process. */
  readonly ort?: OrtEnvOptions;
  /**
   * Run the URL model. Without it, verdicts come from the blocklist and heuristics only.
   * @defaultValue true
   */
  readonly model?: boolean;
  /**
   * Load the local hash file that confirms blocklist prefix hits. Set to false to ship prefixes
   * only and confirm through `confirmer`; unconfirmed hits never count.
   * @defaultValue true
   */
  readonly localHashes?: boolean;
  /** Confirms prefix hits the local data cannot settle, seeing only 4-byte prefixes. */
  readonly confirmer?: FullHashConfirmer;
  /**
   * Most links checked per message; the rest are not checked.
   * @defaultValue {@link MAX_LINKS_PER_MESSAGE} (32)
   */
  readonly maxLinks?: number;
}

/** One URL's verdict with the evidence behind it, for evaluation and debugging. */
export interface LinkCheck extends LinkVerdict {
  readonly findings: readonly LinkFinding[];
  /** The blocklist expression that matched, or null. */
  readonly blocklist: string | null;
  /** The model's raw probability, or null when it did not run. */
  readonly modelProbability: number | null;
}

/** The link checker: a {@link Detector} plus direct URL checks. */
export interface LinkDetector extends Detector {
  /** `links@<blocklist sha>+<model sha>` once loaded, `'unloaded'` before. */
  readonly version: string;
  /** Reads and verifies the lists and the model; memoised, retried after a failure. */
  load(): Promise<void>;
  /** Checks one URL (loading first if needed). */
  checkUrl(url: string): Promise<LinkCheck>;
  /** Releases the model session. Idempotent; later checks reject with `DISPOSED`. */
  dispose(): Promise<void>;
}

interface Loaded {
  readonly blocklist: Blocklist;
  readonly lists: LinkLists;
  readonly model: UrlModel | null;
  readonly version: string;
}

/** Code of the `scam` reason raised when a link is malicious. */
export const SCAM_LINK_REASON = 'link.malicious';
const SCAM_LINK_MESSAGE = 'It contains a link to a phishing or malware site, a common way scams steal accounts and money.';

async function defaultSource(options: LinkDetectorOptions): Promise<ModelSource> {
  if (options.source) return options.source;
  if (options.modelBaseUrl !== undefined) return createFetchModelSource(options.modelBaseUrl);
  if (isNode()) {
    const { createNodeModelSource } = await import('../runtime/node-model-source.js');
    return createNodeModelSource();
  }
  throw new GuardError('INVALID_OPTIONS', 'Expected modelBaseUrl (the URL of the served models/ folder) outside Node.');
}

async function readEntry(source: ModelSource, entry: ManifestEntry): Promise<Uint8Array> {
  return readVerified(source, entry.path, entry.sha256);
}

function resolveMaxLinks(value: number | undefined): number {
  if (value === undefined) return MAX_LINKS_PER_MESSAGE;
  if (!Number.isInteger(value) || value < 1 || value > 1024) {
    throw new GuardError('INVALID_OPTIONS', `Expected maxLinks to be an integer 1..1024, got ${String(value)}.`);
  }
  return value;
}

/**
 * Creates the link detector (id `links`, labels `malicious_link` and `scam`). `load()` reads the
 * manifest, verifies every file against its sha256 and starts the URL model; it is memoised and a
 * failed load is retried on the next call. `malicious_link` is the worst link's score; `scam` is
 * raised (with that score) when a link is malicious.
 *
 * @throws GuardError `INVALID_OPTIONS` for a bad `maxLinks`; from `load()`: `MODEL_LOAD_FAILED`, `MODEL_INTEGRITY`.
 * @example
 * const links = createLinkDetector();
 * await links.load();
 * const { links: verdicts } = await links.detect({ text: 'log in at paypa1.com/restore', direction: 'incoming', message: { text: '' } });
 */
export function createLinkDetector(options: LinkDetectorOptions = {}): LinkDetector {
  const maxLinks = resolveMaxLinks(options.maxLinks);
  const useModel = options.model ?? true;
  let loading: Promise<Loaded> | undefined;
  let loaded: Loaded | undefined;
  let disposed = false;

  async function loadOnce(): Promise<Loaded> {
    const source = await defaultSource(options);
    const manifest = await readManifest(source);
    const blocklistEntry = findModel(manifest, LINK_DATA_IDS.blocklist, options.localHashes !== false);
    const topEntry = findModel(manifest, LINK_DATA_IDS.topSites);
    const shortenerEntry = findModel(manifest, LINK_DATA_IDS.shorteners);
    const [prefixes, hashes, top, shorteners] = await Promise.all([
      readEntry(source, blocklistEntry),
      options.localHashes === false || !blocklistEntry.sidecar ? undefined : readVerified(source, blocklistEntry.sidecar.path, blocklistEntry.sidecar.sha256),
      readEntry(source, topEntry),
      readEntry(source, shortenerEntry),
    ]);
    let blocklist: Blocklist;
    try {
      blocklist = createBlocklist(prefixes, hashes);
    } catch (cause) {
      throw new GuardError('MODEL_LOAD_FAILED', `The blocklist files of "${blocklistEntry.id}" are malformed.`, { cause });
    }
    const decoder = new TextDecoder();
    const lists = createLinkLists(decoder.decode(top), decoder.decode(shorteners));
    const model = useModel ? await loadUrlModel(source, findModel(manifest, LINK_DATA_IDS.model, true), lists, options.ort) : null;
    if (model) await model.probability(analyzeUrl('https://example.com/')); // warm-up run
    const version = `links@${blocklistEntry.sha256.slice(0, 12)}+${model?.version ?? 'no-model'}`;
    return { blocklist, lists, model, version };
  }

  async function ensureLoaded(): Promise<Loaded> {
    if (disposed) throw new GuardError('DISPOSED', 'The link detector was disposed.');
    if (loaded) return loaded;
    loading ??= loadOnce().then(
      (value) => {
        loaded = value;
        return value;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  }

  async function check(state: Loaded, url: string): Promise<LinkCheck> {
    const facts = analyzeUrl(url);
    const firstPartyShortLink = isFirstPartyShortLink(facts);
    // The URL model reads every finding as a feature (url-features.ts); only the verdict drops this one.
    const findings = linkFindings(facts, state.lists).filter((finding) => !(firstPartyShortLink && finding.code === LINK_REASONS.shortener));
    let blocklist: string | null = null;
    let modelProbability: number | null = null;
    if (facts.canonical) {
      blocklist = (options.confirmer ? await state.blocklist.check(facts.canonical, options.confirmer) : state.blocklist.lookup(facts.canonical)).match;
      if (state.model) modelProbability = await state.model.probability(facts);
    }
    const model = state.model && modelProbability !== null ? calibrateUrlScore(modelProbability, state.model.sidecar.calibration) : null;
    const verdict = combineLinkEvidence({
      url,
      blocklist,
      findings,
      model,
      shortener: facts.canonical !== null && isShortener(facts, state.lists) && !firstPartyShortLink,
      popularSite: isPopularSite(facts, state.lists) || isPlatformShareLink(facts),
    });
    return { ...verdict, findings, blocklist, modelProbability };
  }

  const detector: LinkDetector = {
    id: 'links',
    labels: ['malicious_link', 'scam'],
    reasonCodes: [...Object.values(LINK_REASONS), SCAM_LINK_REASON],
    get version() {
      return loaded?.version ?? 'unloaded';
    },
    async load() {
      await ensureLoaded();
    },
    async checkUrl(url: string) {
      return check(await ensureLoaded(), url);
    },
    async detect(input: DetectorInput): Promise<DetectorResult> {
      const state = await ensureLoaded();
      const links: LinkVerdict[] = [];
      for (const link of extractLinks(input.text, maxLinks)) {
        const { findings: _f, blocklist: _b, modelProbability: _p, ...verdict } = await check(state, link.url);
        links.push(verdict);
      }
      const worst = links.reduce((max, link) => Math.max(max, link.score), 0);
      const malicious = links.filter((link) => link.verdict === 'malicious');
      const reasons: Reason[] = [];
      const codes = new Set<string>();
      for (const link of links) {
        if (link.verdict === 'safe') continue;
        for (const code of link.reasons) codes.add(code);
      }
      for (const code of codes) {
        reasons.push({ code, label: 'malicious_link', message: LINK_REASON_MESSAGES[code as LinkReasonCode] ?? LINK_REASON_MESSAGES[LINK_REASONS.model] });
      }
      const scam = malicious.reduce((max, link) => Math.max(max, link.score), 0);
      if (scam > 0) reasons.push({ code: SCAM_LINK_REASON, label: 'scam', message: SCAM_LINK_MESSAGE });
      return { scores: { malicious_link: worst, ...(scam > 0 ? { scam } : {}) }, reasons, links };
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      const state = loaded ?? (await loading?.catch(() => undefined));
      await state?.model?.dispose();
    },
  };
  return detector;
}
