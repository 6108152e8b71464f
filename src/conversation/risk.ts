/**
 * The conversation risk model: from the stages seen so far to three scores, `grooming`, `sextortion`
 * and `scam`, on the same scale as detector scores (0.5 is the adult operating point; younger profiles'
 * thresholds are lower).
 *
 * The rule, in words:
 * - Each stage counts with a weight, times its strength, times a decay (half-life 14 days by
 *   default), combined as independent evidence (`1 - Π(1 - w·s)`).
 * - Grooming needs two kinds of sign from the other person, one of them a core stage (secrecy, photo
 *   requests, sexual talk, meeting or being alone), or it stays under every threshold. Escalation adds: each step along the phases access →
 *   isolation → sexualisation → meeting, in that order in time, adds 0.12; reaching a core stage
 *   within 72 hours of the first sign adds 0.1. The user's answers (an age under 18, a photo sent
 *   after a request, where they are) add a little. It counts fully only for a young person (a child
 *   or teen profile, or a user who said they are under 18); otherwise it is scaled by 0.45, so it
 *   never flags adults' dating talk. From a saved contact, ordinary signs (compliments, gifts, "pick
 *   you up", a plain photo request) count a third: families and coaches do these things. Only the
 *   unmistakable ones (secrets from parents, deleting chats, "what are you wearing", sexual talk,
 *   "are you home alone") count fully, and the total is scaled by 0.8. Even those count fully only
 *   once another message corroborates them (another unmistakable sign, or another secrecy line);
 *   until then they weigh a third and are not a step of the pattern. One message from someone the
 *   family knows is one moment: a grandparent's "I'll pick you up from school… don't tell your mum,
 *   no sweets before tea" is family life, with gifts, photos and pick-ups around it or not; the same
 *   line from a stranger, or from a contact who goes on to age talk, another app, "home alone" or
 *   more secrets, is not.
 * - Escalation is a change over time: stages shown in the same message are one step, not a climb.
 * - Sextortion needs a threat, or a money demand or deadline after photos were asked for, a video
 *   call or sexual talk. A threat counts only with images as the leverage, at or before it: photos of
 *   the user asked for, sexual talk, an image sent after a request, or a claim to hold images (or
 *   images named in the threat); without them it stays under every threshold (0.25), since
 *   embarrassment threats between gamers or news that "everyone will see" the team photos are not
 *   sextortion. A threat that comes after images adds 0.15; the user pleading or paying adds 0.1.
 *   From a contact it is scaled by 0.7 (ex-partners do this too).
 * - Scam is the strongest of three schemes: an opener (a wrong number, a friendly stranger, love)
 *   then an investment pitch (pig-butchering); love or hardship then a money request (romance); a
 *   family member on a new number then a money request ("hi mum"). Each needs its ask and its
 *   set-up; the ask coming after the set-up adds 0.1–0.15; the user about to pay adds 0.1. From a
 *   contact it is scaled by 0.6.
 */
import type { Direction } from '../engine/message.js';
import type { Profile } from '../engine/policy-table.js';
import type { Stage } from './stages.js';
import type { StageSignal } from './state.js';

/** The labels the conversation model scores. */
export const CONVERSATION_LABELS = ['grooming', 'sextortion', 'scam'] as const;
export type ConversationLabel = (typeof CONVERSATION_LABELS)[number];

/** What the model knows besides the signals. */
export interface RiskContext {
  readonly now: number;
  readonly profile: Profile;
  /** The other person is a saved contact, an established chat or a trusted sender. */
  readonly contact: boolean;
  readonly halfLifeMs: number;
}

/** The three scores, 0..1, rounded to 3 decimals. */
export type RiskScores = Readonly<Record<ConversationLabel, number>>;

const HOUR_MS = 3_600_000;
/** An escalation faster than this adds to grooming risk. */
const FAST_ESCALATION_MS = 72 * HOUR_MS;
/** A stage counts for order and for the core-stage gate from this effective strength. */
const PRESENT = 0.3;

