import type { Label } from './labels.js';
import type { Direction } from './message.js';

/** One short sentence per label and direction, for when a flag is shown. Plain words, no jargon. */
export const LABEL_EXPLANATIONS: Readonly<Record<Label, Readonly<Record<Direction, string>>>> = {
  spam: {
    incoming: 'This looks like unwanted mass messaging (spam).',
    outgoing: 'This reads like spam, and people may ignore or report it.',
  },
  scam: {
    incoming: 'This looks like a scam: someone may be trying to get your money, codes or passwords.',
    outgoing: 'This looks like a scam message. If someone asked you to forward it, they may be tricking you.',
  },
  harassment: {
    incoming: 'This message may be hurtful or insulting.',
    outgoing: 'This might hurt the person who reads it. Want to rethink it before sending?',
  },
  hate: {
    incoming: 'This message may attack people for who they are.',
    outgoing: 'This might attack people for who they are. Want to rethink it before sending?',
  },
  threat: {
    incoming: 'This message sounds like a threat. You do not have to deal with it alone.',
    outgoing: 'This could read as a threat to the person who gets it.',
  },
  sexual: {
    incoming: 'This message has sexual content.',
    outgoing: 'This message has sexual content. Are you sure you want to send it?',
  },
  self_harm: {
    incoming: 'Your friend may be going through something hard. There are ways to help.',
    outgoing: 'It sounds like you are going through something really hard. You are not alone, and help is there.',
  },
  grooming: {
    incoming: 'This chat has patterns often used to manipulate young people. You are not in trouble.',
    outgoing: 'You are sharing something this person asked for. Only share it if you really know and trust them.',
  },
  sextortion: {
    incoming: 'Someone may be trying to blackmail you with images. You are not in trouble. Do not pay.',
    outgoing: 'This message could read as a threat to share private images.',
  },
  pii: {
    incoming: 'This message contains personal details.',
    outgoing: 'You are about to share personal details (like a card number, code, password or address).',
  },
  malicious_link: {
    incoming: 'A link in this message looks dangerous. It may steal passwords or money.',
    outgoing: 'A link in this message looks dangerous.',
  },
  nudity: {
    incoming: 'This image may contain nudity, so it is hidden until you choose to see it.',
    outgoing: 'This image may contain nudity. Once sent, you cannot take it back.',
  },
};

/** A source of help the UI can show next to a warning. No links: embedders add local ones. */
export interface HelpResource {
  readonly label: Label;
  readonly title: string;
  readonly text: string;
}

/** Region-neutral default help. Embedders replace it with local services through `helpResources`. */
export const DEFAULT_HELP: readonly HelpResource[] = [
  {
    label: 'self_harm',
    title: 'Talk to someone now',
    text: 'If you might act on these thoughts, call your local emergency number or a crisis line (for example 988 in the US, 116 123 in the UK and Ireland). Talking to someone you trust helps too.',
  },
  {
    label: 'grooming',
    title: 'You are not in trouble',
    text: 'Adults should not ask young people to keep secrets, send photos or meet up. Tell a parent, teacher or another adult you trust, and use block and report.',
  },
  {
    label: 'sextortion',
    title: 'Do not pay, and you are not alone',
    text: 'Stop replying, do not pay or send more, keep the messages as evidence, block and report. Services such as Take It Down (NCMEC) can help remove images shared of under-18s.',
  },
  {
    label: 'threat',
    title: 'If you feel unsafe',
    text: 'Keep the messages, tell someone you trust, and contact the police if you think you are in danger.',
  },
];
