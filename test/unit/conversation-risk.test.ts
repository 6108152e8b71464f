// The risk model on hand-built stage sequences: order, timing, decay, relationship and profile.
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, PROFILES, type Profile } from '../../src/engine/policy-table.js';
import type { Direction } from '../../src/engine/message.js';
import { assessRisk, saidUnder18, type RiskContext } from '../../src/conversation/risk.js';
import { explainLabel, orderedSteps } from '../../src/conversation/explain.js';
import { STAGES, type Stage } from '../../src/conversation/stages.js';
import type { StageSignal } from '../../src/conversation/state.js';

const MIN = 60_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

function sig(stage: Stage, direction: Direction, minutes: number, strength = 1, messageId?: string): StageSignal {
  return { stage, direction, at: T0 + minutes * MIN, strength, ...(messageId === undefined ? {} : { messageId }) };
}
const inc = (stage: Stage, minutes: number, strength = 1) => sig(stage, 'incoming', minutes, strength);
const out = (stage: Stage, minutes: number, strength = 1) => sig(stage, 'outgoing', minutes, strength);

function ctx(signals: readonly StageSignal[], over: Partial<RiskContext> = {}): RiskContext {
  const last = Math.max(...signals.map((s) => s.at));
  return { now: last, profile: 'teen', contact: false, halfLifeMs: 14 * DAY, ...over };
}
const risk = (signals: StageSignal[], over: Partial<RiskContext> = {}) => assessRisk(signals, ctx(signals, over));
const lowest = (label: 'grooming' | 'sextortion' | 'scam') => Math.min(...PROFILES.map((p) => DEFAULT_THRESHOLDS[label][p]));

const GROOMING_IN_ORDER = [inc('rapport', 0), inc('age_probe', 5), inc('secrecy', 20), inc('image_request', 40)];

