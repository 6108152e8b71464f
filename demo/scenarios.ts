/**
 * The "try an example" scripts. Plain data: the page plays them through the real composer, so every
 * message is checked, encrypted and relayed like a typed one, and the browser tests import the same
 * list to know what to look for. `expect` says which warning the scenario is meant to show and for
 * which labels; nothing here produces a verdict.
 */

/** The two people in the demo chat. */
export const PEOPLE = {
  alex: { id: 'alex', name: 'Alex', role: 'teen', avatar: 'A' },
  jay: { id: 'jay', name: 'Jay', role: 'unknown adult', avatar: 'J' },
} as const;

export type PersonId = keyof typeof PEOPLE;

/** One message in a script. */
export interface ScenarioStep {
  readonly from: PersonId;
  readonly text: string;
  /** Attach the demo's sample photo. */
  readonly image?: 'beach-photo';
  /**
   * The sender ignores their own phone's warning (a scammer does): the script waits a moment so
   * the nudge is seen, then picks "send anyway". Without it, a nudge ends the script there, for
   * the visitor to decide.
   */
  readonly ignoresWarning?: boolean;
}

/** The warning a scenario is meant to show, on whose screen. */
export type WarningKind = 'scam' | 'warning' | 'link' | 'rethink' | 'blur' | 'safety' | 'support' | 'image';

export interface ScenarioExpectation {
  /** Whose screen shows the warning. */
  readonly on: PersonId;
  readonly kind: WarningKind;
  /** Labels at least one of which the verdict flags; the warning can appear once a detector declares one of them. */
  readonly labels: readonly string[];
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** One line for the menu. */
  readonly summary: string;
  readonly steps: readonly ScenarioStep[];
  readonly expect: readonly ScenarioExpectation[];
}

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'scam-link',
    title: 'A scam with a link',
    summary: 'A fake parcel-fee text with a phishing link',
    steps: [
      {
        from: 'jay',
        ignoresWarning: true,
        text: 'Royal Mail: your parcel is on hold due to an unpaid £1.99 shipping fee. Pay within 24h or it will be returned: http://royalmail-redelivery-fee.top/pay',
      },
    ],
    expect: [
      { on: 'alex', kind: 'scam', labels: ['scam', 'spam'] },
      { on: 'alex', kind: 'link', labels: ['malicious_link'] },
    ],
  },
  {
    id: 'harassment',
    title: 'Harassment, both ways',
    summary: 'An insult arrives, and Alex starts typing one back',
    steps: [
      { from: 'jay', ignoresWarning: true, text: "you're a pathetic loser, nobody at your school even likes you" },
      { from: 'alex', text: 'shut up you stupid idiot, nobody asked you' },
    ],
    expect: [
      { on: 'alex', kind: 'warning', labels: ['harassment', 'hate'] },
      { on: 'alex', kind: 'rethink', labels: ['harassment', 'hate'] },
    ],
  },
  {
    id: 'pii',
    title: 'Sharing personal details',
    summary: 'Alex is about to send a home address and phone number',
    steps: [
      { from: 'jay', ignoresWarning: true, text: 'i can drop the tickets round later, where do you live?' },
      { from: 'alex', text: 'ok my address is 14 Elm Street, Leeds LS6 2AB and my number is 07700 900123' },
    ],
    expect: [{ on: 'alex', kind: 'rethink', labels: ['pii'] }],
  },
  {
    id: 'grooming',
    title: 'Grooming, step by step',
    summary: 'Flattery, secrecy, a move to another app, then a threat',
    steps: [
      { from: 'jay', ignoresWarning: true, text: 'you seem really mature for your age, not like other kids' },
      { from: 'jay', ignoresWarning: true, text: 'do your parents check your phone?' },
      { from: 'jay', ignoresWarning: true, text: "this is just between us ok? don't tell anyone about our chats" },
      { from: 'jay', ignoresWarning: true, text: "let's talk on snapchat instead, it's more private there" },
      { from: 'jay', ignoresWarning: true, text: 'send me a pic of you, just for me' },
      { from: 'jay', ignoresWarning: true, text: "send $200 in gift cards or I'll send your pics to all your followers" },
    ],
    expect: [
      { on: 'alex', kind: 'safety', labels: ['grooming'] },
      { on: 'alex', kind: 'safety', labels: ['sextortion'] },
    ],
  },
  {
    id: 'self-harm',
    title: 'Someone is struggling',
    summary: 'Alex writes that they want to end it all',
    steps: [
      { from: 'jay', ignoresWarning: true, text: 'hey, you ok? you went quiet' },
      { from: 'alex', text: "honestly I don't want to be here anymore. I've been thinking about ending it" },
    ],
    expect: [
      { on: 'alex', kind: 'support', labels: ['self_harm'] },
      { on: 'jay', kind: 'support', labels: ['self_harm'] },
    ],
  },
  {
    id: 'image',
    title: 'An image',
    summary: 'Jay sends a photo; it is checked on Alex’s phone before it is shown',
    steps: [{ from: 'jay', ignoresWarning: true, text: 'look where I am', image: 'beach-photo' }],
    expect: [{ on: 'alex', kind: 'image', labels: ['nudity'] }],
  },
];
