/**
 * ChatGuard's text checks against what a developer would otherwise pick, in a child process of
 * `bench/run.ts`, on the same labelled items for speed and quality:
 *
 * - spam: a naive Bayes classifier from `natural`, trained on the training split of the SMS Spam
 *   Collection, against text-linear's `spam` score and the whole `checkIncoming` (spam or scam
 *   flagged), on the validation split. The split is the text trainer's own (`splitOf` and
 *   `loadTextExamples` from `scripts/train-text.ts`, cleaning included), so ChatGuard never saw
 *   these items either.
 * - abuse: the profanity filter `obscenity` (English dataset, recommended transformers) against
 *   text-linear's `harassment` score and the whole `checkIncoming` (harassment, hate, threat or
 *   sexual flagged), on Davidson's validation split, offensive (positive) vs neither (negative).
 *
 * Every item is run through every system, the order rotating, each call timed.
 * Usage (from run.ts): `tsx bench/lib/peers.ts <out.json> <plan json>`.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

/** The slice of natural's API this benchmark uses. Loaded with require: natural ships `.ts` sources that fail our strict type check. */
interface NaturalBayes {
  addDocument(text: string, label: string): void;
  train(): void;
  classify(text: string): string;
}
const natural = createRequire(import.meta.url)('natural') as { BayesClassifier: new () => NaturalBayes };
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';
import type { Plan } from './plan.js';
import { BACKENDS, compare, resultFrom, type Comparison, type Result } from './results.js';
import { interleave, sig, sink, type Variant } from './stats.js';

const [out = '', planJson = '{}'] = process.argv.slice(2);
const plan = JSON.parse(planJson) as Plan;
const DATA = process.env['CHATGUARD_DATA'] ?? fileURLToPath(new URL('../../../shared/datasets/', import.meta.url));

/** Precision, recall and F1 of boolean predictions. */
function metrics(predicted: readonly boolean[], actual: readonly boolean[]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  predicted.forEach((p, i) => {
    const y = actual[i] === true;
    if (p && y) tp++;
    else if (p) fp++;
    else if (y) fn++;
    else tn++;
  });
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: sig(precision), recall: sig(recall), f1: sig(f1), tp, fp, fn, tn };
}

interface System {
  readonly id: string;
  readonly name: string;
  readonly backend: string;
  /** Classifies one text; true means flagged. */
  readonly classify: (text: string) => Promise<boolean> | boolean;
}

/** Runs every system over `items`, interleaved, and returns per-system timings and quality. */
async function evaluate(items: readonly { text: string; positive: boolean }[], warmup: readonly string[], systems: readonly System[]) {
  const predictions = new Map<string, boolean[]>(systems.map((s) => [s.id, []]));
  for (const text of warmup) for (const system of systems) await system.classify(text);
  const variants: Variant[] = systems.map((system) => ({
    id: system.id,
    run: async (i) => {
      const flagged = await system.classify((items[i] as { text: string }).text);
      (predictions.get(system.id) as boolean[])[i] = flagged;
      return flagged ? 1 : 0;
    },
  }));
  const samples = await interleave(variants, items.length, 0);
  const actual = items.map((item) => item.positive);
  return systems.map((system) => ({ system, samples: samples[system.id] ?? [], quality: metrics(predictions.get(system.id) ?? [], actual) }));
}

const results: Result[] = [];
const comparisons: Comparison[] = [];
const quality: Record<string, unknown> = {};

if (!existsSync(DATA)) {
  writeFileSync(out, JSON.stringify({ results, comparisons, quality: { error: `data sets not found at ${DATA} (set CHATGUARD_DATA)` } }));
  process.exit(0);
}

type Trainer = typeof import('../../scripts/train-text.js');
const trainer = (await import('../../scripts/train-text.js')) as Trainer;
const examples = trainer.loadTextExamples(DATA);
const lib = (await import(new URL('../../dist/index.js', import.meta.url).href)) as typeof import('../../src/index.js');
const engine = lib.createEngine({ detectors: lib.defaultDetectors() });
const text = lib.createTextModelDetector();
await Promise.all([engine.ready(), text.load()]);
const flagged = async (value: string, labels: readonly string[]) => (await engine.checkIncoming({ text: value })).flags.some((f) => labels.includes(f));

