/**
 * Model selection without the validation split: k-fold cross-validation inside the training split
 * (folds by a salted hash of the id). Every candidate is scored on the pooled out-of-fold
 * predictions, with thresholds chosen by the shipping rule on those predictions, and a seeded
 * evasion check on out-of-fold positives sampled as `eval-text.ts` samples validation ones.
 *
 *   npm run train:text -- --tune          the documented ladder → models/reports/text-tune.json
 *   TUNE_GRID='[{"name":"x","features":{"charMax":5},"settings":{"epochs":20}}]' npm run train:text -- --tune
 *
 * Candidates are overrides of the shipped configuration (`TRAINING_FEATURES`, `TRAINING_SETTINGS`).
 * TUNE_FOLDS (default 3) sets the folds; TUNE_LOG, a file to append one JSON line per result to.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createFeatureHasher, type FeatureConfig, type FeatureLexicon, type FeatureVocabulary, type SparseFeatures } from '../../src/text/features.js';
import { TEXT_MODEL_LABELS } from '../../src/text/text-model-detector.js';
import { calibrateThresholds } from './calibration.js';
import type { TextExample } from './data.js';
import { augmentExamples, DEFAULT_AUGMENT, type AugmentOptions } from './augment.js';
import { evasions, perturb } from './evasions.js';
import { predict, train, type Settings } from './linear.js';
import { binaryMetrics, davidsonMetrics, labelColumn } from './metrics.js';
import { mulberry32 } from '../lib/mulberry32.js';

const LABELS = TEXT_MODEL_LABELS;

/** One configuration to compare: overrides of the shipped features and settings. */
export interface Candidate {
  readonly name: string;
  readonly features?: Partial<FeatureConfig>;
  readonly settings?: Partial<Settings>;
  /**
   * Training-time evasion augmentation (`augment.ts`, overrides of {@link DEFAULT_AUGMENT}); copies
   * train only in the folds where their original trains. Absent: the shipped choice (base).
   */
  readonly augment?: Partial<AugmentOptions> | false;
}

/** The ladder's steps before the naive Bayes prior for harassment and sexual. */
const NO_NAIVE_BAYES: Partial<Settings> = { naiveBayesOffset: [null, null, null, null, null, null] };
/** The settings of the model before this selection (Adagrad, hard labels, SMS ham ×3 everywhere). */
const PREVIOUS_SETTINGS: Partial<Settings> = {
  optimizer: 'adagrad',
  l2: [1e-6, 1e-6, 1e-4, 1e-3, 1e-3, 1e-4],
  softSources: [],
  chatNegativeWeight: 3,
  sourceWeight: {},
  davidsonNegativeWeight: {},
  ...NO_NAIVE_BAYES,
};
const PREVIOUS_FEATURES: Partial<FeatureConfig> = { shapeWeight: 0, lexiconWeight: 0, leetFallback: false, skipDigitsInWords: false, segmentWeight: 0, lReadingWeight: 0 };
/** The ladder's steps before unknown words were read with i as l. */
const NO_L_READINGS: Partial<FeatureConfig> = { lReadingWeight: 0 };
/** The ladder's steps before joined runs were split into the words inside them. */
const NO_SEGMENTS: Partial<FeatureConfig> = { segmentWeight: 0, ...NO_L_READINGS };
/** The ladder's steps before shape tokens left out digit runs inside words. */
const DIGITS_AS_NUMBERS: Partial<FeatureConfig> = { skipDigitsInWords: false, ...NO_SEGMENTS };

