import type { Detector } from '../../engine/detector.js';
import { createCueReader, cue, type CueReader } from './cue.js';
import { SELF_HARM_CUES, type SelfHarmPart } from './self-harm-cues.js';
import { buildResult, familyCodes, noisyOr, type Family } from './scoring.js';
import { createTextViewer, type TextView } from './text-view.js';

/**
 * Self-harm as explicit pattern families: there is no licensed training set (see the data set
 * caveats). Rules want the first person ("I", "myself") and an unambiguous phrase, so news,
 * third-person talk and idioms ("this game is killing me", "dying to see you", "I'm dead 😂")
 * never reach a rule; laughter, "if we lose…" hyperbole, reported speech and negation lower a score.
 */

/** Reason codes and supportive sentences, worded for the writer (outgoing) or a friend reading (incoming). */
export const SELF_HARM_FAMILIES = {
  intent: {
    code: 'self_harm.intent',
    label: 'self_harm',
    text: {
      outgoing: 'It sounds like you might be thinking about hurting yourself. You matter, and talking to someone can really help.',
      incoming: 'Your friend may be thinking about hurting themselves. Checking in with them and telling a trusted adult can help.',
    },
  },
  plan: {
    code: 'self_harm.plan',
    label: 'self_harm',
    text: {
      outgoing: 'It sounds like you may have a plan to hurt yourself. Please reach out to someone right now. You do not have to face this alone.',
      incoming: 'Your friend may have a plan to hurt themselves. Please tell a trusted adult or call emergency services now.',
    },
  },
  goodbye: {
    code: 'self_harm.goodbye',
    label: 'self_harm',
    text: {
      outgoing: 'This reads like a goodbye. If you are thinking of ending your life, please talk to someone now. People want to help.',
      incoming: 'This reads like a goodbye. Your friend could be in danger: reach out to them and tell an adult or emergency services.',
    },
  },
} as const satisfies Record<SelfHarmPart, Family>;


/** Laughter and joke markers: hyperbole, not a crisis (the score drops, it does not vanish). */
const LAUGHTER = cue(
  '',
  /\b(?:lol|lmao|lmfao|rofl|haha\w*|hehe\w*|jk|(?<!not |not even )joking|(?<!not |not even )kidding|xd)\b|[😂🤣💀]/u,
);
/** The writer insists they mean it: no damping, and a vague phrase ("kms") counts for more. */
const SERIOUS = cue(
  '',
  /\b(?:not (?:even )?(?:joking|kidding)|no joke|deadass|no cap|fr fr|i'?m (?:being )?serious|i mean it|for real|seriously this time)\b/u,
);
/** "If we lose tonight I'll kill myself": a conditional that usually marks exaggeration. */
const HYPERBOLE = cue(
  '',
  /\bif (?:i|we|they|he|she|you|u|my|this|that|the)\b[^.!?\n]{0,40}\b(?:i'?ll|ill|i will|i'?m gonna|im gonna|i'?m going to)\b/u,
);
/** Someone else's words or a story, not the writer's own state. */
const REPORTED = cue(
  '',
  /\b(?:he|she|they|my friend|someone|a girl|a boy|a guy|the character|in the (?:book|film|movie|show|song|news)) (?:said|says|told (?:me|us)|texted|wrote|posted|sang)\b|\b(?:the|this|that) (?:song|lyric|lyrics|line|quote) (?:goes|says)\b/u,
);
/** "I relapsed": a clean streak mentioned beside it is over, so it does not lower the score. */
const RELAPSE = cue('relaps', /\brelaps\w*/u);
/** Saying one would not, or no longer does. */
const NEGATED = cue(
  '',
  /\b(?:would never|will never|'?d never|never (?:would|will)|not (?:going to|gonna|thinking|planning|about to)|won'?t|wouldn'?t|don'?t (?:plan|intend)|no longer (?:want|think))\b[^.!?\n]{0,20}\b(?:kill myself|hurt myself|harm myself|end (?:it|my life)|cut myself|self[- ]?harm|die)\b|\b(?:haven'?t|have not|stopped|quit) (?:self[- ]?harm(?:ed|ing)?|cut(?:t?ing)?|hurt(?:ing)? myself)\b|\b(?:\d+|a|one|two|three|six) (?:days?|weeks?|months?|years?) clean\b/u,
);
/** A goodbye for the night or a trip, not for ever. */
const ORDINARY_GOODBYE = cue(
  '',
  /\b(?:bed|sleep|for (?:today|tonight|now)|till tomorrow|tmrw|tomorrow|see (?:you|u|ya)|ttyl|later|gn|goodnight|good night|battery|phone (?:is )?dying|holiday|vacation|trip|flight|camp|weekend)\b/u,
);

function scoreParts(read: CueReader): Record<SelfHarmPart, number> {
  const parts: Record<SelfHarmPart, number> = { intent: 0, plan: 0, goodbye: 0 };
  for (const cue of SELF_HARM_CUES) {
    if (read(cue.pattern)) parts[cue.part] = noisyOr(parts[cue.part], cue.weight);
  }
  if (parts.intent + parts.plan + parts.goodbye === 0) return parts;
  if (read(NEGATED) && !read(RELAPSE)) parts.intent *= 0.3;
  if (read(ORDINARY_GOODBYE)) parts.goodbye *= 0.3;
  if (read(SERIOUS)) {
    if (parts.intent > 0) parts.intent = noisyOr(parts.intent, 0.3);
    return parts;
  }
  let damp = 1;
  if (read(LAUGHTER)) damp *= 0.5;
  if (read(HYPERBOLE)) damp *= 0.6;
  if (read(REPORTED)) damp *= 0.5;
  parts.intent *= damp;
  parts.goodbye *= damp;
  parts.plan *= Math.sqrt(damp); // asking about methods stays serious even when joked about
  return parts;
}

/**
 * Creates the self-harm pattern detector (`patterns-self-harm`, label `self_harm`): first-person
 * intent, plans and goodbye messages, with supportive reasons for the writer or the friend reading.
 *
 * Families add up (noisy-OR): a goodbye with a plan means more than either.
 *
 * @param view - shares one normalisation between the pattern detectors. @defaultValue a fresh viewer
 * @example
 * createSelfHarmDetector().detect({ message, text: 'i just want to die', direction: 'outgoing' });
 */
export function createSelfHarmDetector(view: (text: string) => TextView = createTextViewer()): Detector {
  return {
    id: 'patterns-self-harm',
    version: '1.0.0',
    labels: ['self_harm'],
    reasonCodes: familyCodes(SELF_HARM_FAMILIES),
    detect({ text, direction }) {
      const parts = scoreParts(createCueReader(view(text)));
      const scored = (Object.keys(SELF_HARM_FAMILIES) as SelfHarmPart[]).map((part) => ({
        family: SELF_HARM_FAMILIES[part],
        score: parts[part],
      }));
      return buildResult('self_harm', scored, direction, 'noisy-or');
    },
  };
}
