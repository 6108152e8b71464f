import type { Detector } from '../../engine/detector.js';
import { createCueReader, type Cue, type CueReader } from './cue.js';
import { buildResult, familyCodes, noisyOr, type Family } from './scoring.js';
import { createTextViewer, type TextView } from './text-view.js';
import * as C from './threat-cues.js';

/**
 * Violent threats as explicit pattern families. The text model has about a hundred threat examples
 * (Toxic Spans) and flags almost nothing, while "I'm going to kill you" and "I'm going to shoot up
 * the school" must never pass. Rules want a writer who announces harm to someone other than
 * themselves; idioms ("my mum is going to kill me", "you killed it", "I'm dead 😂"), games and sport,
 * news and lyrics, and trivial conditionals ("if you spoil the ending I'll kill you lol") lower or
 * never reach a score. Time, place and a weapon make a threat more real.
 */

/** Reason codes and sentences, for the person threatened (incoming) or the writer (outgoing). */
export const THREAT_FAMILIES = {
  violence: {
    code: 'threat.violence',
    label: 'threat',
    text: {
      incoming: 'This message threatens to hurt someone. It is not your fault. Keep the message, do not reply, and tell an adult you trust.',
      outgoing: 'This reads like a threat. Threats can hurt people and can get you in real trouble, even as a joke. Want to rethink it before sending?',
    },
  },
  stalking: {
    code: 'threat.stalking',
    label: 'threat',
    text: {
      incoming: 'This message says someone knows where you or your family are, or will share it, to scare you. Keep it, do not reply, and tell an adult you trust. If you feel unsafe, call the police.',
      outgoing: 'This reads like a threat to find someone or share where they live. That can really scare people and can get you in real trouble.',
    },
  },
  massViolence: {
    code: 'threat.mass_violence',
    label: 'threat',
    text: {
      incoming: 'This message talks about attacking a school or a group of people. Tell a trusted adult or the police right away, even if it might be a joke.',
      outgoing: 'This reads like a threat to attack a school or a group of people. Threats like this are always taken seriously: police and schools act on them, even when they are meant as a joke. If you are thinking about hurting people, please talk to a trusted adult now.',
    },
  },
} as const satisfies Record<string, Family>;

type Part = keyof typeof THREAT_FAMILIES;

/** A cue and how much it says on its own. Cues of one family add up (noisy-OR). */
type Weighted = readonly [Cue, number];

const VIOLENCE: readonly Weighted[] = [
  [C.ATTACK_YOU, 0.7],
  [C.BEATING, 0.7],
  [C.KYS_OR, 0.7],
  [C.AND_YOURE_DEAD, 0.7],
  [C.ATTACK_OTHER, 0.45],
  [C.STOCK_MENACE, 0.6],
  [C.PASSIVE, 0.6],
  [C.YOURE_DEAD, 0.55],
  [C.SORT_OUT, 0.45],
  [C.VEILED, 0.55],
  [C.WATCH_BACK, 0.5],
  [C.COMING_FOR, 0.45],
  [C.FIND_YOU, 0.35],
  [C.REGRET, 0.3],
];
const STALKING: readonly Weighted[] = [
  [C.KNOW_FAMILY, 0.55],
  [C.DOXX, 0.55],
  [C.KNOW_WHERE_LIVE, 0.5],
  [C.HAVE_ADDRESS, 0.45],
  [C.LIVE_ON, 0.45],
  [C.KNOW_WHERE_ARE, 0.35],
];
const MASS: readonly Weighted[] = [
  [C.MASS_PLACE, 0.6],
  [C.MASS_GROUP, 0.5],
  [C.WEAPON_TO_SCHOOL, 0.85],
  [C.MASS_ANNOUNCE, 0.8],
  [C.MASS_WARNING, 0.35],
  [C.MASS_DEATH, 0.35],
];

/** What raises a threat already there: a time, a place, a weapon, "see you soon". */
const TIME_WEIGHT = 0.15;
const PLACE_WEIGHT = 0.15;
const WEAPON_WEIGHT = 0.35;
const MENACE_WEIGHT = 0.3;
const SWEAR_WEIGHT = 0.2;
const WAITING_WEIGHT = 0.25;
const ADDRESS_WEIGHT = 0.2;
/** A weapon in the writer's hands, aimed at the reader, is a threat by itself. */
const WEAPON_AT_YOU = 0.3;
/** "gonna stab that kid": a weapon act against someone else. */
const ARMED_OTHER = 0.6;
/** A weapon with a school or a year group named. */
const WEAPON_AT_SCHOOL = 0.75;
/** A school or group attack announced by the writer, not reported. */
const MASS_ANNOUNCED = 0.9;