/**
 * The ladder from the previous model to the shipped one, one change at a time, then the
 * alternatives that were tried and not kept.
 *
 * Tried, not kept and removed from the code, out-of-fold against the shipped model (SMS spam ROC
 * 0.9971, F1 0.9676; Davidson abusive 0.9807, hate 0.8731; evasion 0.9659: leetspeak 0.9226,
 * spacing 0.9299, harassment 0.9534, hate 0.8125; harassment F1 0.8759):
 * - lexicon terms looked for inside words of six or more letters, against spaced letters of
 *   neighbouring words joining into one: evasion 0.9651, spacing 0.9277.
 * - leetspeak readings in context (a word's readings replace it and pair with its neighbours in
 *   bigrams, `leetContext`): hate evasion 0.8313 and leetspeak 0.9282, but evasion 0.9652, spacing
 *   0.9200, harassment F1 0.8704. With Davidson neither ×3 as harassment negatives: abusive 0.9818,
 *   evasion 0.9634.
 * - the same, the readings sharing one word's weight (`leetShare`): evasion 0.9650 (leetspeak 0.9245,
 *   hate 0.8246), harassment F1 0.8703. With Davidson neither as harassment negatives ×1.5: abusive
 *   0.9813, evasion 0.9639; ×2: 0.9816, 0.9653; ×3: 0.9818, 0.9638 (×3 without the sharing 0.9614).
 *   The best trade, ×2, trained once and checked once on validation: abusive 0.9798, hate 0.8899,
 *   evasion 0.9485, worse on the targets.
 * - leetspeak read on the surface text too, 1 as i or l (`leetSurface`): evasion 0.9644, leetspeak
 *   0.9133; the extra readings dilute the vector (mean cosine clean vs leetspeak on harassment
 *   positives 0.8336 → 0.8261).
 * - a light view (look-alike letters folded and lower-cased, nothing else) with word unigrams and
 *   bigrams and character 3–5-grams over the whole text, spaces and punctuation included
 *   (`lightWordWeight` 1, `lightCharWeight` 0.5): SMS spam ROC 0.9965, F1 0.9649; abusive 0.9817,
 *   hate 0.8751, but evasion 0.8856 (spacing 0.6682, leetspeak 0.8740, hate 0.5189), harassment F1
 *   0.8657.
 * - only its character 3–5-grams holding a digit, symbol, punctuation or emoji (`lightSymbolsOnly`,
 *   weight 0.5): SMS spam ROC 0.9969, F1 0.9728; abusive 0.9805, hate 0.8720, evasion 0.9526
 *   (leetspeak 0.8897, spacing 0.9096, hate 0.7753), harassment F1 0.8705.
 *   (The two light-view rows were measured when the code was removed, on e1d9ce2, with TUNE_GRID.)
 */
