import type { Label, LabelScores } from './labels.js';
import type { Direction } from './message.js';
import type { Reason } from './detector.js';
import type { Action, Profile } from './policy-table.js';
import type { Choice } from './policy.js';
import type { HelpResource } from './explanations.js';
import type { Report } from '../reports/schema.js';
import type { ConversationRisk } from '../conversation/conversation-model.js';
import type { SkippedModel } from '../transformers/cascade.js';

/** One URL's verdict, filled by the link checker. */
export interface LinkVerdict {
  readonly url: string;
  readonly verdict: 'safe' | 'suspicious' | 'malicious';
  readonly score: number;
  readonly reasons: readonly string[];
}

/** The guard's answer for one message. */
export interface Verdict {
  readonly id?: string;
  readonly direction: Direction;
  readonly profile: Profile;
  /** Every label, 0..1; 0 where nothing applies. */
  readonly scores: Readonly<LabelScores>;
  /** Labels at or over the profile's threshold. */
  readonly flags: readonly Label[];
  readonly action: Action;
  /** Why: stable codes and a sentence each, for flagged labels and for partial checks. */
  readonly reasons: readonly Reason[];
  /** What to offer the user; they keep the final say. */
  readonly choices: readonly Choice[];
  readonly help: readonly HelpResource[];
  readonly links: readonly LinkVerdict[];
  /** A detector failed or content could not be checked: the verdict is partial, never "safe". */
  readonly degraded: boolean;
  /** The text was longer than the analysis window and only a window of it was checked. */
  readonly truncated: boolean;
  /** Versions of the detectors that produced this verdict, by detector id. */
  readonly versions: Readonly<Record<string, string>>;
  /**
   * The conversation's risk so far (grooming, sextortion, scam), the stages seen with their message
   * ids, and an explanation; present when the message has a `conversationId`. Never holds text.
   */
  readonly conversation_risk?: ConversationRisk;
  /**
   * With `textModels` configured: the models this verdict was given without, and why (`budget`, `error`,
   * `loading`). Any entry also makes the verdict `degraded`. Absent when no model is configured.
   */
  readonly skipped?: readonly SkippedModel[];
  /** The metadata-only report this message would queue, or null. */
  readonly report: Report | null;
}

/** Engine-level reason codes, not tied to one detector. */
export const SYSTEM_REASONS = {
  detectorFailed: 'system.detector_failed',
  imageNotChecked: 'system.image_not_checked',
  truncated: 'system.truncated',
  conversationUnavailable: 'system.conversation_unavailable',
  modelSkipped: 'system.model_skipped',
} as const;
