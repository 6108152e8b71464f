import { LABELS, isLabel, type Label, type LabelScores } from './labels.js';
import { GuardError, describeType } from './errors.js';
import type { Direction } from './message.js';
import {
  ACTIONS,
  DEFAULT_ACTIONS,
  DEFAULT_THRESHOLDS,
  PROFILES,
  TRUST_RELAXED_LABELS,
  type Action,
  type Profile,
} from './policy-table.js';
import { DEFAULT_HELP, type HelpResource } from './explanations.js';

/** What the user can do about a verdict. */
export const CHOICES = ['proceed', 'cancel', 'block_sender', 'report', 'get_help'] as const;
export type Choice = (typeof CHOICES)[number];

/** Policy settings an embedding app may change. Every field has a documented default. */
export interface PolicyOptions {
  /** @defaultValue `'adult'` */
  readonly profile?: Profile;
  /** Per-label thresholds (0..1) that replace the profile's defaults. @defaultValue the profile's row of `DEFAULT_THRESHOLDS` */
  readonly thresholds?: Partial<Record<Label, number>>;
  /** Sender ids the user marked as trusted. @defaultValue `[]` */
  readonly trustedContacts?: readonly string[];
  /** Help shown for self-harm, grooming, sextortion and threats. @defaultValue `DEFAULT_HELP` */
  readonly helpResources?: readonly HelpResource[];
}

/** The policy with every default filled in. */
export interface ResolvedPolicy {
  readonly profile: Profile;
  readonly thresholds: Readonly<LabelScores>;
  readonly helpResources: readonly HelpResource[];
}

/** What the policy decides for one message. */
export interface PolicyDecision {
  readonly flags: readonly Label[];
  readonly action: Action;
  readonly choices: readonly Choice[];
  readonly help: readonly HelpResource[];
}

/**
 * Fills every default and checks the values.
 * @throws GuardError `INVALID_OPTIONS` for an unknown profile or label, or a threshold outside 0..1.
 */
export function resolvePolicy(options: PolicyOptions = {}): ResolvedPolicy {
  const profile = options.profile ?? 'adult';
  if (!(PROFILES as readonly string[]).includes(profile)) {
    throw new GuardError('INVALID_OPTIONS', `Expected profile to be one of ${PROFILES.join(', ')}, got ${describeType(profile)}.`);
  }
  const thresholds = {} as LabelScores;
  for (const label of LABELS) thresholds[label] = DEFAULT_THRESHOLDS[label][profile];
  for (const [label, value] of Object.entries(options.thresholds ?? {})) {
    if (!isLabel(label)) {
      throw new GuardError('INVALID_OPTIONS', `Expected threshold labels from ${LABELS.join(', ')}; "${label}" is not one.`);
    }
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      throw new GuardError('INVALID_OPTIONS', `Expected thresholds.${label} to be a number from 0 to 1, got ${describeType(value)}.`);
    }
    thresholds[label] = value;
  }
  return Object.freeze({
    profile,
    thresholds: Object.freeze(thresholds),
    helpResources: Object.freeze([...(options.helpResources ?? DEFAULT_HELP)]),
  });
}

/** A trusted sender relaxes the threshold halfway to 1 for the labels in `TRUST_RELAXED_LABELS`. */
function effectiveThreshold(policy: ResolvedPolicy, label: Label, trustedSender: boolean): number {
  const base = policy.thresholds[label];
  return trustedSender && TRUST_RELAXED_LABELS.includes(label) ? base + (1 - base) / 2 : base;
}

/** Applies the policy to a message's scores. */
export function decide(
  policy: ResolvedPolicy,
  scores: Readonly<LabelScores>,
  direction: Direction,
  trustedSender: boolean,
): PolicyDecision {
  const flags = LABELS.filter((label) => scores[label] >= effectiveThreshold(policy, label, trustedSender) && scores[label] > 0);
  let action: Action = 'allow';
  for (const label of flags) {
    const wanted = DEFAULT_ACTIONS[direction][label][policy.profile];
    if (ACTIONS.indexOf(wanted) > ACTIONS.indexOf(action)) action = wanted;
  }
  const help = policy.helpResources.filter((resource) => flags.includes(resource.label));
  return { flags, action, choices: choicesFor(action, direction, help.length > 0), help };
}

function choicesFor(action: Action, direction: Direction, offerHelp: boolean): Choice[] {
  const choices: Choice[] = [];
  if (action !== 'allow') {
    choices.push('proceed');
    if (direction === 'outgoing' || action === 'confirm') choices.push('cancel');
    if (direction === 'incoming') choices.push('block_sender', 'report');
  }
  if (offerHelp) choices.push('get_help');
  return choices;
}
