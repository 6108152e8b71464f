import type { Detector } from '../../engine/detector.js';
import type { Direction } from '../../engine/message.js';
import { createCueReader, cue, type CueReader } from './cue.js';
import { findCardDetails, hasIban, hasPhoneNumber } from './pii-numbers.js';
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
  bank: family('pii.bank_details', 'This looks like bank account details. Someone who has them can take money or pretend to be you.'),
  idNumber: family('pii.id_number', 'This looks like an ID number, like a passport or social security number. It can be used to pretend to be you.'),
} as const satisfies Record<string, Family>;

// --- Cards ---------------------------------------------------------------------------------------

const CARD_CONTEXT = cue(
  '',
  /\b(?:card|visa|mastercard|master card|amex|debit|credit|expiry|exp|expires|cvv|cvc|cv2|long number|sort code)\b/u,
);
/** Other long numbers that carry the same Luhn checksum or are read out like one: a phone's IMEI, a serial. */
const NOT_A_CARD_NUMBER = cue(
  'imei serial barcode isbn tracking order',
  /\b(?:imei|serial(?: number| no)?|barcode|isbn|tracking(?: number| no)?|order(?: number| no)?)\b/u,
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
  const { card, trailer } = view.digits >= 13 ? findCardDetails(view.raw) : { card: null, trailer: false };
  let score = card === 'network' ? 0.85 : card === 'checksum' ? 0.55 : 0;
  // A number that only passes the checksum, named as something else: an IMEI is Luhn-checked too.
  if (card === 'checksum' && !read(CARD_CONTEXT) && read(NOT_A_CARD_NUMBER)) score = 0;
  if (card && read(CARD_CONTEXT)) score = noisyOr(score, 0.6);
  // An expiry or CVV typed right after it: the whole card, copied off the plastic, with no card words.
  if (card && trailer) score = noisyOr(score, 0.5);
  if (read(CARD_SECURITY)) score = noisyOr(score, 0.7);
  if (read(CARD_EXPIRY)) score = noisyOr(score, card || read(CARD_CONTEXT) ? 0.5 : 0.15);
  return score;
}

// --- One-time codes and PINs ---------------------------------------------------------------------

/** Kinds of code that are not secrets: zip, promo, error, game-room codes and the like. */
const HARMLESS_KINDS =
  'zip|post|postal|area|country|promo|promotion|discount|voucher|coupon|dress|source|error|status|qr|bar|morse|cheat|referral|invite|invitation|lobby|room|party|game|friend|class|course|module|tax|sort|swift|product|item|style|colour|color|booking|reference|tracking|order|flight|seat|discord|server|server invite';
/** Said just before the code word: "promo code 2024". */
const HARMLESS_CODE = `(?<!\\b(?:${HARMLESS_KINDS}) )`;
/** Words between the code word and its digits, none of them a harmless kind: "the code for my insta is". */
const CODE_BRIDGE = `(?: (?!(?:${HARMLESS_KINDS})\\b)[a-z']+){1,4} (?:is|was)`;
/** How people type a code: "482913", "482 913", "482-913", "48 29 13", or digit by digit "4 8 2 9 1 3". */
const CODE_DIGITS = '(?:\\d(?: \\d){3,7}|\\d{2}[ -]\\d{2}[ -]\\d{2}|\\d{3}[ -]?\\d{1,5})\\b';
/** "my code is 482913", "the code is 4829", "pin: 1234", "OTP 123-456", "the code? it's 120 554". */
const CODE_WITH_DIGITS = cue(
  'code otp pin passcode',
  new RegExp(
    `\\b(?:(?:verification|verify|security|login|log-in|sign[- ]?in|one[- ]?time|otp|confirmation|auth(?:entication)?|2fa|access|sms|text|whatsapp|bank(?:ing)?|activation|card|door|gate|alarm|safe|phone|unlock|lock ?screen) )?(?=code|otp|pin|passcode)${HARMLESS_CODE}(?:code|otp|pin|passcode)(?: number)?(?:${CODE_BRIDGE}|[?!.,]* (?:it'?s|its|it is)|: | is|'s| was| =| -|:)?[ :=#-]{0,3}${CODE_DIGITS}|\\b\\d{3}[ -]?\\d{1,5} (?:is|was) (?:my|the|your|ur) (?:[a-z]+ ){0,2}(?:code|otp|pin|passcode)\\b`,
    'iu',
  ),
  { on: 'both' },
);
/**
 * A code passed on without the word "code", as a reply about a text just received: "they just texted
 * me 492018", "got a text with 771 394". The number must end the clause, or run into a word like "is"
 * or "pls" (a code, not "sent me 5000 robux"); an ungrouped run needs 5–8 digits (four alone is as
 * likely a price or a score), and a round number ending in 00 is an amount, not a code.
 */