export const LADDER: readonly Candidate[] = [
  { name: 'previous model', features: PREVIOUS_FEATURES, settings: PREVIOUS_SETTINGS },
  { name: '+ shape tokens', features: { lexiconWeight: 0, leetFallback: false, ...DIGITS_AS_NUMBERS }, settings: PREVIOUS_SETTINGS },
  {
    name: '+ annotator vote shares as targets',
    features: { lexiconWeight: 0, leetFallback: false, ...DIGITS_AS_NUMBERS },
    settings: { ...PREVIOUS_SETTINGS, softSources: ['davidson', 'toxic-spans'] },
  },
  {
    name: '+ SMS ham weight 2 for harassment, 1 for hate (was 3)',
    features: { lexiconWeight: 0, leetFallback: false, ...DIGITS_AS_NUMBERS },
    settings: { ...PREVIOUS_SETTINGS, softSources: ['davidson', 'toxic-spans'], chatNegativeWeight: [3, 3, 2, 1, 3, 3] },
  },
  {
    name: '+ Surge lexicon category tokens',
    features: { leetFallback: false, ...DIGITS_AS_NUMBERS },
    settings: { ...PREVIOUS_SETTINGS, softSources: ['davidson', 'toxic-spans'], chatNegativeWeight: [3, 3, 2, 1, 3, 3] },
  },
  {
    name: '+ leetspeak readings',
    features: DIGITS_AS_NUMBERS,
    settings: { ...PREVIOUS_SETTINGS, softSources: ['davidson', 'toxic-spans'], chatNegativeWeight: [3, 3, 2, 1, 3, 3] },
  },
  { name: '+ L-BFGS for harassment, hate, sexual; SpamAssassin weight 0.3', features: DIGITS_AS_NUMBERS, settings: { davidsonNegativeWeight: {}, ...NO_NAIVE_BAYES } },
  { name: '+ Davidson offensive tweets ×2 as hate negatives', features: DIGITS_AS_NUMBERS, settings: NO_NAIVE_BAYES },
  // Out of fold: evasion 0.9659 -> 0.9721 (hate 0.8125 -> 0.8862, leetspeak 0.9226 -> 0.9577); SMS spam, abusive
  // and hate AUC unchanged to 4 places; harassment F1 0.8759 -> 0.8710. The alternatives below override the
  // shipped model, this step included; the numbers in their commit messages were measured before it.
  { name: '+ shape tokens leave out digit runs that touch a letter', features: NO_SEGMENTS, settings: NO_NAIVE_BAYES },
  // Out of fold: evasion 0.9721 -> 0.9825 (spacing 0.9210 -> 0.9733, hate 0.8862 -> 0.9063), SMS spam F1
  // 0.9676 -> 0.9688, harassment F1 0.8710 -> 0.8729, abusive 0.9807 -> 0.9805, hate 0.8731 -> 0.8737. Also
  // compared: weight 1 (evasion 0.9780, harassment F1 0.8699), 0.25 (0.9817, 0.8724), runs of 4+ letters at
  // weight 1 (0.9819, 0.8685) and 0.5 (0.9818, 0.8699).
  { name: '+ words inside joined runs (segmentWeight 0.5, runs of 6+ letters)', features: NO_L_READINGS, settings: NO_NAIVE_BAYES },
  // Out of fold: evasion 0.9825 -> 0.9844 (leetspeak 0.9540 -> 0.9605, hate 0.9063 -> 0.9281), harassment F1
  // 0.8729 -> 0.8731, every ROC AUC unchanged to 4 places. Weight 1: evasion 0.9840, leetspeak 0.9596.
  { name: '+ unknown words read with i as l where that makes a vocabulary word (lReadingWeight 0.5)', settings: NO_NAIVE_BAYES },
  // Out of fold: abusive 0.9805 -> 0.9816, harassment ROC 0.9407 -> 0.9434 and F1 0.8731 -> 0.8838, sexual ROC
  // 0.9717 -> 0.9728 and F1 0.8655 -> 0.8722; evasion 0.9844 -> 0.9806 (harassment 0.9815 -> 0.9751, sexual 0.9935
  // -> 0.9833). Harassment alone: abusive 0.9816, F1 0.8838, evasion 0.9829. A plain L2 change does not do it:
  // harassment L2 3e-6 gives abusive 0.9805, 3e-5 0.9788. Hate with the prior did worse (feature-scaling
  // experiment, offsets 0, 0.5: hate 0.8713, 0.8702 against 0.8737); offsets 0.25, 1, 2 for harassment: abusive
  // 0.9814, 0.9814, 0.9801 against 0.9816 at 0.5.
  { name: '+ naive Bayes prior for harassment and sexual (naiveBayesOffset 0.5) (shipped)' },
  { name: 'alternative: Davidson offensive ×4 as hate negatives', settings: { davidsonNegativeWeight: { offensive: [1, 1, 1, 4, 1, 1] } } },
  { name: 'alternative: hate L2 1e-4', settings: { l2: [1e-6, 1e-6, 1e-5, 1e-4, 1e-3, 3e-5] } },
  { name: 'alternative: Toxic Spans weight 0.3 for hate', settings: { sourceWeight: { 'spam-assassin': 0.3, 'toxic-spans': [1, 1, 1, 0.3, 1, 1] } } },
  {
    name: 'alternative: Davidson neither tweets ×3 as harassment negatives',
    settings: { davidsonNegativeWeight: { offensive: [1, 1, 1, 2, 1, 1], neither: [1, 1, 3, 1, 1, 1] } },
  },
  { name: 'alternative: SMS ham weight 1 for harassment', settings: { chatNegativeWeight: [3, 3, 1, 1, 3, 3] } },
  { name: 'alternative: Toxic Spans weight 0.3 for harassment', settings: { sourceWeight: { 'spam-assassin': 0.3, 'toxic-spans': [1, 1, 0.3, 1, 1, 1] } } },
  { name: 'alternative: Surge lexicon tokens at weight 1', features: { lexiconWeight: 1 } },
  // Training-time evasion augmentation (augment.ts, a generator independent of evasions.ts).
  { name: 'alternative: augmented copies of spam/scam/harassment/hate/sexual positives, rate 1, weight 0.5', augment: {} },
  { name: 'alternative: augmented copies of every spam/scam/harassment/hate/sexual example, rate 0.5, weight 0.5', augment: { scope: 'all', rate: 0.5 } },
  {
    name: 'alternative: augmented copies of every spam/scam/harassment/hate/sexual example, rate 0.5, weight 0.25, Davidson neither ×3 as harassment negatives',
    augment: { scope: 'all', rate: 0.5, weight: 0.25 },
    settings: { davidsonNegativeWeight: { offensive: [1, 1, 1, 2, 1, 1], neither: [1, 1, 3, 1, 1, 1] } },
  },
  // The same, with copies that train only harassment/hate/sexual (spam, scam and threat trained exactly as without).
  ...[
    { scope: 'positives', labels: ['harassment', 'hate', 'sexual'], rate: 1, weight: 0.5 },
    { scope: 'positives', labels: ['hate', 'sexual'], rate: 1, weight: 0.5 },
    { scope: 'all', labels: ['harassment', 'hate', 'sexual'], rate: 0.5, weight: 0.25 },
    { scope: 'all', labels: ['harassment', 'hate', 'sexual'], rate: 1, weight: 0.25 },
    { scope: 'all', labels: ['harassment', 'hate', 'sexual'], rate: 0.5, weight: 0.1 },
    { scope: 'all', labels: ['harassment', 'hate', 'sexual'], rate: 0.25, weight: 0.25 },
  ].map(
    (augment): Candidate => ({
      name: `alternative: copies of ${augment.scope === 'all' ? 'every' : 'positive'} ${augment.labels.join('/')} example, rate ${augment.rate}, weight ${augment.weight}, training only those labels; Davidson neither ×3 as harassment negatives`,
      augment: { ...augment, onlyLabels: true } as Partial<AugmentOptions>,
      settings: { davidsonNegativeWeight: { offensive: [1, 1, 1, 2, 1, 1], neither: [1, 1, 3, 1, 1, 1] } },
    }),
  ),
  { name: 'alternative: character n-grams to 5 and word trigrams', features: { charMax: 5, wordTrigrams: true } },
  { name: 'alternative: 2^19 buckets', features: { bucketBits: 19 } },
  { name: 'alternative: L-BFGS for every label', settings: { optimizer: 'lbfgs', l2: [3e-6, 3e-6, 1e-5, 3e-5, 3e-5, 3e-5] } },
  { name: 'alternative: Adagrad for every label', settings: { optimizer: 'adagrad', l2: [1e-6, 1e-6, 1e-4, 1e-3, 1e-3, 1e-4] } },
];