describe('grooming', () => {
  it('no single stage flags any profile, however strong', () => {
    for (const stage of STAGES) {
      for (const direction of ['incoming', 'outgoing'] as const) {
        for (const profile of PROFILES) {
          const scores = risk([sig(stage, direction, 0)], { profile });
          expect(scores.grooming, `${direction} ${stage} for ${profile}`).toBeLessThan(lowest('grooming'));
        }
      }
    }
  });

  it('access signs alone (compliments, gifts, another app, age questions) stay under every threshold', () => {
    const signals = [inc('rapport', 0), inc('gift_offer', 10), inc('platform_switch', 20), inc('age_probe', 30), out('minor_age', 31)];
    expect(risk(signals, { profile: 'child' }).grooming).toBeLessThan(lowest('grooming'));
  });

  it('an escalation from a stranger flags a teen, and escalation in order counts more than the same stages reversed', () => {
    const inOrder = risk(GROOMING_IN_ORDER).grooming;
    const reversed = risk(GROOMING_IN_ORDER.map((s, i) => ({ ...s, at: T0 + (GROOMING_IN_ORDER.length - i) * 10 * MIN }))).grooming;
    expect(inOrder).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.grooming.teen);
    expect(inOrder).toBeGreaterThan(reversed);
  });

  it('a fast escalation counts more than the same steps over weeks', () => {
    const fast = risk(GROOMING_IN_ORDER).grooming;
    const slow = risk(GROOMING_IN_ORDER.map((s, i) => ({ ...s, at: T0 + i * 7 * DAY })), { halfLifeMs: 1e15 }).grooming;
    expect(fast).toBeGreaterThan(slow);
  });

  it('decays: the same signals weigh less as they age, and half as much after a half-life', () => {
    const signals = [inc('age_probe', 0), inc('secrecy', 1)];
    const now = risk(signals).grooming;
    const later = assessRisk(signals, ctx(signals, { now: T0 + 28 * DAY })).grooming;
    expect(later).toBeLessThan(now);
    expect(later).toBeLessThan(DEFAULT_THRESHOLDS.grooming.teen);
  });

  it('from a saved contact, ordinary signs barely count but unmistakable ones still do', () => {
    const ordinary = [inc('rapport', 0, 0.4), inc('gift_offer', 1, 0.9), inc('image_request', 2, 0.7), inc('meeting', 3, 0.6)];
    expect(risk(ordinary, { profile: 'child', contact: true }).grooming).toBeLessThan(lowest('grooming'));
    expect(risk(ordinary, { profile: 'child', contact: false }).grooming).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.grooming.child);
    const unmistakable = [inc('rapport', 0, 1), inc('secrecy', 1, 1), inc('image_request', 2, 1), inc('meeting', 3, 1)];
    expect(risk(unmistakable, { contact: true }).grooming).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.grooming.teen);
  });

  describe('a contact\'s one-off secret vs a pattern (corroboration across messages)', () => {
    // One message carrying "I'll pick you up … don't tell your mum": secrecy and a secret meeting, both at one time.
    const oneLine = (at: number) => [sig('secrecy', 'incoming', at, 1, `m${at}`), sig('meeting', 'incoming', at, 1, `m${at}`)];

    it('from a contact, one secrecy line beside family logistics stays under every profile\'s threshold; from a stranger it flags a child', () => {
      const signals = [sig('image_request', 'incoming', 0, 0.7, 'm0'), out('image_shared', 10), ...oneLine(15)];
      for (const profile of PROFILES) expect(risk(signals, { profile, contact: true }).grooming, profile).toBeLessThan(DEFAULT_THRESHOLDS.grooming[profile]);
      expect(risk(signals, { profile: 'child', contact: false }).grooming).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.grooming.child);
    });

    it('gifts, plain photo requests and pick-ups from a contact do not corroborate it: families do these', () => {
      const family = [sig('gift_offer', 'incoming', 0, 0.9, 'a'), sig('image_request', 'incoming', 5, 0.7, 'b'), sig('meeting', 'incoming', 9, 0.6, 'c'), ...oneLine(20)];
      expect(risk(family, { profile: 'child', contact: true }).grooming).toBeLessThan(DEFAULT_THRESHOLDS.grooming.child);
    });

    it('the same contact flags once another message corroborates: more secrecy, age talk, another app, "home alone"', () => {
      const corroborations: [string, StageSignal][] = [
        ['"keep our chats between us"', sig('secrecy', 'incoming', 30, 0.7, 'x')],
        ['"mature for your age"', sig('age_probe', 'incoming', 30, 1, 'x')],
        ['a private app', sig('platform_switch', 'incoming', 30, 1, 'x')],
        ['"are you home alone"', sig('meeting', 'incoming', 30, 1, 'x')],
        ['"what are you wearing"', sig('image_request', 'incoming', 30, 1, 'x')],
      ];
      for (const [name, extra] of corroborations) {
        for (const signals of [[...oneLine(15), extra], [{ ...extra, at: T0 }, ...oneLine(15)]]) {
          expect(risk(signals, { profile: 'child', contact: true }).grooming, `${name} child`).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.grooming.child);
        }
      }
      // Grooming by a known adult: compliments on maturity, "you can tell me anything", then secrets and a lift.
      const youthLeader = [sig('age_probe', 'incoming', 0, 1, 'a'), sig('rapport', 'incoming', 1440, 1, 'b'), sig('secrecy', 'incoming', 1462, 0.7, 'c'), ...oneLine(1463)];
      expect(risk(youthLeader, { profile: 'teen', contact: true }).grooming).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.grooming.teen);
    });

    it('without message ids, messages are told apart by time', () => {
      const sameTime = [inc('secrecy', 15), inc('meeting', 15)];
      const apart = [inc('secrecy', 15), inc('meeting', 16)];
      expect(risk(sameTime, { profile: 'child', contact: true }).grooming).toBeLessThan(DEFAULT_THRESHOLDS.grooming.child);
      expect(risk(apart, { profile: 'child', contact: true }).grooming).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.grooming.child);
    });
  });

  it('escalation is a change over time: stages in one message are one step, not a climb', () => {
    const oneMessage = [inc('rapport', 0, 0.4), inc('secrecy', 10, 0.5), inc('meeting', 10, 0.6)];
    const twoMessages = [inc('rapport', 0, 0.4), inc('secrecy', 10, 0.5), inc('meeting', 11, 0.6)];
    expect(risk(twoMessages, { profile: 'child' }).grooming).toBeGreaterThan(risk(oneMessage, { profile: 'child' }).grooming);
  });

  it('counts fully only for a young person: a child/teen profile, or an adult profile whose user said they are under 18', () => {
    const signals = [inc('age_probe', 0), inc('sexual', 5), inc('image_request', 6), inc('meeting', 8)];
    const byProfile = Object.fromEntries(PROFILES.map((p) => [p, risk(signals, { profile: p }).grooming])) as Record<Profile, number>;
    expect(byProfile.child).toBe(byProfile.teen);
    expect(byProfile.adult).toBeLessThan(DEFAULT_THRESHOLDS.grooming.adult); // adults' dating talk
    const disclosed = [...signals, out('minor_age', 1)];
    expect(saidUnder18(disclosed)).toBe(true);
    expect(risk(disclosed, { profile: 'adult' }).grooming).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.grooming.adult);
  });

  it("counts the user's answers: a photo sent after a request, where they are", () => {
    const asked = [inc('age_probe', 0, 0.7), inc('image_request', 5, 0.6)];
    const answered = [...asked, out('image_shared', 6), out('personal_info', 7)];
    expect(risk(answered, { profile: 'adult' }).grooming).toBeGreaterThan(risk(asked, { profile: 'adult' }).grooming);
    const sentFirst = [out('image_shared', 0), ...asked];
    expect(risk(sentFirst).grooming).toBe(risk(asked).grooming);
  });
});