const RECEIVED_CODE = cue(
  'texted sent messaged msged emailed dm got received came',
  /\b(?:(?:texted|sent|messaged|msged|emailed|dmed|dm'?d) (?:me|us|it)(?: (?:this|it|one|a text|a message))?|(?:got|received) (?:a|the|this|their|an) (?:text|message|sms|email)(?: (?:back|from [a-z]+))?(?: (?:saying|that says|with|and it says))?|came through)[ :,-]{0,3}(?:\d(?: \d){3,7}|\d{2}[ -]\d{2}[ -]\d{2}|\d{3}[ -]\d{3,4}|\d{5,8})(?<!00)(?!\d|[/.,:%]\d| ?[£$€%]| ?(?!(?:is|if|lol|x|pls|please|quick|hurry|now|rn|just|that|thanks|thx|ty)\b)[a-z])/iu,
  { on: 'both' },
);
/** Asking whether the number just passed on is the one wanted: a reply to "send me the code". */
const OFFERED_AS_REQUESTED = cue(
  'is this that here',
  /\b(?:is (?:this|that|it) the (?:one|right one|right number|number)|is (?:this|that) it|(?:this|that)(?:'s| is) the one|here it is|here you go)\b/u,
);
/** Words that make a code a secret for certain: it is a login, a PIN, "mine". */
const SECRET_CODE_CONTEXT = cue(
  '',
  /\b(?:my (?:[a-z]+ )?(?:code|otp|pin|passcode)|(?:verification|verify|security|login|log-in|sign[- ]?in|one[- ]?time|confirmation|auth(?:entication)?|2fa|sms|whatsapp|bank(?:ing)?|activation|card) (?:code|pin|passcode)|\botp\b|\bpin\b)/u,
);
/** How services word their own code messages. */
const SERVICE_CODE = cue(
  '',
  /\b(?:do not|don'?t|never) (?:share|give|tell|disclose|forward)\b|\bwill never (?:ask|call)\b|\b(?:valid|expires?) (?:for|in)\b|\b(?:your|ur) (?:[a-z-]+ ){0,2}(?:code|otp|pin|passcode)\b|\bis your (?:[a-z-]+ ){0,2}(?:code|otp|pin|passcode)\b/u,
);

function scoreCode(view: TextView, read: CueReader, direction: Direction): number {
  if (view.digits < 4) return 0;
  const named = read(CODE_WITH_DIGITS);
  const received = read(RECEIVED_CODE);
  if (!named && !received) return 0;
  const service = read(SERVICE_CODE);
  // A service sending the user their own code is not a disclosure; the same text going out is one.
  if (direction === 'incoming' && service) return 0.15;
  if (direction === 'outgoing' && service) return 0.9;
  let score = 0;
  if (named) score = read(SECRET_CODE_CONTEXT) ? 0.8 : 0.6;
  if (received) score = Math.max(score, read(OFFERED_AS_REQUESTED) ? 0.8 : 0.6);
  return score;
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

/**
 * One to three words naming a street, in lower case. Counts and function words are not names
 * ("5 miles down the road", "on the same street").
 */
const STREET_NAME =
  "(?:(?!(?:the|a|an|of|to|down|up|along|across|on|in|at|from|and|or|my|your|our|their|his|her|this|that|miles?|mins?|minutes?|km|kms|blocks?|houses?|doors?|steps?|times?|hours?|hrs?|days?|weeks?|years?|people|kids|more|other|new|old|different|big|small|little|few|many|lanes?|roads?|streets?|fps|way|same)\\b)[a-z][a-z'-]*,? ){1,3}";
/** A house number, one to three capitalised name words, and a street word, as typed. */
const STREET_TITLE = cue(
  'street st road rd avenue ave lane ln drive dr close court ct crescent cres place pl way terrace grove gardens boulevard blvd parkway square sq highway hwy circle mews row walk hill view rise strasse straat weg laan',
  /\b\d{1,5}[A-Za-z]?,? (?:[A-Z][a-z'-]+ ){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Court|Ct|Crescent|Cres|Place|Pl|Way|Terrace|Grove|Gardens|Boulevard|Blvd|Parkway|Square|Sq|Highway|Hwy|Circle|Mews|Row|Walk|Hill|View|Rise|Strasse|Straße|Straat|Weg|Laan)\b/u,
  { on: 'raw' },
);
/** The same in lower case; name words exclude counts and function words ("5 miles down the road"). */
const STREET_ANY = cue(
  'street st road rd avenue ave lane ln drive dr close court crescent cres place terrace grove gardens boulevard blvd parkway square highway hwy circle mews strasse straat weg laan rue via calle',
  new RegExp(
    `\\b\\d{1,5}[a-z]?,? ${STREET_NAME}(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|close|court|crescent|cres|place|terrace|grove|gardens|boulevard|blvd|parkway|square|highway|hwy|circle|mews|strasse|straße|straat|weg|laan|rue|via|calle)\\b`,
    'u',
  ),
);
/** The house number said after the street: "Harrow Lane, number 12", "Kings Road no. 4". */
const STREET_THEN_NUMBER = cue(
  'street st road rd avenue ave lane ln drive dr close court crescent cres place terrace grove gardens boulevard blvd parkway square highway hwy circle mews',
  new RegExp(
    `\\b${STREET_NAME}(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|close|court|crescent|cres|place|terrace|grove|gardens|boulevard|blvd|parkway|square|highway|hwy|circle|mews)[ ,]{1,3}(?:house )?(?:number|no\\.?|num|#) ?\\d{1,4}[a-z]?\\b`,
    'u',
  ),
);
/** A named street someone lives on, without the house number: "I live on Harrow Lane". */
const LIVES_ON_STREET = cue(
  'live lives living stay staying',
  new RegExp(
    `\\b(?:live|lives|living|stay|staying) (?:on|in|off) ${STREET_NAME}(?:street|road|lane|avenue|drive|close|court|crescent|place|terrace|grove|gardens|boulevard|square|mews)\\b(?! (?:to|by|from)\\b)`,
    'u',
  ),
);
/**
 * Which school someone goes to: "in year 9 at St Mary's", "I go to Oakfield Academy". Next to their
 * street it says where a child can be found every weekday.
 */
const SCHOOL = cue(
  'year yr grade form go school',
  /\b(?:(?:year|yr|grade|form) \d{1,2} at (?!(?:the|a|home|school|lunch|break|night|work|the moment)\b)[a-z]|(?:go|goes|going) to (?:(?!(?:the|a|an|my|your|his|her|their|our|that|this|same|different|another|big|new)\b)[a-z][a-z'.-]*,? ){1,3}(?:school|academy|high|primary|secondary|college|grammar|middle|elementary|prep)\b|(?:my|our) school is (?!(?:so|too|very|really|closed|shut|boring|rubbish|the|a|an|in|on|off|over|out|done|finished|fine|ok|okay|good|bad|big|small)\b)[a-z])/u,
);
const ADDRESS_CONTEXT = cue(
  '',
  /\b(?:i live|we live|i'?m living|live at|address|my house|our house|my place|our place|my flat|my apartment|my home|home is|come (?:over |round )?to|pick (?:me|us) up (?:at|from)|i'?m at|we'?re at|staying at|drop (?:it |them )?(?:off )?at|deliver (?:it )?to|send (?:it|them) to|meet (?:me|us) at|postcode|post code|zip|the (?:one|house) with the (?:[a-z]+ )?(?:door|gate|fence|hedge|car|van|garden|porch|windows?|bins?|tree))\b/u,
);
/**
 * A public place's address is on its website: "the postcode for the museum is SW7 2DD". Without
 * someone saying it is their home, a place word keeps an address low.
 */
const PUBLIC_PLACE = cue(
  'museum stadium leisure library station hospital cinema venue arena theatre theater airport zoo clinic surgery dentist shop store restaurant cafe hotel gym pool church mosque temple synagogue town shopping mall post office park',
  /\bthe (?:museum|stadium|leisure cent(?:re|er)|library|(?:train |bus |tube )?station|hospital|cinema|venue|arena|theat(?:re|er)|airport|zoo|clinic|surgery|dentist|shop|store|restaurant|cafe|hotel|gym|(?:swimming )?pool|church|mosque|temple|synagogue|town hall|shopping cent(?:re|er)|mall|post office|office|park)\b/u,
);
/** Someone saying the address is where they live or can be found. */
const HOME_CONTEXT = cue(
  '',
  /\b(?:i live|we live|i'?m living|live at|(?:my|our) (?:house|place|flat|apartment|home|address|postcode|post code|zip)|home is|come (?:over |round )?to|pick (?:me|us) up|i'?m at|we'?re at|staying at)\b/u,
);
/** UK postcodes (case as typed), US "City, ST 12345", and continental "12345 City" / Dutch "1234 AB". */
const POSTCODE_UK = cue('', /\b[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}\b/u, { on: 'raw' });
const POSTCODE_US = cue('', /\b[A-Z][a-z]+,? [A-Z]{2} \d{5}(?:-\d{4})?\b/u, { on: 'raw' });
const POSTCODE_EU = cue('', /\b(?:\d{5} [A-Z][a-zäöüéèàß]+|\d{4} ?[A-Z]{2})\b/u, { on: 'raw' });

function scoreAddress(view: TextView, read: CueReader): number {
  const livesOnStreet = read(LIVES_ON_STREET);
  if (view.digits === 0 && !livesOnStreet) return 0;
  const title = view.digits > 0 && read(STREET_TITLE);
  const street = title || (view.digits > 0 && (read(STREET_ANY) || read(STREET_THEN_NUMBER)));
  const ukOrUs = view.digits >= 2 && (read(POSTCODE_UK) || read(POSTCODE_US));
  const postcode = ukOrUs || (view.digits >= 4 && read(POSTCODE_EU));
  if (!street && !postcode && !livesOnStreet) return 0;
  const context = read(ADDRESS_CONTEXT);
  let score = 0;
  if (street) score = title ? (context ? 0.85 : 0.6) : context ? 0.7 : 0.3;
  else if (livesOnStreet) score = 0.3; // the street without the house: narrows it down, no more
  if (postcode) {
    if (street) score = noisyOr(score, 0.6);
    else if (ukOrUs) score = noisyOr(score, context ? 0.65 : 0.35);
    else score = noisyOr(score, context ? 0.3 : 0.05);
  }
  // A street next to a school says where a child can be found, before school and after.
  if ((street || livesOnStreet) && read(SCHOOL)) score = noisyOr(score, 0.45);
  if (read(PUBLIC_PLACE) && !read(HOME_CONTEXT)) score = Math.min(score, 0.35);
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

// --- Bank details --------------------------------------------------------------------------------

/** A UK sort code, named: "sort code 20-00-00". Alone it names a bank branch, not an account. */
const SORT_CODE = cue('sort', /\bsort ?code(?: is|:|'s)?[ :#-]{0,3}\d{2}[ -]?\d{2}[ -]?\d{2}\b/iu, { on: 'both' });
/** A US routing number, named. Like a sort code, it is printed on every cheque of the bank. */
const ROUTING_NUMBER = cue(
  'routing aba',
  /\b(?:routing|aba)(?: (?:number|no\.?|num|#))?(?: is|:|'s)?[ :#-]{0,3}\d{9}\b/iu,
  { on: 'both' },
);
/** An account number, named: "account 12345678", "acc no: 31926819". */
const ACCOUNT_NUMBER = cue(
  'acc acct account',
  /\b(?:account|acct|acc)(?: (?:number|no\.?|num|#))?(?: (?:is|was)|:|'s| -)?[ :#-]{0,3}\d{6,17}\b/iu,
  { on: 'both' },
);
/** The pair as UK banks print it, with no words: "20-00-00 12345678". */
const SORT_CODE_THEN_ACCOUNT = cue('', /(?<![\d-])\d{2}-\d{2}-\d{2}[ ,;/]{1,3}\d{8}(?!\d)/u, { on: 'raw' });
const BANK_CONTEXT = cue(
  'bank iban sort routing swift bic transfer monzo revolut starling barclays natwest lloyds hsbc santander halifax',
  /\b(?:bank(?:ing)?|iban|sort ?code|routing|swift|bic|transfer|monzo|revolut|starling|barclays|natwest|lloyds|hsbc|santander|halifax)\b/u,
);

function scoreBank(view: TextView, read: CueReader): number {
  if (view.digits < 6) return 0;
  const account = read(ACCOUNT_NUMBER);
  const branch = read(SORT_CODE) || read(ROUTING_NUMBER);
  let score = 0;
  if (account && branch) score = 0.9;
  else if (read(SORT_CODE_THEN_ACCOUNT)) score = read(BANK_CONTEXT) ? 0.75 : 0.4; // or a date and an order number
  else if (account) score = read(BANK_CONTEXT) ? 0.6 : 0.3; // a game or shop account has a number too
  else if (branch) score = 0.3;
  if (view.digits >= 8 && hasIban(view.raw)) score = noisyOr(score, read(BANK_CONTEXT) ? 0.85 : 0.7);
  return score;
}

// --- ID numbers ----------------------------------------------------------------------------------

/**
 * A US Social Security number, named, in its 3-2-4 shape (phone numbers are 3-3-4, dates 2-2-4).
 * Numbers the SSA never issues (area 000, 666 or 9xx, group 00, serial 0000) are left out.
 */
const SOCIAL_SECURITY_NUMBER = cue(
  'ssn social',
  /\b(?:ssn|social security(?: number| no\.?| #)?|social)(?: (?:is|was)|:|'s| -| #)?[ :#-]{0,3}(?!000|666|9)(?!\d{3}[ -]?00)(?!\d{3}[ -]?\d{2}[ -]?0000)(?:\d{3}-\d{2}-\d{4}|\d{3} \d{2} \d{4}|\d{9})\b/iu,
  { on: 'both' },
);
/** A UK National Insurance number, named: two letters HMRC issues, six digits, A–D ("AB 12 34 56 C"). */
const NATIONAL_INSURANCE_NUMBER = cue(
  'national ni nino',
  /\b(?:national insurance|ni|nino)(?: (?:number|no\.?|num))?(?: (?:is|was)|:|'s| -)?[ :#-]{0,3}(?!bg|gb|kn|nk|nt|tn|zz)[abceghj-prstw-z][abceghj-nprstw-z] ?\d{2} ?\d{2} ?\d{2} ?[a-d]\b/iu,
  { on: 'both' },
);
/** A passport number, named: six to nine digits, perhaps after one or two letters. */
const PASSPORT_NUMBER = cue(
  'passport',
  /\bpassport(?: (?:number|no\.?|num|#))?(?: (?:is|was)|:|'s| -)?[ :#-]{0,3}[a-z]{0,2}\d{6,9}\b/iu,
  { on: 'both' },
);
/** A full date of birth: next to an ID number, it is what identity thieves ask for. */
const DATE_OF_BIRTH = cue(
  'dob date born birthday bday',
  /\b(?:dob|date of birth|born(?: on)?|birthday(?: is)?|bday(?: is)?)[ :,-]{0,3}\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}\b/iu,
  { on: 'both' },
);

function scoreIdNumber(view: TextView, read: CueReader): number {
  if (view.digits < 6) return 0;
  let score = 0;
  if (read(SOCIAL_SECURITY_NUMBER) || read(NATIONAL_INSURANCE_NUMBER)) score = 0.85;
  else if (read(PASSPORT_NUMBER)) score = 0.7;
  if (score > 0 && read(DATE_OF_BIRTH)) score = noisyOr(score, 0.5);
  return score;
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
 * one-time codes and PINs, passwords, home addresses and postcodes, phone numbers, "home alone", bank
 * account details (sort code or routing number with the account, checksum-valid IBANs) and ID
 * numbers (social security, National Insurance, passport).
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
          { family: PII_FAMILIES.bank, score: scoreBank(textView, read) },
          { family: PII_FAMILIES.idNumber, score: scoreIdNumber(textView, read) },
        ],
        direction,
      );
    },
  };
}
