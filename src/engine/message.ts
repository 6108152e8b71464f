import { GuardError, describeType } from './errors.js';
import { checkImageAttachment } from '../image/image-input.js';

/** Which way a message travels: before encryption (`outgoing`) or after decryption (`incoming`). */
export type Direction = 'incoming' | 'outgoing';

/**
 * An image attached to a message, checked by the nudity detector. `data` is raw RGBA pixels
 * (`Uint8Array` / `Uint8ClampedArray`, exactly `width × height × 4` bytes; the Node form), an
 * `ImageData`, an `ImageBitmap` or a `Blob` holding a PNG/JPEG/WebP/GIF (decoded in browsers and
 * workers only). At most 50 megapixels and 64 MiB.
 */
export interface ImageAttachment {
  readonly type: 'image';
  readonly data: Uint8Array | Uint8ClampedArray | ImageData | ImageBitmap | Blob;
  /** Required with raw RGBA `data`. */
  readonly width?: number;
  /** Required with raw RGBA `data`. */
  readonly height?: number;
}

/** A chat message as the guard sees it. Only `text` is required. */
export interface Message {
  readonly text: string;
  readonly id?: string;
  readonly conversationId?: string;
  readonly senderId?: string;
  /** The sender is a saved contact or an established chat. */
  readonly senderIsContact?: boolean;
  /** Milliseconds since the epoch. */
  readonly sentAt?: number;
  readonly attachments?: readonly ImageAttachment[];
}

/** The longest text analysed, in UTF-16 code units. Longer text is analysed on a window and marked `truncated`. */
export const MAX_ANALYSED_CHARS = 65_536;
/** Of the window, this many code units come from the end of the text, so a scam tail cannot hide behind padding. */
const TAIL_CHARS = 16_384;

const OPTIONAL_STRINGS = ['id', 'conversationId', 'senderId'] as const;

function invalid(expected: string, got: unknown): GuardError {
  return new GuardError('INVALID_MESSAGE', `Expected ${expected}, got ${describeType(got)}.`);
}

/**
 * Checks a message's shape and returns a clean copy holding only known fields.
 * @throws GuardError `INVALID_MESSAGE` naming the field and the expected type.
 */
export function validateMessage(value: unknown): Message {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('a message object such as { text: "hi" }', value);
  }
  const raw = value as Record<string, unknown>;
  if (typeof raw['text'] !== 'string') throw invalid('message.text to be a string', raw['text']);
  const message: { -readonly [K in keyof Message]: Message[K] } = { text: raw['text'] };
  for (const key of OPTIONAL_STRINGS) {
    const field = raw[key];
    if (field === undefined) continue;
    if (typeof field !== 'string') throw invalid(`message.${key} to be a string when present`, field);
    message[key] = field;
  }
  const isContact = raw['senderIsContact'];
  if (isContact !== undefined) {
    if (typeof isContact !== 'boolean') throw invalid('message.senderIsContact to be true or false', isContact);
    message.senderIsContact = isContact;
  }
  const sentAt = raw['sentAt'];
  if (sentAt !== undefined) {
    if (typeof sentAt !== 'number' || !Number.isFinite(sentAt)) {
      throw invalid('message.sentAt to be a finite number of milliseconds since the epoch', sentAt);
    }
    message.sentAt = sentAt;
  }
  const attachments = raw['attachments'];
  if (attachments !== undefined) message.attachments = validateAttachments(attachments);
  return message;
}

function validateAttachments(value: unknown): readonly ImageAttachment[] {
  if (!Array.isArray(value)) throw invalid('message.attachments to be an array', value);
  return value.map((item: unknown, index) => {
    if (typeof item !== 'object' || item === null || (item as { type?: unknown }).type !== 'image') {
      throw invalid(`message.attachments[${index}] to be { type: "image", data }`, item);
    }
    checkImageAttachment(item, `message.attachments[${index}]`); // INVALID_IMAGE: truncated, oversized, not an image
    return item as ImageAttachment;
  });
}

/** The text a detector analyses: the whole text, or a head-and-tail window of long text. */
export interface AnalysedText {
  readonly text: string;
  readonly truncated: boolean;
}

/** Bounds the text to {@link MAX_ANALYSED_CHARS}, never splitting a surrogate pair. */
export function analysisWindow(text: string): AnalysedText {
  if (text.length <= MAX_ANALYSED_CHARS) return { text, truncated: false };
  const headEnd = avoidSplitPair(text, MAX_ANALYSED_CHARS - TAIL_CHARS - 2);
  const tailStart = avoidSplitPair(text, text.length - TAIL_CHARS);
  return { text: `${text.slice(0, headEnd)}\n${text.slice(tailStart)}`, truncated: true };
}

function avoidSplitPair(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff ? index + 1 : index;
}
