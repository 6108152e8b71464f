import type { Label } from './labels.js';
import type { Direction, Message } from './message.js';
import type { LinkVerdict } from './verdict.js';
import type { StageHit } from '../conversation/stages.js';

/**
 * Why a detector scored a label. `code` is stable and machine-readable
 * (`scam.otp_request`); `message` is a short sentence a teenager can read.
 * Neither may quote the message: reasons can end up in reports.
 */
export interface Reason {
  readonly code: string;
  /** The label this reason supports; absent for engine-level reasons such as a failed check. */
  readonly label?: Label;
  readonly message: string;
  /** The detector that produced it, filled in by the engine. */
  readonly detector?: string;
}

/** What one detector found in one message. Labels it does not mention count as 0. */
export interface DetectorResult {
  readonly scores: Partial<Record<Label, number>>;
  readonly reasons: readonly Reason[];
  /** Per-URL verdicts, from the link checker. */
  readonly links?: readonly LinkVerdict[];
  /** Conversation stage signals this message shows (an age question, a request for secrecy…), for the conversation risk model. */
  readonly signals?: readonly StageHit[];
}

/** What the engine hands a detector. */
export interface DetectorInput {
  readonly message: Message;
  /** The text to analyse, already bounded to the analysis window. */
  readonly text: string;
  readonly direction: Direction;
}

/**
 * The one interface every signal plugs in through: a text model, a pattern
 * family, the link checker. A detector declares its labels up front so the
 * engine knows what a failure leaves unchecked.
 */
export interface Detector {
  readonly id: string;
  /** Version string recorded in verdicts and reports (model sha, list date…). */
  readonly version: string;
  readonly labels: readonly Label[];
  /**
   * Every reason code this detector can emit. When every detector declares its codes, reports keep
   * exactly the declared codes (an allow-list) rather than guessing which codes might echo the message.
   */
  readonly reasonCodes?: readonly string[];
  /** Loads models or lists. Called once before the first `detect`; a rejection is retried on the next check. */
  load?(): Promise<void>;
  detect(input: DetectorInput): DetectorResult | Promise<DetectorResult>;
}
