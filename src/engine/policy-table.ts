import type { Label } from './labels.js';
import type { Direction } from './message.js';

/** Who the user is. Younger profiles get lower thresholds and more protective actions. */
export const PROFILES = ['child', 'teen', 'adult'] as const;
export type Profile = (typeof PROFILES)[number];

/**
 * What the UI does with a message, weakest first:
 * `allow` shows or sends it; `warn` shows it with an explained banner;
 * `confirm` asks before the message is sent or the link opened;
 * `blur` hides the content until the user taps to reveal it.
 */
export const ACTIONS = ['allow', 'warn', 'confirm', 'blur'] as const;
export type Action = (typeof ACTIONS)[number];

type PerProfile<T> = Readonly<Record<Profile, T>>;
type PerLabel<T> = Readonly<Record<Label, T>>;

const each = <T>(value: T): PerProfile<T> => ({ child: value, teen: value, adult: value });
const p = <T>(child: T, teen: T, adult: T): PerProfile<T> => ({ child, teen, adult });

/**
 * Default thresholds. Detectors calibrate their scores so that 0.5 is their
 * validated operating point; younger profiles flag earlier.
 */
export const DEFAULT_THRESHOLDS: PerLabel<PerProfile<number>> = {
  spam: p(0.5, 0.5, 0.5),
  scam: p(0.4, 0.45, 0.5),
  harassment: p(0.4, 0.45, 0.5),
  hate: p(0.4, 0.45, 0.5),
  threat: p(0.35, 0.4, 0.5),
  sexual: p(0.35, 0.4, 0.5),
  self_harm: p(0.35, 0.4, 0.45),
  grooming: p(0.3, 0.35, 0.5),
  sextortion: p(0.3, 0.35, 0.4),
  pii: p(0.45, 0.5, 0.5),
  malicious_link: p(0.5, 0.5, 0.5),
  nudity: p(0.4, 0.45, 0.5),
};

/** The action each flagged label asks for, by direction and profile. The strongest action across flags wins. */
export const DEFAULT_ACTIONS: Readonly<Record<Direction, PerLabel<PerProfile<Action>>>> = {
  incoming: {
    spam: each('warn'),
    scam: each('warn'),
    harassment: p('blur', 'warn', 'warn'),
    hate: p('blur', 'warn', 'warn'),
    threat: each('warn'),
    sexual: p('blur', 'blur', 'warn'),
    self_harm: each('warn'),
    grooming: each('warn'),
    sextortion: each('warn'),
    pii: each('allow'),
    malicious_link: each('confirm'),
    nudity: p('blur', 'blur', 'warn'),
  },
  outgoing: {
    spam: each('allow'),
    scam: each('warn'),
    harassment: each('confirm'),
    hate: each('confirm'),
    threat: each('confirm'),
    sexual: p('confirm', 'confirm', 'allow'),
    // Supportive resources, never a block: the message still goes out.
    self_harm: each('warn'),
    grooming: each('confirm'),
    sextortion: each('confirm'),
    pii: each('confirm'),
    malicious_link: each('confirm'),
    nudity: p('confirm', 'confirm', 'allow'),
  },
};

/**
 * Labels whose threshold relaxes for a contact the user marked as trusted:
 * banter and intimacy between people who know each other. Scams, links,
 * grooming and the rest stay as strict, since accounts get hijacked and
 * abusers are often known to the victim.
 */
export const TRUST_RELAXED_LABELS: readonly Label[] = ['spam', 'harassment', 'sexual'];

