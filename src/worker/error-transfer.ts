import { transferHandlers, type TransferHandler } from 'comlink';
import { GuardError, isGuardError } from '../engine/errors.js';

interface WireError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string | undefined;
  readonly code?: string;
  readonly cause?: { readonly name: string; readonly message: string };
}

type Thrown = { value: unknown };
type Serialized = { isError: true; value: WireError } | { isError: false; value: unknown };

function toWire(error: Error): WireError {
  const cause = error.cause instanceof Error ? { name: error.cause.name, message: error.cause.message } : undefined;
  return {
    name: error.name,
    message: error.message,
    stack: error.stack,
    ...(isGuardError(error) ? { code: error.code } : {}),
    ...(cause ? { cause } : {}),
  };
}

function fromWire(wire: WireError): Error {
  const cause = wire.cause ? Object.assign(new Error(wire.cause.message), { name: wire.cause.name }) : undefined;
  const candidate = { name: wire.name, code: wire.code };
  const error = isGuardError(candidate)
    ? new GuardError(candidate.code, wire.message, cause ? { cause } : undefined)
    : Object.assign(new Error(wire.message, cause ? { cause } : undefined), { name: wire.name });
  if (wire.stack !== undefined) error.stack = wire.stack;
  return error;
}

// comlink marks thrown values with a private symbol; its own handler is the only thing that can recognise them.
const builtinThrowHandler = transferHandlers.get('throw');

const errorTransferHandler: TransferHandler<Thrown, Serialized> = {
  canHandle: (value): value is Thrown => builtinThrowHandler?.canHandle(value) ?? false,
  serialize: ({ value }) => [value instanceof Error ? { isError: true, value: toWire(value) } : { isError: false, value }, []],
  deserialize: (serialized) => {
    throw serialized.isError ? fromWire(serialized.value) : serialized.value;
  },
};

/**
 * comlink's own "throw" handler keeps only name, message and stack. This one
 * also keeps a GuardError's `code` and the cause's name and message, so
 * callers can switch on `code` on both sides of the worker boundary.
 * Both sides install it; installing twice is harmless.
 */
export function installErrorTransfer(): void {
  transferHandlers.set('throw', errorTransferHandler as TransferHandler<unknown, unknown>);
}
