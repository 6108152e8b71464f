/**
 * The stage signals a conversation is made of. A stage is something one message shows — a question
 * about age, a request for secrecy, an investment tip — recorded with who sent it and when. No single
 * stage means much; the risk model (`risk.ts`) looks at which stages came, in which order, how fast
 * and from whom.
 */
import type { Direction } from '../engine/message.js';

/** Every stage code, stable: they are stored on the device and appear in verdicts. */
export const STAGES = [
  // Grooming: access and trust, isolation, sexualisation, contact.
  'rapport',
  'age_probe',
  'minor_age',
  'secrecy',
  'platform_switch',
  'gift_offer',
  'image_request',
  'image_shared',
  'sexual',
  'meeting',
  'personal_info',
  // Sextortion: leverage and pressure.
  'threat',
  'images_held',
  'countdown',
  'plea',
  // Scams: openers, trust-building and the ask.
  'wrong_number',
  'family_claim',
  'affinity',
  'love_declaration',
  'hardship',
  'investment_pitch',
  'money_request',
  'code_request',
  'payment',
] as const;

/** One stage code, for example `'age_probe'`. */
export type Stage = (typeof STAGES)[number];

/**
 * A message that is only a number ("14", "12 u?"). It is the user's age only when it answers an
 * age question, which only the conversation knows, so detectors report it and the model decides.
 */
export const BARE_AGE = 'bare_age';

/** What a detector reports: a stage this message shows, with its strength 0..1. */
export interface StageHit {
  readonly stage: Stage | typeof BARE_AGE;
  readonly strength: number;
}

const STAGE_SET: ReadonlySet<string> = new Set<string>([...STAGES, BARE_AGE]);

/** True for a stage code a detector may report. */
export function isStageCode(value: unknown): value is StageHit['stage'] {
  return typeof value === 'string' && STAGE_SET.has(value);
}

/**
 * How each stage reads in an explanation, by who did it: the other person (`incoming`) or the user
 * (`outgoing`). Plain words for a teenager and a parent; never a quote.
 */
export const STAGE_WORDS: Readonly<Record<Stage, Readonly<Record<Direction, string>>>> = {
  rapport: { incoming: 'paid you a lot of compliments or said you are special', outgoing: 'you were friendly back' },
  age_probe: { incoming: 'asked how old you are or said you are mature for your age', outgoing: 'you asked about age' },
  minor_age: { incoming: 'said they are young', outgoing: 'you said you are under 18' },
  secrecy: { incoming: 'asked you to keep the chat secret, from your parents too, or delete messages', outgoing: 'you agreed to keep it secret' },
  platform_switch: { incoming: 'asked to move to another app', outgoing: 'you moved to another app' },
  gift_offer: { incoming: 'offered gifts, game currency or money', outgoing: 'you offered a gift' },
  image_request: { incoming: 'asked for photos or a video call', outgoing: 'you asked for photos' },
  image_shared: { incoming: 'sent an image', outgoing: 'you sent an image' },
  sexual: { incoming: 'turned the talk sexual', outgoing: 'the talk turned sexual' },
  meeting: { incoming: 'asked to meet (alone, or somewhere like a mall or park), where you live or when you are alone', outgoing: 'you talked about meeting' },
  personal_info: { incoming: 'shared where they are', outgoing: 'you shared where you are or that you are alone' },
  threat: { incoming: 'threatened to share images with your school, friends or family, or to hurt you', outgoing: 'you sent a threat' },
  images_held: { incoming: 'said they have photos or videos of you', outgoing: 'you said you have their photos' },
  countdown: { incoming: 'set a deadline to pressure you', outgoing: 'you set a deadline' },
  plea: { incoming: 'begged you to stop', outgoing: 'you asked them to stop' },
  wrong_number: { incoming: 'started with a "wrong number" message', outgoing: 'you said it was a wrong number' },
  family_claim: { incoming: 'said they are family on a new number', outgoing: 'you talked about a new number' },
  affinity: { incoming: 'built a friendship with daily chat about life and work', outgoing: 'you shared about your life' },
  love_declaration: { incoming: 'declared love quickly', outgoing: 'you said you love them' },
  hardship: { incoming: 'told a story of being stuck, blocked or in trouble', outgoing: 'you said you are in trouble' },
  investment_pitch: { incoming: 'pitched an investment or trading platform', outgoing: 'you asked about investing' },
  money_request: { incoming: 'asked for money, gift cards, game currency or bank details', outgoing: 'you asked for money' },
  code_request: { incoming: 'asked for a code or password', outgoing: 'you asked for a code' },
  payment: { incoming: 'talked about a payment', outgoing: 'you are about to send money, cards or codes' },
};