/** Fold of an example, independent of the validation split and of the training seed. */
export function foldOf(id: string, folds: number): number {
  return createHash('sha256').update(`dev:${id}`).digest().readUInt32BE(0) % folds;
}

interface Probe {
  readonly index: number;
  readonly label: number;
  readonly evasion: string;
  readonly features: SparseFeatures;
}

/** About `perLabel` positives per label (not e-mail), each under every evasion, sampled as `eval-text.ts` does. */
function evasionProbes(trainSet: readonly TextExample[], dataDir: string, hash: (text: string) => SparseFeatures, perLabel: number): Probe[] {
  const table = evasions(dataDir);
  const random = mulberry32(7);
  const probes: Probe[] = [];
  LABELS.forEach((_, l) => {
    const positives = trainSet.map((e, index) => ({ e, index })).filter(({ e }) => e.targets[l] === 1 && e.source !== 'spam-assassin');
    const every = Math.max(1, Math.floor(positives.length / perLabel));
    for (const { e, index } of positives.filter((_, k) => k % every === 0)) {
      for (const [name, evasion] of Object.entries(table)) probes.push({ index, label: l, evasion: name, features: hash(perturb(e.text, evasion, random)) });
    }
  });
  return probes;
}

const f4 = (v: number) => v.toFixed(4);
const r4 = (v: number) => Number(v.toFixed(4));