describe('sextortion', () => {
  it('needs a threat, or a demand after photos were asked for', () => {
    expect(risk([inc('money_request', 0), inc('countdown', 1)]).sextortion).toBe(0);
    expect(risk([out('image_shared', 0), inc('money_request', 1)]).sextortion).toBe(0); // a photo of a bike, then a price
    expect(risk([inc('image_request', 0), out('image_shared', 1), inc('money_request', 2)], { profile: 'child' }).sextortion).toBeGreaterThan(0);
  });

  it('a threat after images flags every profile, and more than the threat alone', () => {
    const threat = [inc('threat', 10, 0.7)];
    const afterImages = [inc('image_request', 0), out('image_shared', 5), ...threat, inc('money_request', 11), inc('countdown', 12)];
    expect(risk(afterImages, { profile: 'adult' }).sextortion).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.sextortion.adult);
    expect(risk(afterImages).sextortion).toBeGreaterThan(risk(threat).sextortion);
  });

  it('needs images as the leverage: a threat and a demand without them stay under every threshold', () => {
    // "send me 400 robux friday or everyone in the server finds out u lost to a bot"
    const banter = [inc('threat', 0, 0.9), inc('money_request', 0)];
    // "the pics from sunday's match" (a photo of a thing), sent, then "everyone will see them on the club website"
    const teamPhotos = [inc('image_request', 0, 0.15), out('image_shared', 1), inc('threat', 2, 0.3)];
    // A photo asked for only after the threat ("send a pic of ur new setup too") is not what was threatened with.
    const requestAfter = [inc('threat', 0, 0.9), inc('money_request', 0), inc('image_request', 5, 0.6)];
    for (const profile of PROFILES) {
      for (const contact of [false, true]) {
        for (const [name, signals] of [['banter', banter], ['team photos', teamPhotos], ['request after', requestAfter]] as const) {
          expect(risk([...signals], { profile, contact }).sextortion, `${name} ${profile} contact=${contact}`).toBeLessThan(lowest('sextortion'));
        }
      }
    }
  });

  it('counts images as leverage when asked for in the threat, claimed, or sent after a request, even as a stranger\'s first move', () => {
    // "send me nudes or everyone sees our chat": the request is in the threatening message itself.
    expect(risk([inc('threat', 0, 0.9), inc('image_request', 0)]).sextortion).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.sextortion.teen);
    // "I recorded our call. $500 or it goes to your wife": the claim alone is leverage, with no earlier request.
    const claimed = [inc('images_held', 0), inc('threat', 0, 0.7), inc('money_request', 1), inc('countdown', 1)];
    expect(risk(claimed, { profile: 'adult' }).sextortion).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.sextortion.adult);
    // A photo sent after a real request, then a threat: leverage, from a stranger or (less) from a contact.
    const sent = [inc('image_request', 0, 0.6), out('image_shared', 2), inc('threat', 5, 0.7)];
    expect(risk(sent, { profile: 'adult' }).sextortion).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.sextortion.adult);
    expect(risk(sent, { contact: true }).sextortion).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.sextortion.teen);
    // Leverage that has decayed away (a request two months earlier) no longer counts.
    const stale = [inc('image_request', 0, 0.6), inc('threat', 60 * 24 * 60, 0.9)];
    expect(risk(stale).sextortion).toBeLessThan(lowest('sextortion'));
  });

  it('rises when the user pleads or offers to pay, and is lower (not zero) from a contact', () => {
    const signals = [inc('image_request', 0), out('image_shared', 1), inc('threat', 2, 0.7)];
    const pleading = [...signals, out('plea', 3)];
    expect(risk(pleading).sextortion).toBeGreaterThan(risk(signals).sextortion);
    const contact = risk(signals, { contact: true }).sextortion;
    expect(contact).toBeGreaterThan(0);
    expect(contact).toBeLessThan(risk(signals).sextortion);
  });
});

