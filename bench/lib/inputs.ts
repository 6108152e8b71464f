/**
 * The fixed text inputs (`bench/inputs/messages.json`, written by `bench/inputs/generate.ts`),
 * shared by Node and the bench page.
 */
import messages from '../inputs/messages.json' with { type: 'json' };

/** Message-length buckets, in the order they are reported. */
export const BUCKETS = ['short', 'typical', 'long'] as const;
export type Bucket = (typeof BUCKETS)[number];

/** How each bucket is named in results. */
export const BUCKET_LABELS: Readonly<Record<Bucket, string>> = {
  short: 'short (≈20 chars)',
  typical: 'typical (≈100 chars, 1 link)',
  long: 'long (≈2,000 chars, 2 links)',
};

/** The messages of each bucket. */
export const TEXTS: Readonly<Record<Bucket, readonly string[]>> = {
  short: messages.buckets.short.texts,
  typical: messages.buckets.typical.texts,
  long: messages.buckets.long.texts,
};

/** The URLs of the typical bucket, one per message. */
export const URLS: readonly string[] = messages.urls;
