/**
 * The Hugging Face (transformers.js) part of the benchmark, shared by Node (bench/lib/node-hf.ts) and the bench
 * page (bench/browser/hf.ts): the in-project model's configuration, the cascade's message streams at a given
 * uncertainty rate, and the pieces for "pipeline vs direct session" (the pipeline, its tokenizer, the model bytes).
 * No Node or DOM imports.
 */
import type { Label } from '../../src/engine/labels.js';
import type { TextModelConfig } from '../../src/transformers/config.js';
import { resolveTextModels } from '../../src/transformers/config.js';
import { loadTransformers, withModelFiles } from '../../src/transformers/runtime.js';
import type { OrtEnvOptions } from '../../src/runtime/ort-env.js';

/** The in-project model, as the demo configures it; `from` is filled per platform. */
export function wordpieceConfig(from: string, run: TextModelConfig['run'] = 'when-uncertain'): TextModelConfig {
  return {
    id: 'chatguard-wordpiece-bag',
    from,
    task: 'text-classification',
    labels: { spam: 'spam', scam: 'scam', harassment: 'harassment', hate: 'hate', threat: 'threat', sexual: 'sexual' },
    run,
    // Generous: the benchmark measures the model's cost, so it must not be skipped.
    budgetMs: 5_000,
  };
}

/** The labels it maps, for finding messages in the uncertainty band. */
export const WORDPIECE_LABELS: readonly Label[] = ['spam', 'scam', 'harassment', 'hate', 'threat', 'sexual'];

/** Uncertainty rates measured: the share of messages whose fast score for a mapped label is in the band. */
export const CASCADE_RATES = [0, 0.1, 0.5, 1] as const;

/**
 * Everyday and borderline chat messages; split at run time into those the fast checks are sure about and those in
 * the band [0.2, 0.8] for a mapped label (the split depends on the shipped fast models, so it is not fixed here).
 */
export const CASCADE_CANDIDATES: readonly string[] = [
  'hey, are we still on for football tomorrow?',
  'see you at the station at six',
  'can you send me the notes from chemistry',
  'lol that was so funny, did you see his face',
  'happy birthday!! have an amazing day',
  'my mum says I can come to the party',
  'nobody likes you, loser',
  'shut up you muppet',
  'you are so annoying lol',
  'you are such a clown, honestly',
  'Congrats you have been selected for a reward, reply YES',
  'you have won a voucher, call now to claim',
  'I will find you after school',
  'get lost, nobody asked you',
  'ur so dumb it hurts',
  'limited offer: cheap followers, dm me',
  'you are pathetic',
  'send me a pic',
];

/** True when a fast score for a mapped label is in the band. */
export function inBand(scores: Readonly<Record<string, number>>, band: readonly [number, number] = [0.2, 0.8]): boolean {
  return WORDPIECE_LABELS.some((label) => {
    const score = scores[label] ?? 0;
    return score >= band[0] && score <= band[1];
  });
}

/** Message i of a stream where `rate` of the messages are in the band, spread evenly (10%: one in ten). */
export function streamMessage(i: number, rate: number, uncertain: readonly string[], sure: readonly string[]): string {
  const pick = Math.floor((i + 1) * rate) > Math.floor(i * rate);
  const pool = pick ? uncertain : sure;
  return pool[i % pool.length] as string;
}

/** What a tokenizer gives back, reduced to what a direct session needs. */
export interface Tokens {
  readonly input_ids: { readonly data: BigInt64Array; readonly dims: readonly number[] };
  readonly attention_mask: { readonly data: BigInt64Array; readonly dims: readonly number[] };
}

/** The pipeline and its tokenizer, loaded through ChatGuard's own loader (local folder, remote off). */
export interface HfParts {
  readonly pipeline: (text: string) => Promise<unknown>;
  readonly tokenize: (text: string) => Tokens;
}

/** Loads the pipeline and its tokenizer from `config.from` through ChatGuard's transformers.js set-up (local folder, remote off). */
export async function loadHfParts(config: TextModelConfig, device: string, ort: OrtEnvOptions = {}): Promise<HfParts> {
  const transformers = await loadTransformers(ort);
  const [resolved] = resolveTextModels([config]);
  return withModelFiles(resolved!, undefined, async (name) => {
    const [pipe, tokenizer] = await Promise.all([
      transformers.pipeline('text-classification', name, { device: device as never, dtype: 'fp32' }),
      transformers.AutoTokenizer.from_pretrained(name),
    ]);
    const call = pipe as unknown as (text: string, options: { top_k: null }) => Promise<unknown>;
    const tok = tokenizer as unknown as (text: string, options: { padding: boolean; truncation: boolean }) => Tokens;
    return {
      pipeline: (text: string) => call(text, { top_k: null }),
      tokenize: (text: string) => tok(text, { padding: true, truncation: true }),
    };
  });
}