/** Grooming stage weights (the other person's messages). */
const GROOMING_WEIGHTS: Partial<Record<Stage, number>> = {
  rapport: 0.1,
  age_probe: 0.2,
  gift_offer: 0.12,
  platform_switch: 0.15,
  secrecy: 0.35,
  image_request: 0.3,
  sexual: 0.4,
  meeting: 0.3,
};
/** The grooming phases, in the order abusers move through them. */
const GROOMING_PHASE: Partial<Record<Stage, number>> = {
  rapport: 1,
  age_probe: 1,
  gift_offer: 1,
  platform_switch: 2,
  secrecy: 2,
  image_request: 3,
  sexual: 3,
  meeting: 4,
};
const GROOMING_CORE: readonly Stage[] = ['secrecy', 'image_request', 'sexual', 'meeting'];
/** With one kind of sign only, or without a core stage, grooming stays under every profile's threshold. */
const GROOMING_CAP_WITHOUT_CORE = 0.25;
/** A threat without images as leverage stays under every profile's sextortion threshold. */
const SEXTORTION_CAP_WITHOUT_IMAGES = 0.25;
/** Outside a child or teen profile, and without a stated age under 18. */
const ADULT_SCALE = 0.45;
/** From a contact, an ordinary sign (strength under {@link UNMISTAKABLE}) counts this much. */
const CONTACT_ORDINARY = 0.35;
/** A sign this clear ("don't tell your parents", "are you home alone") is unmistakable, from anyone. */
const UNMISTAKABLE = 0.95;
/** A secrecy line this clear ("keep this between us") corroborates a contact's unmistakable sign in another message. */
const SECRECY_CORROBORATES = 0.7;

/** Which stages feed each label, by direction: the stages a verdict's explanation lists. */
export const LABEL_STAGES: Readonly<Record<ConversationLabel, Readonly<Record<Direction, readonly Stage[]>>>> = {
  grooming: {
    incoming: ['rapport', 'age_probe', 'gift_offer', 'platform_switch', 'secrecy', 'image_request', 'sexual', 'meeting'],
    outgoing: ['minor_age', 'image_shared', 'personal_info', 'platform_switch', 'meeting'],
  },
  sextortion: {
    incoming: ['image_request', 'sexual', 'threat', 'images_held', 'countdown', 'money_request'],
    outgoing: ['image_shared', 'plea', 'payment'],
  },
  scam: {
    incoming: ['wrong_number', 'family_claim', 'affinity', 'love_declaration', 'hardship', 'investment_pitch', 'money_request', 'code_request'],
    outgoing: ['wrong_number', 'payment', 'personal_info'],
  },
};

/** `1 - Π(1 - p)`: independent pieces of evidence, never past 1. */
function noisyOr(...scores: readonly number[]): number {
  let miss = 1;
  for (const score of scores) miss *= 1 - Math.min(Math.max(score, 0), 1);
  return 1 - miss;
}

function round(value: number): number {
  return Math.round(Math.min(Math.max(value, 0), 1) * 1000) / 1000;
}

/** The strongest effective sighting of one stage from one side, and the first time it was present. */
interface Seen {
  readonly best: number;
  /** The earliest sighting whose effective strength reached {@link PRESENT}, or `Infinity`. */
  readonly firstAt: number;
}

const NOT_SEEN: Seen = { best: 0, firstAt: Number.POSITIVE_INFINITY };

/** Which message a signal came from: its id, or its time when it has none (a message's signals share both). */
const messageKey = (signal: StageSignal): string => `${signal.messageId ?? ''}@${signal.at}`;

/**
 * The messages in which the other person showed an unmistakable grooming sign or a clear secrecy
 * line: from a contact, an unmistakable sign counts fully only when another of these messages exists.
 */
