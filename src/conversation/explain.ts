/**
 * What the user (and a parent) reads when the conversation model raises a label: the stages seen, in
 * the order they came, in plain words, and what to do. Built from fixed phrases only, so it never
 * quotes a message; message ids go in `conversation_risk.stages`, not in the sentence.
 */
import type { Reason } from '../engine/detector.js';
import type { Direction } from '../engine/message.js';
import { LABEL_STAGES, type ConversationLabel } from './risk.js';
import { STAGE_WORDS, type Stage } from './stages.js';
import type { StageSignal } from './state.js';

/** The reason code the conversation model gives each label, by the direction of the message it is on. */
export const CONVERSATION_REASON_CODES: Readonly<Record<ConversationLabel, Readonly<Record<Direction, string>>>> = {
  grooming: { incoming: 'grooming.progression', outgoing: 'grooming.progression_reply' },
  sextortion: { incoming: 'sextortion.progression', outgoing: 'sextortion.progression_reply' },
  scam: { incoming: 'scam.progression', outgoing: 'scam.progression_reply' },
};

/** At most this many steps are listed; the rest are summed up. */
const MAX_STEPS = 5;

/** The label's stages in the order they first appeared, each once. */
export function orderedSteps(label: ConversationLabel, signals: readonly StageSignal[]): { stage: Stage; direction: Direction }[] {
  const seen = new Set<string>();
  const steps: { stage: Stage; direction: Direction }[] = [];
  for (const signal of signals) {
    if (signal.strength < 0.3 || !LABEL_STAGES[label][signal.direction].includes(signal.stage)) continue;
    const key = `${signal.direction}:${signal.stage}`;
    if (seen.has(key)) continue;
    seen.add(key);
    steps.push({ stage: signal.stage, direction: signal.direction });
  }
  return steps;
}

/** "first they …, then …, and then …", from fixed phrases. */
function sequence(steps: readonly { stage: Stage; direction: Direction }[]): string {
  const words = steps.slice(0, MAX_STEPS).map(({ stage, direction }) => {
    const phrase = STAGE_WORDS[stage][direction];
    return direction === 'incoming' ? `they ${phrase}` : phrase;
  });
  if (steps.length > MAX_STEPS) words.push('more of the same');
  if (words.length === 1) return words[0] as string;
  return `first ${words.slice(0, -1).join(', then ')}, and then ${words[words.length - 1] as string}`;
}

const WHO: Readonly<Record<'contact' | 'stranger', string>> = {
  contact: 'someone in your contacts',
  stranger: 'someone you have not saved as a contact',
};

/**
 * The explanation for one label, for a message in a given direction.
 * @example explainLabel('grooming', 'incoming', signals, false)
 * // 'In this chat, someone you have not saved as a contact: first they asked how old you are, …'
 */
export function explainLabel(label: ConversationLabel, direction: Direction, signals: readonly StageSignal[], contact: boolean): string {
  const steps = orderedSteps(label, signals);
  const story = steps.length > 0 ? `In this chat, ${WHO[contact ? 'contact' : 'stranger']}: ${sequence(steps)}. ` : '';
  switch (label) {
    case 'grooming':
      return direction === 'incoming'
        ? `${story}Together, in this order, these are steps people use to groom young people. You are not in trouble. You do not have to reply. Block and report them, and talk to a parent or another adult you trust.`
        : `${story}Before you send this: these are warning signs of grooming. You do not have to share photos, your age or where you are. Talk to an adult you trust first.`;
    case 'sextortion':
      return direction === 'incoming'
        ? `${story}This is how sextortion works: it is blackmail and a crime. You are not in trouble. Do not pay and do not send anything more; paying rarely makes it stop. Keep the messages, block and report, and tell an adult you trust.`
        : `${story}Please do not pay or send more: paying rarely makes blackmail stop, and you are not in trouble. Stop replying, keep the messages, block and report, and get help from an adult you trust.`;
    case 'scam':
      return direction === 'incoming'
        ? `${story}This follows a known scam pattern. Do not send money, gift cards or codes to someone you only know from messages or from a new number. Check with someone you trust first.`
        : `${story}Before you send money, cards or codes: this follows a known scam pattern. Call the person on a number you already know, or ask someone you trust, first.`;
  }
}

/** The reason the conversation model adds for a raised label. */
export function conversationReason(label: ConversationLabel, direction: Direction, signals: readonly StageSignal[], contact: boolean): Reason {
  return { code: CONVERSATION_REASON_CODES[label][direction], label, message: explainLabel(label, direction, signals, contact) };
}
