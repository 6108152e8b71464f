/**
 * Stable error codes. Embedders switch on `code`, never on message text.
 */
export const ERROR_CODES = [
  'INVALID_MESSAGE',
  'INVALID_JSON',
  'INVALID_OPTIONS',
  'INVALID_DETECTOR',
  'INVALID_IMAGE',
  'DISPOSED',
  'WORKER_CRASHED',
  'WORKER_START_FAILED',
  'MODEL_LOAD_FAILED',
  'MODEL_INTEGRITY',
  'INVALID_REPORT',
  'STORAGE_FAILED',
  'OUTBOX_FULL',
  'INTERNAL',
] as const;

/** One of {@link ERROR_CODES}. */
export type GuardErrorCode = (typeof ERROR_CODES)[number];

/** The `name` every ChatGuard error carries, across realms and the worker boundary. */
export const GUARD_ERROR_NAME = 'GuardError';

/**
 * The one error type ChatGuard throws. Check it with {@link isGuardError}
 * rather than `instanceof`, which fails across realms (worker, iframe).
 */
export class GuardError extends Error {
  override readonly name = GUARD_ERROR_NAME;
  readonly code: GuardErrorCode;

  constructor(code: GuardErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** True for a {@link GuardError}, including one rebuilt on the other side of the worker boundary. */
export function isGuardError(value: unknown): value is GuardError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { name?: unknown; code?: unknown };
  return (
    candidate.name === GUARD_ERROR_NAME &&
    typeof candidate.code === 'string' &&
    (ERROR_CODES as readonly string[]).includes(candidate.code)
  );
}

/** Describes a value for "expected X, got Y" messages without echoing its content. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string of length ${value.length}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