function corroboratingMessages(signals: readonly StageSignal[]): Set<string> {
  const keys = new Set<string>();
  for (const signal of signals) {
    if (signal.direction !== 'incoming' || GROOMING_WEIGHTS[signal.stage] === undefined) continue;
    if (signal.strength >= UNMISTAKABLE || (signal.stage === 'secrecy' && signal.strength >= SECRECY_CORROBORATES)) keys.add(messageKey(signal));
  }
  return keys;
}

/** Per stage and side: the best effective strength (decayed, and for contacts discounted) and when it began. */
function summarise(signals: readonly StageSignal[], ctx: RiskContext, groomingView: boolean): Map<string, Seen> {
  const seen = new Map<string, Seen>();
  const discount = groomingView && ctx.contact;
  const corroborating = discount ? corroboratingMessages(signals) : new Set<string>();
  // From a contact: ordinary signs count a third; unmistakable ones fully, once another message corroborates them.
  const full = (signal: StageSignal): boolean => {
    if (signal.strength < UNMISTAKABLE) return false;
    const own = messageKey(signal);
    for (const key of corroborating) if (key !== own) return true;
    return false;
  };
  for (const signal of signals) {
    const age = Math.max(0, ctx.now - signal.at);
    let strength = signal.strength * 0.5 ** (age / ctx.halfLifeMs);
    // An unmistakable sign no other message corroborates is weighed as an ordinary one, and is not a
    // step of the pattern: it neither opens the core-stage gate nor counts as escalation.
    let step = true;
    if (discount && signal.direction === 'incoming' && !full(signal)) {
      strength *= CONTACT_ORDINARY;
      step = signal.strength < UNMISTAKABLE;
    }
    const key = `${signal.direction}:${signal.stage}`;
    const previous = seen.get(key) ?? NOT_SEEN;
    seen.set(key, {
      best: Math.max(previous.best, strength),
      firstAt: step && strength >= PRESENT ? Math.min(previous.firstAt, signal.at) : previous.firstAt,
    });
  }
  return seen;
}

const get = (seen: ReadonlyMap<string, Seen>, direction: Direction, stage: Stage): Seen => seen.get(`${direction}:${stage}`) ?? NOT_SEEN;

/**
 * The longest run of phases that rise with time: 1 for one phase, 4 for all in order. Each step must
 * come later than the one before: phases shown in one message are one moment, not an escalation.
 */
function escalationSteps(phases: readonly { phase: number; at: number }[]): number {
  const ordered = [...phases].sort((a, b) => a.at - b.at || a.phase - b.phase);
  const longest: number[] = [];
  ordered.forEach((entry, i) => {
    let best = 1;
    for (let j = 0; j < i; j += 1) {
      const before = ordered[j] as { phase: number; at: number };
      if (before.phase < entry.phase && before.at < entry.at) best = Math.max(best, (longest[j] as number) + 1);
    }
    longest.push(best);
  });
  return Math.max(0, ...longest);
}

/** Whether the user said they are under 18 (a stated age, not decayed: it stays true). */
export function saidUnder18(signals: readonly StageSignal[]): boolean {
  return signals.some((signal) => signal.stage === 'minor_age' && signal.direction === 'outgoing' && signal.strength >= 0.5);
}

