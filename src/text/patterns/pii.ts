import type { Detector } from '../../engine/detector.js';
import type { Direction } from '../../engine/message.js';
import { createCueReader, cue, type CueReader } from './cue.js';
import { findCardNumber, hasPhoneNumber } from './pii-numbers.js';
import { buildResult, familyCodes, noisyOr, type Family } from './scoring.js';
import { createTextViewer, type TextView } from './text-view.js';

const family = (code: string, text: string): Family => ({ code, label: 'pii', text });

/** Reason codes and sentences for personal details. Outgoing is what matters; the sentence says why. */
export const PII_FAMILIES = {
  card: family('pii.card_number', 'This looks like a payment card number. Anyone who has it can spend money with it.'),
  code: family('pii.one_time_code', 'This looks like a one-time or PIN code. Codes like this unlock accounts, so keep them to yourself.'),
  password: family('pii.password', 'This looks like a password. Once it is shared, you cannot control who uses it.'),
  address: family('pii.address', 'This looks like a home address. Share where you live only with people you know in real life.'),
  phone: family('pii.phone_number', 'This looks like a phone number. Once shared, it can be passed on or used to contact you.'),
  homeAlone: family('pii.home_alone', 'This tells someone when you are home alone. Only share that with people you know and trust offline.'),
} as const satisfies Record<string, Family>;

// --- Cards ---------------------------------------------------------------------------------------

