import { GuardError, describeType, isGuardError } from '../engine/errors.js';
import type { Engine } from '../engine/engine.js';
import type { Direction, Message } from '../engine/message.js';
import type { Verdict } from '../engine/verdict.js';
import { readImageFile } from './read-image-file.js';

/** One output line of `chatguard scan`: a verdict or an error. */
export type ScanOutput = ReturnType<typeof toOutput> | ScanError;

/** The shape of a malformed line's output. */
export interface ScanError {
  readonly id?: string;
  readonly error: { readonly code: string; readonly message: string };
}

interface ScanInput {
  readonly message: Message;
  readonly direction: Direction;
  /** Path of a PNG or JPEG file to check as an image attachment. */
  readonly imagePath?: string;
}

/** Parses one input line into a message, or throws a GuardError saying what was expected. */
export function parseScanLine(line: string): ScanInput {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new GuardError('INVALID_JSON', 'Expected one JSON object per line, got text that is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new GuardError('INVALID_MESSAGE', `Expected a JSON object per line, got ${describeType(value)}.`);
  }
  const raw = value as Record<string, unknown>;
  const fields: Array<[string, string, (v: unknown) => boolean]> = [
    ['id', 'a string', (v) => typeof v === 'string'],
    ['text', 'a string', (v) => typeof v === 'string'],
    ['direction', '"incoming" or "outgoing"', (v) => v === undefined || v === 'incoming' || v === 'outgoing'],
    ['conversation', 'a string', (v) => v === undefined || typeof v === 'string'],
    ['sender', 'a string', (v) => v === undefined || typeof v === 'string'],
    ['contact', 'true or false', (v) => v === undefined || typeof v === 'boolean'],
    ['image', 'a file path string', (v) => v === undefined || typeof v === 'string'],
    ['sentAt', 'a number of milliseconds since the epoch', (v) => v === undefined || (typeof v === 'number' && Number.isFinite(v))],
  ];
  for (const [name, expected, ok] of fields) {
    if (!ok(raw[name])) throw new GuardError('INVALID_MESSAGE', `Expected "${name}" to be ${expected}, got ${describeType(raw[name])}.`);
  }
  const message: Message = {
    id: raw['id'] as string,
    text: raw['text'] as string,
    ...(raw['conversation'] === undefined ? {} : { conversationId: raw['conversation'] as string }),
    ...(raw['sender'] === undefined ? {} : { senderId: raw['sender'] as string }),
    ...(raw['contact'] === undefined ? {} : { senderIsContact: raw['contact'] as boolean }),
    ...(raw['sentAt'] === undefined ? {} : { sentAt: raw['sentAt'] as number }),
  };
  const direction = (raw['direction'] as Direction | undefined) ?? 'incoming';
  return raw['image'] === undefined ? { message, direction } : { message, direction, imagePath: raw['image'] as string };
}

/** The CLI's documented output shape for a verdict. */
function toOutput(verdict: Verdict) {
  return {
    id: verdict.id,
    direction: verdict.direction,
    scores: verdict.scores,
    flags: verdict.flags,
    action: verdict.action,
    reasons: verdict.reasons.map(({ code, label, message }) => ({ code, label, message })),
    choices: verdict.choices,
    links: verdict.links,
    degraded: verdict.degraded,
    truncated: verdict.truncated,
    ...(verdict.conversation_risk === undefined ? {} : { conversation_risk: verdict.conversation_risk }),
    report: verdict.report,
  };
}

/** Scans one line. Never throws: a bad line becomes an `error` output and the stream goes on. */
export async function scanLine(engine: Engine, line: string): Promise<ScanOutput> {
  let id: string | undefined;
  try {
    const parsed = parseScanLine(line);
    id = parsed.message.id;
    const { direction } = parsed;
    const message = parsed.imagePath === undefined ? parsed.message : { ...parsed.message, attachments: [await readImageFile(parsed.imagePath)] };
    const verdict = direction === 'incoming' ? await engine.checkIncoming(message) : await engine.checkOutgoing(message);
    return toOutput(verdict);
  } catch (error) {
    id ??= recoverId(line);
    const code = isGuardError(error) ? error.code : 'INTERNAL';
    const message = error instanceof Error ? error.message : 'Unexpected failure.';
    return { ...(id === undefined ? {} : { id }), error: { code, message } };
  }
}

/** Best effort: the id of a line that parsed as JSON but failed later, so callers can match errors to inputs. */
function recoverId(line: string): string | undefined {
  try {
    const value: unknown = JSON.parse(line);
    const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