function sum(read: CueReader, cues: readonly Weighted[]): number {
  let score = 0;
  for (const [entry, weight] of cues) if (read(entry)) score = noisyOr(score, weight);
  return score;
}

/** The writer speaks for themselves: "I'll", "we're gonna", "imma". */
function announced(read: CueReader): boolean {
  return read(C.ATTACK_YOU) || read(C.ATTACK_OTHER) || read(C.SPEAKER);
}

function scoreParts(read: CueReader): Record<Part, number> {
  let violence = sum(read, VIOLENCE);
  let stalking = sum(read, STALKING);
  let mass = sum(read, MASS);
  const weaponHeld = read(C.WEAPON_HELD);
  // Stabbing or shooting someone else is no hyperbole: it counts nearly as much as a threat to the reader.
  if (read(C.ATTACK_OTHER) && read(C.ARMED_ACT)) violence = noisyOr(violence, ARMED_OTHER);
  if (weaponHeld && read(C.ADDRESSED)) violence = noisyOr(violence, WEAPON_AT_YOU);
  if (weaponHeld && read(C.SCHOOL_GROUP)) mass = noisyOr(mass, WEAPON_AT_SCHOOL);
  if (violence + stalking + mass === 0) return { violence, stalking, massViolence: mass };

  if ((read(C.MASS_PLACE) || read(C.MASS_GROUP)) && announced(read)) mass = noisyOr(mass, MASS_ANNOUNCED);
  const time = read(C.TIME) ? TIME_WEIGHT : 0;
  const place = read(C.PLACE) ? PLACE_WEIGHT : 0;
  const weapon = read(C.WEAPON) ? WEAPON_WEIGHT : 0;
  const menace = read(C.MENACE) ? MENACE_WEIGHT : 0;
  const swear = read(C.SWEAR) ? SWEAR_WEIGHT : 0;
  if (violence > 0) violence = noisyOr(violence, time, place, weaponHeld ? 0 : weapon, menace, swear, read(C.WAITING) ? WAITING_WEIGHT : 0);
  if (stalking > 0) stalking = noisyOr(stalking, time, weapon, menace, read(C.ADDRESS) ? ADDRESS_WEIGHT : 0);
  if (mass > 0) mass = noisyOr(mass, time);

  // Friendly reasons to know where someone lives ("I know your address, I'll send the invite").
  if (read(C.FRIENDLY)) stalking *= 0.4;
  if (read(C.NEGATED)) {
    violence *= 0.2;
    mass *= 0.2;
  }
  // News, stories and lyrics are about a threat, not one, whoever is quoted.
  const reported = read(C.REPORTED) ? 0.3 : 1;
  let damp = reported;
  if (!read(C.SERIOUS)) {
    if (read(C.LAUGHTER)) damp *= 0.45;
    if (read(C.TRIVIAL_IF)) damp *= 0.5;
    if (read(C.GAME)) damp *= 0.35;
    else if (read(C.SPORT) && !read(C.ARMED_ACT)) damp *= 0.5;
  }
  violence *= damp;
  stalking *= damp;
  // A school attack "as a joke" still gets police involved: jokes and games lower it far less.
  mass *= reported * Math.sqrt(damp / reported);
  return { violence, stalking, massViolence: mass };
}

/**
 * Creates the threat pattern detector (`patterns-threat`, label `threat`): first- and second-person
 * violent threats, stalking and doxxing menace ("I know where you live"), and threats against a school
 * or a group, which score highest.
 *
 * Families add up (noisy-OR): "I know where you live, watch your back" means more than either half.
 *
 * @param view - shares one normalisation between the pattern detectors. @defaultValue a fresh viewer
 * @example
 * createThreatDetector().detect({ message, text: "you're dead when I find you", direction: 'incoming' });
 */
export function createThreatDetector(view: (text: string) => TextView = createTextViewer()): Detector {
  return {
    id: 'patterns-threat',
    version: '1.0.0',
    labels: ['threat'],
    reasonCodes: familyCodes(THREAT_FAMILIES),
    detect({ text, direction }) {
      const parts = scoreParts(createCueReader(view(text)));
      const scored = (Object.keys(THREAT_FAMILIES) as Part[]).map((part) => ({ family: THREAT_FAMILIES[part], score: parts[part] }));
      return buildResult('threat', scored, direction, 'noisy-or');
    },
  };
}