// ── spam: natural's naive Bayes vs ChatGuard on SMS ──
const sms = examples.filter((e) => e.source === 'sms');
const smsTrain = sms.filter((e) => e.split === 'train');
const smsValidation = sms.filter((e) => e.split === 'validation');
const SPAM = 0; // index of `spam` in the text model's targets
let start = performance.now();
const bayes = new natural.BayesClassifier();
for (const e of smsTrain) bayes.addDocument(e.text, e.targets[SPAM] === 1 ? 'spam' : 'ham');
bayes.train();
const bayesTrainMs = performance.now() - start;
console.log(`  peers: naive Bayes trained on ${smsTrain.length} SMS in ${Math.round(bayesTrainMs)} ms`);
const spamSystems: System[] = [
  { id: 'bayes', name: 'natural BayesClassifier (trained on the same training split)', backend: BACKENDS.natural, classify: (t) => bayes.classify(t) === 'spam' },
  { id: 'linear', name: 'ChatGuard text-linear, spam score ≥ 0.5', backend: BACKENDS.ortWeb1, classify: async (t) => (await text.score(t)).scores.spam >= 0.5 },
  { id: 'guard', name: 'ChatGuard checkIncoming (adult profile), spam or scam flagged', backend: BACKENDS.ortWeb1, classify: (t) => flagged(t, ['spam', 'scam']) },
];
const spam = await evaluate(
  smsValidation.map((e) => ({ text: e.text, positive: e.targets[SPAM] === 1 })),
  smsTrain.slice(0, plan.textWarmup).map((e) => e.text),
  spamSystems,
);
quality['sms_spam'] = {
  data: 'SMS Spam Collection v.1: validation split of scripts/train-text.ts (splitOf: sha256 of the id, 20%), texts cleaned as the trainer does',
  items: smsValidation.length,
  positives: smsValidation.filter((e) => e.targets[SPAM] === 1).length,
  peer_trained_on: `${smsTrain.length} SMS of the training split (the split text-linear trained on)`,
  systems: spam.map(({ system, quality: q }) => ({ name: system.name, ...q })),
};
const spamRows = spam.map(({ system, samples }) => resultFrom(`spam check per SMS: ${system.name}`, 'node', system.backend, samples));
results.push(...spamRows);
comparisons.push(compare('speed, natural naive Bayes vs ChatGuard text-linear (SMS)', spamRows[0] as Result, spamRows[1] as Result));
comparisons.push(compare('speed, natural naive Bayes vs ChatGuard whole checkIncoming (SMS)', spamRows[0] as Result, spamRows[2] as Result));

// ── abuse: obscenity vs ChatGuard on Davidson ──
const HARASSMENT = 2;
const davidson = examples.filter((e) => e.source === 'davidson' && e.split === 'validation' && (e.davidsonClass === 'offensive' || e.davidsonClass === 'neither'));
const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
const abuseSystems: System[] = [
  { id: 'obscenity', name: 'obscenity RegExpMatcher.hasMatch (English dataset)', backend: BACKENDS.obscenity, classify: (t) => matcher.hasMatch(t) },
  { id: 'linear', name: 'ChatGuard text-linear, harassment score ≥ 0.5', backend: BACKENDS.ortWeb1, classify: async (t) => (await text.score(t)).scores.harassment >= 0.5 },
  {
    id: 'guard',
    name: 'ChatGuard checkIncoming (adult profile), harassment, hate, threat or sexual flagged',
    backend: BACKENDS.ortWeb1,
    classify: (t) => flagged(t, ['harassment', 'hate', 'threat', 'sexual']),
  },
];
const abuse = await evaluate(
  davidson.map((e) => ({ text: e.text, positive: e.davidsonClass === 'offensive' })),
  examples.filter((e) => e.source === 'davidson' && e.split === 'train').slice(0, plan.textWarmup).map((e) => e.text),
  abuseSystems,
);
quality['davidson_offensive'] = {
  data: "Davidson et al. 2017: validation split of scripts/train-text.ts, class 'offensive' (positive) vs 'neither' (negative), 'hate' left out; tweets cleaned as the trainer does",
  items: davidson.length,
  positives: davidson.filter((e) => e.davidsonClass === 'offensive').length,
  note: 'text-linear trained on the training split of this data set; obscenity is a generic word list, so this favours ChatGuard',
  systems: abuse.map(({ system, quality: q }) => ({ name: system.name, ...q })),
};
const abuseRows = abuse.map(({ system, samples }) => resultFrom(`abuse check per tweet: ${system.name}`, 'node', system.backend, samples));
results.push(...abuseRows);
comparisons.push(compare('speed, obscenity vs ChatGuard text-linear (Davidson)', abuseRows[0] as Result, abuseRows[1] as Result));
comparisons.push(compare('speed, obscenity vs ChatGuard whole checkIncoming (Davidson)', abuseRows[0] as Result, abuseRows[2] as Result));
console.log('  peers: quality and speed done');

await text.dispose();
engine.dispose();
writeFileSync(out, JSON.stringify({ results, comparisons, quality: { ...quality, bayes_train_ms: sig(bayesTrainMs) }, checksum: sink.value }));
process.exit(0);