/** Out-of-fold metrics of one candidate. */
function evaluate(
  candidate: Candidate,
  trainSet: readonly TextExample[],
  features: readonly SparseFeatures[],
  probes: readonly Probe[],
  buckets: number,
  settings: Settings,
  fold: readonly number[],
  folds: number,
  seed: number,
  augmented: { examples: TextExample[]; features: SparseFeatures[]; origin: number[] },
) {
  const started = performance.now();
  const oof: Float64Array[] = new Array<Float64Array>(trainSet.length);
  const probed = new Float64Array(probes.length);
  for (let f = 0; f < folds; f++) {
    const fitIndices = trainSet.map((_, i) => i).filter((i) => fold[i] !== f);
    const copies = augmented.origin.map((_, k) => k).filter((k) => fold[augmented.origin[k] as number] !== f);
    const model = train(
      [...fitIndices.map((i) => trainSet[i] as TextExample), ...copies.map((k) => augmented.examples[k] as TextExample)],
      [...fitIndices.map((i) => features[i] as SparseFeatures), ...copies.map((k) => augmented.features[k] as SparseFeatures)],
      buckets,
      settings,
      seed,
    );
    trainSet.forEach((_, i) => {
      if (fold[i] === f) oof[i] = predict(model.weights, undefined, model.bias, features[i] as SparseFeatures);
    });
    probes.forEach((probe, k) => {
      if (fold[probe.index] === f) probed[k] = predict(model.weights, undefined, model.bias, probe.features)[probe.label] as number;
    });
  }
  const thresholds = calibrateThresholds(trainSet, oof);
  const sms = labelColumn(trainSet, oof, 0, (e) => e.source === 'sms');
  const smsSpam = binaryMetrics(sms.scores, sms.targets, thresholds[0] as number);
  const davidson = davidsonMetrics(trainSet, oof);
  const perLabel = LABELS.map((_, l) => {
    const c = labelColumn(trainSet, oof, l);
    return binaryMetrics(c.scores, c.targets, thresholds[l] as number);
  });
  const toxicSpans = (l: number) => {
    const c = labelColumn(trainSet, oof, l, (e) => e.source === 'toxic-spans');
    return binaryMetrics(c.scores, c.targets, thresholds[l] as number).rocAuc;
  };
  // As eval-text.ts: perturbed detections / clean detections over the same positives.
  const counts: Record<string, [number, number]> = {};
  probes.forEach((probe, k) => {
    const threshold = thresholds[probe.label] as number;
    const before = ((oof[probe.index] as Float64Array)[probe.label] as number) >= threshold ? 1 : 0;
    const after = (probed[k] as number) >= threshold ? 1 : 0;
    for (const key of ['all', LABELS[probe.label] as string, probe.evasion]) {
      const cell = (counts[key] ??= [0, 0]);
      cell[0] += before;
      cell[1] += after;
    }
  });
  const evasion = Object.fromEntries(Object.entries(counts).map(([key, [c, p]]) => [key, r4(p / Math.max(c, 1))]));
  const threat = perLabel[LABELS.indexOf('threat')];
  return {
    name: candidate.name,
    augment: augmented.examples.length > 0 ? { ...candidate.augment, copies: augmented.examples.length } : false,
    features: candidate.features ?? {},
    settings: candidate.settings ?? {},
    sms_spam: { roc_auc: r4(smsSpam.rocAuc), f1: r4(smsSpam.f1) },
    davidson_abusive_roc_auc: r4(davidson.abusive.rocAuc),
    davidson_hate_roc_auc: r4(davidson.hate.rocAuc),
    evasion_perturbed_over_clean: evasion,
    roc_auc: Object.fromEntries(LABELS.map((label, l) => [label, r4((perLabel[l] as { rocAuc: number }).rocAuc)])),
    f1_at_threshold: Object.fromEntries(LABELS.map((label, l) => [label, r4((perLabel[l] as { f1: number }).f1)])),
    toxic_spans_roc_auc: Object.fromEntries(LABELS.slice(2).map((label, k) => [label, r4(toxicSpans(k + 2))])),
    threat_at_threshold: { precision: r4(threat?.precision ?? 0), recall: r4(threat?.recall ?? 0) },
    train_seconds: Math.round((performance.now() - started) / 1000),
  };
}