const CARD_CONTEXT = cue(
  '',
  /\b(?:card|visa|mastercard|master card|amex|debit|credit|expiry|exp|expires|cvv|cvc|cv2|long number|sort code)\b/u,
);
const CARD_SECURITY = cue(
  'cvv cvc cv2 security digits',
  /\b(?:cvv|cvc|cv2|security (?:code|number|digits)|3 digits on the back)\b[ :#=-]{0,3}(?:is )?\d{3,4}\b/iu,
  { on: 'both' },
);
const CARD_EXPIRY = cue(
  'exp valid end',
  /\b(?:exp(?:iry|ires|iration)?(?: date)?|valid (?:thru|through|until)|end date)\b[ :=-]{0,3}(?:0?[1-9]|1[0-2]) ?\/ ?(?:\d{2}|20\d{2})\b/iu,
  { on: 'both' },
);

function scoreCard(view: TextView, read: CueReader): number {
  if (view.digits < 3) return 0;
  const card = view.digits >= 13 ? findCardNumber(view.raw) : null;
  let score = card === 'network' ? 0.85 : card === 'checksum' ? 0.55 : 0;
  if (card && read(CARD_CONTEXT)) score = noisyOr(score, 0.6);
  if (read(CARD_SECURITY)) score = noisyOr(score, 0.7);
  if (read(CARD_EXPIRY)) score = noisyOr(score, card || read(CARD_CONTEXT) ? 0.5 : 0.15);
  return score;
}

// --- One-time codes and PINs ---------------------------------------------------------------------

/** Kinds of code that are not secrets: zip, promo, error, game-room codes and the like. */
const HARMLESS_CODE =
  '(?<!\\b(?:zip|post|postal|area|country|promo|promotion|discount|voucher|coupon|dress|source|error|status|qr|bar|morse|cheat|referral|invite|invitation|lobby|room|party|game|friend|class|course|module|tax|sort|swift|product|item|style|colour|color|booking|reference|tracking|order|flight|seat|discord|server|server invite) )';
/** "my code is 482913", "the code is 4829", "pin: 1234", "OTP 123-456". */
const CODE_WITH_DIGITS = cue(
  'code otp pin passcode',
  new RegExp(
    `\\b(?:(?:verification|verify|security|login|log-in|sign[- ]?in|one[- ]?time|otp|confirmation|auth(?:entication)?|2fa|access|sms|text|whatsapp|bank(?:ing)?|activation|card|door|gate|alarm|safe|phone|unlock|lock ?screen) )?(?=code|otp|pin|passcode)${HARMLESS_CODE}(?:code|otp|pin|passcode)(?: number)?(?:(?: [a-z']+){1,4} (?:is|was)|: | is|'s| was| =| -|:)?[ :=#-]{0,3}\\d{3}[ -]?\\d{1,5}\\b|\\b\\d{3}[ -]?\\d{1,5} (?:is|was) (?:my|the|your|ur) (?:[a-z]+ ){0,2}(?:code|otp|pin|passcode)\\b`,
    'iu',
  ),
  { on: 'both' },
);
/** Words that make a code a secret for certain: it is a login, a PIN, "mine". */
const SECRET_CODE_CONTEXT = cue(
  '',
  /\b(?:my (?:[a-z]+ )?(?:code|otp|pin|passcode)|(?:verification|verify|security|login|log-in|sign[- ]?in|one[- ]?time|confirmation|auth(?:entication)?|2fa|sms|whatsapp|bank(?:ing)?|activation|card) (?:code|pin)|\botp\b|\bpin\b)/u,
);
/** How services word their own code messages. */
const SERVICE_CODE = cue(
  '',
  /\b(?:do not|don'?t|never) (?:share|give|tell|disclose|forward)\b|\bwill never (?:ask|call)\b|\b(?:valid|expires?) (?:for|in)\b|\b(?:your|ur) (?:[a-z-]+ ){0,2}(?:code|otp|pin|passcode)\b|\bis your (?:[a-z-]+ ){0,2}(?:code|otp|pin|passcode)\b/u,
);

function scoreCode(view: TextView, read: CueReader, direction: Direction): number {
  if (view.digits < 4 || !read(CODE_WITH_DIGITS)) return 0;
  const secret = read(SECRET_CODE_CONTEXT);
  const service = read(SERVICE_CODE);
  // A service sending the user their own code is not a disclosure; the same text going out is one.
  if (direction === 'incoming' && service) return 0.15;
  if (direction === 'outgoing' && service) return 0.9;
  return secret ? 0.8 : 0.6;
}

// --- Passwords -----------------------------------------------------------------------------------

/** Words that follow "my password is" when it is described rather than given. */
const NOT_A_PASSWORD =
  'is|was|wrong|incorrect|invalid|not|too|so|very|really|the|a|an|same|expired|weak|strong|hard|easy|long|short|changed|reset|forgotten|saved|stored|on|in|at|under|written|stuck|somewhere|still|literally|just|like|what|ok|okay|fine|good|bad|correct|right|safe|secure|case|required|needed|different|also|now|probably|something|your|my|his|her|their|our|it|this|that|and|but|or|if|for|to|of|with|from|there|here|being|getting|saying|asking|always|never|definitely|basically';
const PASSWORD = cue(
  'pass pw',
  new RegExp(
    `\\b(?=pass|pw)(?<!\\b(?:boarding|bus|season|day|hall|backstage|festival|train|travel) )(?:password|passwd|pass word|pwd|pw|passw)(?: for (?:[a-z]+ ){1,3}(?:is|was)| is|'s| was| =| -|:|=)[ :=]{0,3}(?!(?:${NOT_A_PASSWORD})\\b)[^\\s?!.,]{3,}`,
    'u',
  ),
);
const CREDENTIAL_PAIR = cue(
  'pass pw',
  /\b(?:user(?: ?name)?|login|email|e-mail|username|id)\b[ :=-]{1,3}\S+[^.!?\n]{0,20}\b(?:pass(?:word)?|pw|pwd)\b[ :=-]{1,3}\S+/u,
);

function scorePassword(read: CueReader): number {
  const password = read(PASSWORD);
  const pair = read(CREDENTIAL_PAIR);
  if (pair) return 0.9;
  return password ? 0.8 : 0;
}

// --- Addresses -----------------------------------------------------------------------------------

/** A house number, one to three capitalised name words, and a street word, as typed. */
const STREET_TITLE = cue(
  'street st road rd avenue ave lane ln drive dr close court ct crescent cres place pl way terrace grove gardens boulevard blvd parkway square sq highway hwy circle mews row walk hill view rise strasse straat weg laan',
  /\b\d{1,5}[A-Za-z]?,? (?:[A-Z][a-z'-]+ ){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Court|Ct|Crescent|Cres|Place|Pl|Way|Terrace|Grove|Gardens|Boulevard|Blvd|Parkway|Square|Sq|Highway|Hwy|Circle|Mews|Row|Walk|Hill|View|Rise|Strasse|Straße|Straat|Weg|Laan)\b/u,
  { on: 'raw' },
);
/** The same in lower case; name words exclude counts and function words ("5 miles down the road"). */
const STREET_ANY = cue(
  'street st road rd avenue ave lane ln drive dr close court crescent cres place terrace grove gardens boulevard blvd parkway square highway hwy circle mews strasse straat weg laan rue via calle',
  /\b\d{1,5}[a-z]?,? (?:(?!(?:the|a|an|of|to|down|up|along|across|on|in|at|from|and|or|my|your|our|their|his|her|this|that|miles?|mins?|minutes?|km|kms|blocks?|houses?|doors?|steps?|times?|hours?|hrs?|days?|weeks?|years?|people|kids|more|other|new|old|different|big|small|little|few|many|lanes?|roads?|streets?|fps|way)\b)[a-z][a-z'-]*,? ){1,3}(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|close|court|crescent|cres|place|terrace|grove|gardens|boulevard|blvd|parkway|square|highway|hwy|circle|mews|strasse|straße|straat|weg|laan|rue|via|calle)\b/u,
);
const ADDRESS_CONTEXT = cue(
  '',
  /\b(?:i live|we live|i'?m living|live at|address|my house|our house|my place|our place|my flat|my apartment|my home|home is|come (?:over |round )?to|pick (?:me|us) up (?:at|from)|i'?m at|we'?re at|staying at|drop (?:it |them )?(?:off )?at|deliver (?:it )?to|send (?:it|them) to|meet (?:me|us) at|postcode|post code|zip)\b/u,
);
/** UK postcodes (case as typed), US "City, ST 12345", and continental "12345 City" / Dutch "1234 AB". */
const POSTCODE_UK = cue('', /\b[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}\b/u, { on: 'raw' });
const POSTCODE_US = cue('', /\b[A-Z][a-z]+,? [A-Z]{2} \d{5}(?:-\d{4})?\b/u, { on: 'raw' });
const POSTCODE_EU = cue('', /\b(?:\d{5} [A-Z][a-zäöüéèàß]+|\d{4} ?[A-Z]{2})\b/u, { on: 'raw' });

function scoreAddress(view: TextView, read: CueReader): number {
  if (view.digits === 0) return 0;
  const title = read(STREET_TITLE);
  const street = title || read(STREET_ANY);
  const ukOrUs = view.digits >= 2 && (read(POSTCODE_UK) || read(POSTCODE_US));
  const postcode = ukOrUs || (view.digits >= 4 && read(POSTCODE_EU));
  if (!street && !postcode) return 0;
  const context = read(ADDRESS_CONTEXT);
  let score = 0;
  if (street) score = title ? (context ? 0.85 : 0.6) : context ? 0.7 : 0.3;
  if (postcode) {
    if (street) score = noisyOr(score, 0.6);
    else if (ukOrUs) score = noisyOr(score, context ? 0.65 : 0.35);
    else score = noisyOr(score, context ? 0.3 : 0.05);
  }
  return score;
}

// --- Phone numbers -------------------------------------------------------------------------------

const PHONE_CONTEXT = cue(
  '',
  /\b(?:my (?:new )?(?:number|phone number|mobile|mobile number|cell|cell number|digits|no\.?)|call me|text me|ring me|whatsapp me|reach me|contact me|hit me up|here'?s my|(?:number|phone|mobile|cell) is)\b/u,
);

function scorePhone(view: TextView, read: CueReader): number {
  if (view.digits < 10 || !hasPhoneNumber(view.raw)) return 0;
  return read(PHONE_CONTEXT) ? 0.8 : 0.5;
}

// --- Home alone ----------------------------------------------------------------------------------

const HOME_ALONE = cue(
  'home alone parent mum mom dad folks family carer nobody no house place flat',
  /\b(?:home alone|(?:my )?(?:parents|mum|mom|dad|mum and dad|mom and dad|folks|family|carers?)(?: are| is|'re|'s| will be| won'?t be| are gonna be) (?:away|out|gone|not (?:home|back|in)|at work|on holiday|on vacation|working (?:late|nights)|out of town|abroad)|nobody(?:'s| is| will be) (?:home|in|here|around)|no ?one(?:'s| is| will be) (?:home|in|here|around)|(?:house|place|flat) to myself|(?:have|got|having) the (?:house|place|flat) to (?:myself|ourselves))\b/u,
);
const ALONE_AT_HOME = cue(
  'alone myself own just',
  /\b(?:i'?m|im|i am|i'?ll be|ill be|i will be) (?:home |at home )?(?:all )?(?:alone|by myself|on my own)\b[^.!?\n]{0,30}\b(?:home|house|flat|apartment|mine|my place)\b|\b(?:alone|by myself|on my own|just me) (?:at home|at mine|in the house|in the flat)\b/u,
);
const WHEN = cue(
  '',
  /\b(?:tonight|this (?:evening|weekend|afternoon|morning)|tomorrow|till|until|after school|after \d+|from \d+|at \d+|\d{1,2} ?(?:am|pm)|\d{1,2}[:.]\d{2}|o'?clock|all (?:day|night|weekend)|(?:mon|tues|wednes|thurs|fri|satur|sun)day|for (?:the|a) (?:week|weekend|night|few hours))\b/u,
);
const INVITE = cue(
  '',
  /\b(?:come (?:over|round|around)|you can come|wanna come|want to come|door (?:is|will be) (?:open|unlocked)|key(?:'s| is)? under)\b/u,
);
/** The film, not the situation. */
const FILM = cue(
  '',
  /\bhome alone (?:\d+|ii|is on)\b|\b(?:watch(?:ing|ed)?|movie|film|macaulay|kevin|christmas film|christmas movie|on (?:tv|telly|netflix|disney\+?|sky))\b/u,
);

function scoreHomeAlone(read: CueReader, address: number): number {
  const strong = read(HOME_ALONE);
  if (!strong && !read(ALONE_AT_HOME)) return 0;
  if (read(FILM)) return 0.05;
  let score = 0.3;
  if (read(WHEN)) score = noisyOr(score, 0.35);
  if (read(INVITE)) score = noisyOr(score, 0.4);
  if (address >= 0.3) score = noisyOr(score, 0.7);
  return score;
}

/**
 * Creates the personal-details detector (`patterns-pii`, label `pii`): card numbers (Luhn-checked),
 * one-time codes and PINs, passwords, home addresses and postcodes, phone numbers and "home alone".
 *
 * Numbers are read on the raw text. It scores both directions and the policy decides (outgoing asks
 * to confirm); the one exception is a service's own code message arriving, which is not a disclosure.
 *
 * @param view - shares one normalisation between the pattern detectors. @defaultValue a fresh viewer
 * @example
 * createPiiDetector().detect({ message, text: 'my code is 482913', direction: 'outgoing' });
 */
export function createPiiDetector(view: (text: string) => TextView = createTextViewer()): Detector {
  return {
    id: 'patterns-pii',
    version: '1.0.0',
    labels: ['pii'],
    reasonCodes: familyCodes(PII_FAMILIES),
    detect({ text, direction }) {
      const textView = view(text);
      const read = createCueReader(textView);
      const address = scoreAddress(textView, read);
      return buildResult(
        'pii',
        [
          { family: PII_FAMILIES.card, score: scoreCard(textView, read) },
          { family: PII_FAMILIES.code, score: scoreCode(textView, read, direction) },
          { family: PII_FAMILIES.password, score: scorePassword(read) },
          { family: PII_FAMILIES.address, score: address },
          { family: PII_FAMILIES.phone, score: scorePhone(textView, read) },
          { family: PII_FAMILIES.homeAlone, score: scoreHomeAlone(read, address) },
        ],
        direction,
      );
    },
  };
}