function groomingRisk(signals: readonly StageSignal[], ctx: RiskContext): number {
  const seen = summarise(signals, ctx, true);
  const evidence: number[] = [];
  const phases: { phase: number; at: number }[] = [];
  let firstAt = Number.POSITIVE_INFINITY;
  let coreAt = Number.POSITIVE_INFINITY;
  for (const [stage, weight] of Object.entries(GROOMING_WEIGHTS) as [Stage, number][]) {
    const { best, firstAt: at } = get(seen, 'incoming', stage);
    evidence.push(weight * best);
    if (at === Number.POSITIVE_INFINITY) continue;
    phases.push({ phase: GROOMING_PHASE[stage] as number, at });
    firstAt = Math.min(firstAt, at);
    if (GROOMING_CORE.includes(stage)) coreAt = Math.min(coreAt, at);
  }
  // The user's answers: an age under 18, a photo after a request, where they are or that they are alone.
  const request = get(seen, 'incoming', 'image_request');
  const shared = signals.some((s) => s.stage === 'image_shared' && s.direction === 'outgoing' && s.at >= request.firstAt);
  evidence.push(0.1 * get(seen, 'outgoing', 'minor_age').best);
  if (shared) evidence.push(0.2 * request.best);
  const approached = Math.max(get(seen, 'incoming', 'meeting').best, get(seen, 'incoming', 'age_probe').best);
  evidence.push(0.15 * get(seen, 'outgoing', 'personal_info').best * (approached > 0 ? 1 : 0.5));

  let raw = noisyOr(...evidence);
  const steps = escalationSteps(phases);
  if (steps >= 2) raw = noisyOr(raw, 0.12 * (steps - 1));
  if (steps >= 2 && coreAt - firstAt <= FAST_ESCALATION_MS) raw = noisyOr(raw, 0.1);
  // Escalation matters more than any one phrase: one kind of sign, or no core sign, never flags.
  if (coreAt === Number.POSITIVE_INFINITY || phases.length < 2) raw = Math.min(raw, GROOMING_CAP_WITHOUT_CORE);
  const young = ctx.profile !== 'adult' || saidUnder18(signals);
  return raw * (young ? 1 : ADULT_SCALE) * (ctx.contact ? 0.8 : 1);
}

/**
 * When images became leverage: the first time photos of the user were asked for (strength ≥ 0.5, not
 * "the pics from the match"), the talk turned sexual, the user sent an image after such a request, or
 * the other person claimed to hold images or named them in a threat. `Infinity` if never.
 */
function imageLeverageAt(signals: readonly StageSignal[], ctx: RiskContext): number {
  let requestAt = Number.POSITIVE_INFINITY;
  let at = Number.POSITIVE_INFINITY;
  for (const signal of signals) {
    const strength = signal.strength * 0.5 ** (Math.max(0, ctx.now - signal.at) / ctx.halfLifeMs);
    if (signal.direction === 'incoming') {
      if (signal.stage === 'image_request' && strength >= 0.5) requestAt = Math.min(requestAt, signal.at);
      if ((signal.stage === 'image_request' && strength >= 0.5) || ((signal.stage === 'sexual' || signal.stage === 'images_held') && strength >= PRESENT)) {
        at = Math.min(at, signal.at);
      }
    } else if (signal.stage === 'image_shared' && signal.at >= requestAt) {
      at = Math.min(at, signal.at);
    }
  }
  return at;
}

function sextortionRisk(signals: readonly StageSignal[], ctx: RiskContext): number {
  const seen = summarise(signals, ctx, false);
  const threat = get(seen, 'incoming', 'threat');
  const money = get(seen, 'incoming', 'money_request');
  const countdown = get(seen, 'incoming', 'countdown');
  // Images as leverage: photos of the user were asked for, the talk was sexual, the user sent an
  // image after such a request, or they said they hold images. An image sent without a request (a
  // form, a bike) is ordinary.
  const request = get(seen, 'incoming', 'image_request');
  const sent = get(seen, 'outgoing', 'image_shared');
  const answered: Seen = request.best >= 0.5 && sent.firstAt >= request.firstAt ? sent : NOT_SEEN;
  const images = [request, get(seen, 'incoming', 'sexual'), answered, get(seen, 'incoming', 'images_held')];
  const context = Math.max(...images.map((s) => s.best));
  const contextAt = Math.min(...images.map((s) => s.firstAt));
  let risk = 0;
  if (threat.best > 0) {
    risk = noisyOr(0.45 * threat.best, 0.35 * context, 0.3 * money.best, 0.25 * countdown.best);
    if (context > 0 && contextAt < threat.firstAt) risk = noisyOr(risk, 0.15);
    // Sextortion's leverage is images. A threat with none at or before it ("or everyone in the server
    // finds out you lost to a bot") is another kind of pressure: it stays under every threshold.
    const lastThreatAt = Math.max(...signals.filter((s) => s.stage === 'threat' && s.direction === 'incoming').map((s) => s.at));
    if (imageLeverageAt(signals, ctx) > lastThreatAt) risk = Math.min(risk, SEXTORTION_CAP_WITHOUT_IMAGES);
  } else if (context >= 0.5) {
    risk = noisyOr(0.25 * Math.max(money.best, countdown.best), 0.15 * context * (money.best > 0 || countdown.best > 0 ? 1 : 0));
  }
  const pressureAt = Math.min(threat.firstAt, money.firstAt);
  const complied = signals.some((s) => s.direction === 'outgoing' && (s.stage === 'plea' || s.stage === 'payment') && s.at >= pressureAt);
  if (risk > 0 && complied) risk = noisyOr(risk, 0.1);
  return risk * (ctx.contact ? 0.7 : 1);
}