/**
 * Runs the candidates (TUNE_GRID, or the {@link LADDER}) and prints out-of-fold metrics; with
 * `reportPath` and the default ladder, also writes them there as JSON.
 */
export function tune(
  trainSet: readonly TextExample[],
  dataDir: string,
  baseFeatures: FeatureConfig,
  base: Settings,
  seed: number,
  lexicon: FeatureLexicon | undefined,
  vocabulary: FeatureVocabulary | undefined,
  reportPath?: string,
  baseAugment: Partial<AugmentOptions> | false = false,
): void {
  const folds = Number(process.env['TUNE_FOLDS'] ?? 3);
  const custom = process.env['TUNE_GRID'];
  const candidates = custom ? (JSON.parse(custom) as Candidate[]) : LADDER;
  const fold = trainSet.map((example) => foldOf(example.id, folds));
  const cache = new Map<string, { features: SparseFeatures[]; probes: Probe[]; buckets: number }>();
  const results = [];
  for (const candidate of candidates) {
    const config = { ...baseFeatures, ...candidate.features };
    const key = JSON.stringify(config);
    let entry = cache.get(key);
    if (!entry) {
      const hasher = createFeatureHasher(config, lexicon, vocabulary);
      entry = {
        features: trainSet.map((example) => hasher.hash(example.text)),
        probes: evasionProbes(trainSet, dataDir, (text) => hasher.hash(text), 300),
        buckets: 2 ** hasher.config.bucketBits,
      };
      cache.clear(); // candidates are ordered so that equal features are neighbours; keep memory flat
      cache.set(key, entry);
    }
    const augment = candidate.augment === undefined ? baseAugment : candidate.augment;
    const hasher = createFeatureHasher(config, lexicon, vocabulary);
    const copies = augment ? augmentExamples(trainSet, dataDir, { ...DEFAULT_AUGMENT, ...augment }) : [];
    const augmented = {
      examples: copies.map((c) => c.example),
      features: copies.map((c) => hasher.hash(c.example.text)),
      origin: copies.map((c) => c.origin),
    };
    const result = evaluate(
      candidate,
      trainSet,
      entry.features,
      entry.probes,
      entry.buckets,
      { ...base, ...candidate.settings },
      fold,
      folds,
      seed,
      augmented,
    );
    results.push(result);
    console.log(
      `${result.name}  (${result.train_seconds} s${augmented.examples.length ? `, ${augmented.examples.length} augmented copies` : ''})\n` +
        `   SMS spam ROC ${f4(result.sms_spam.roc_auc)} F1 ${f4(result.sms_spam.f1)} | Davidson abusive ${f4(result.davidson_abusive_roc_auc)} hate ${f4(result.davidson_hate_roc_auc)} | evasion ${f4(result.evasion_perturbed_over_clean['all'] ?? 0)}\n` +
        `   ROC ${Object.entries(result.roc_auc).map(([label, v]) => `${label} ${f4(v)}`).join(' ')} | threat P ${f4(result.threat_at_threshold.precision)} R ${f4(result.threat_at_threshold.recall)}\n` +
        `   evasion ${Object.entries(result.evasion_perturbed_over_clean).map(([k, v]) => `${k} ${f4(v)}`).join(' ')}\n` +
        `   F1 ${Object.entries(result.f1_at_threshold).map(([label, v]) => `${label} ${f4(v)}`).join(' ')}`,
    );
    const log = process.env['TUNE_LOG'];
    if (log) appendFileSync(log, `${JSON.stringify(result)}\n`);
  }
  if (reportPath && !custom) {
    mkdirSync(dirname(reportPath), { recursive: true });
    const report = {
      comment: 'Auto-generated by scripts/train-text.ts --tune (npm run train:text -- --tune). Do not edit.',
      method: `${folds}-fold cross-validation inside the training split (folds by sha256("dev:" + id)); validation is never read. Thresholds by the shipping rule on the pooled out-of-fold predictions; evasion = perturbed / clean detections on sampled out-of-fold positives.`,
      base: { features: baseFeatures, settings: base },
      candidates: results,
    };
    writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  }
}