describe('scam', () => {
  it('pig-butchering: a wrong-number opener and friendly chat, then an investment pitch', () => {
    const pitchOnly = [inc('investment_pitch', 0)];
    const scheme = [inc('wrong_number', 0), inc('affinity', 60), inc('affinity', 3 * 24 * 60), inc('investment_pitch', 10 * 24 * 60)];
    expect(risk(pitchOnly, { profile: 'adult' }).scam).toBeLessThan(0.5);
    expect(risk(scheme, { profile: 'adult' }).scam).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.scam.adult);
    const setUpFirst = [inc('wrong_number', 0), inc('affinity', 1), inc('investment_pitch', 2)];
    const pitchFirst = [inc('investment_pitch', 0), inc('affinity', 1), inc('wrong_number', 2)];
    expect(risk(setUpFirst).scam).toBeGreaterThan(risk(pitchFirst).scam);
  });

  it('romance: love, then a money request with a hardship story', () => {
    const scheme = [inc('love_declaration', 0), inc('hardship', 5 * 24 * 60), inc('money_request', 5 * 24 * 60 + 1)];
    expect(risk(scheme, { profile: 'adult' }).scam).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.scam.adult);
    expect(risk([inc('love_declaration', 0)]).scam).toBe(0);
    expect(risk([inc('money_request', 0)]).scam).toBe(0);
    // An established couple splitting a bill: the same stages from a contact stay under the adult threshold.
    expect(risk(scheme, { profile: 'adult', contact: true }).scam).toBeLessThan(DEFAULT_THRESHOLDS.scam.adult);
  });

  it('"hi mum": a family member on a new number, then money', () => {
    expect(risk([inc('family_claim', 0), inc('money_request', 3)], { profile: 'adult' }).scam).toBeGreaterThanOrEqual(0.5);
    expect(risk([inc('family_claim', 0)]).scam).toBe(0);
  });

  it('rises when the user is about to pay after the ask', () => {
    const scheme = [inc('family_claim', 0), inc('money_request', 3)];
    expect(risk([...scheme, out('payment', 4)]).scam).toBeGreaterThan(risk(scheme).scam);
  });
});

describe('explanations', () => {
  const signals = [sig('rapport', 'incoming', 0, 1, 'm1'), sig('age_probe', 'incoming', 1, 1, 'm2'), sig('minor_age', 'outgoing', 2, 1, 'm3'), sig('secrecy', 'incoming', 3, 1, 'm4'), sig('image_request', 'incoming', 4, 1, 'm5')];

  it('lists the stages in the order they came, once each, and only those of the label', () => {
    expect(orderedSteps('grooming', [...signals, sig('rapport', 'incoming', 5), sig('money_request', 'incoming', 6)])).toEqual([
      { stage: 'rapport', direction: 'incoming' },
      { stage: 'age_probe', direction: 'incoming' },
      { stage: 'minor_age', direction: 'outgoing' },
      { stage: 'secrecy', direction: 'incoming' },
      { stage: 'image_request', direction: 'incoming' },
    ]);
  });

  it('reads as plain words for a teenager and a parent, with what to do, and no message ids', () => {
    const text = explainLabel('grooming', 'incoming', signals, false);
    expect(text).toMatch(/^In this chat, someone you have not saved as a contact: first they paid you a lot of compliments/u);
    expect(text).toMatch(/then you said you are under 18, then they asked you to keep the chat secret, from your parents too, or delete messages, and then they asked for photos/u);
    expect(text).toMatch(/You are not in trouble/u);
    expect(text).not.toMatch(/m[1-5]\b/u);
  });

  it('never advises paying or complying with sextortion, in either direction', () => {
    for (const direction of ['incoming', 'outgoing'] as const) {
      const text = explainLabel('sextortion', direction, [sig('image_request', 'incoming', 0), sig('threat', 'incoming', 1)], false);
      expect(text).toMatch(/do not pay/iu);
      expect(text).toMatch(/not in trouble/u);
      expect(text).not.toMatch(/\b(?:you should|just|go ahead and) (?:pay|send)\b/iu);
    }
  });

  it('warns before money or codes are sent in a scam', () => {
    expect(explainLabel('scam', 'outgoing', [sig('family_claim', 'incoming', 0), sig('money_request', 'incoming', 1)], false)).toMatch(/^In this chat.*Before you send money, cards or codes/u);
  });
});