function scamRisk(signals: readonly StageSignal[], ctx: RiskContext): number {
  const seen = summarise(signals, ctx, false);
  const inc = (stage: Stage): Seen => get(seen, 'incoming', stage);
  const wrong = [inc('wrong_number'), get(seen, 'outgoing', 'wrong_number')].reduce((a, b) => (a.best >= b.best ? a : b));
  const wrongAt = Math.min(inc('wrong_number').firstAt, get(seen, 'outgoing', 'wrong_number').firstAt);
  const affinity = inc('affinity');
  const love = inc('love_declaration');
  const hardship = inc('hardship');
  const pitch = inc('investment_pitch');
  const money = inc('money_request');
  const family = inc('family_claim');
  const code = inc('code_request');
  const setUpAt = Math.min(wrongAt, affinity.firstAt, love.firstAt);

  let pig = 0;
  if (pitch.best > 0) {
    pig = noisyOr(0.5 * pitch.best, 0.3 * wrong.best, 0.25 * affinity.best, 0.15 * love.best);
    if (setUpAt < pitch.firstAt) pig = noisyOr(pig, 0.15);
    if (pitch.best < 0.5 || setUpAt === Number.POSITIVE_INFINITY) pig = Math.min(pig, 0.3);
  }
  let romance = 0;
  if (money.best > 0 && (love.best > 0 || hardship.best > 0)) {
    romance = noisyOr(0.35 * love.best, 0.25 * hardship.best, 0.45 * money.best);
    if (Math.min(love.firstAt, hardship.firstAt) < money.firstAt) romance = noisyOr(romance, 0.15);
    if (money.best < 0.5 || love.best + hardship.best < 0.5) romance = Math.min(romance, 0.3);
  }
  let impersonation = 0;
  if (family.best > 0 && money.best > 0) {
    impersonation = noisyOr(0.45 * family.best, 0.45 * money.best);
    if (family.firstAt < money.firstAt) impersonation = noisyOr(impersonation, 0.1);
  }
  let codes = 0;
  if (code.best > 0 && setUpAt < code.firstAt) codes = noisyOr(0.4 * code.best, 0.2 * Math.max(wrong.best, affinity.best, love.best, family.best));
  let risk = Math.max(pig, romance, impersonation, codes);
  const askAt = Math.min(pitch.firstAt, money.firstAt, code.firstAt);
  const paying = signals.some((s) => s.direction === 'outgoing' && s.stage === 'payment' && s.at >= askAt);
  if (risk > 0 && paying) risk = noisyOr(risk, 0.1);
  return risk * (ctx.contact ? 0.6 : 1);
}

/**
 * Scores a conversation's signals.
 * @example assessRisk(state.signals, { now: Date.now(), profile: 'teen', contact: false, halfLifeMs: 14 * 86_400_000 })
 */
export function assessRisk(signals: readonly StageSignal[], ctx: RiskContext): RiskScores {
  if (signals.length === 0) return { grooming: 0, sextortion: 0, scam: 0 };
  return {
    grooming: round(groomingRisk(signals, ctx)),
    sextortion: round(sextortionRisk(signals, ctx)),
    scam: round(scamRisk(signals, ctx)),
  };
}
