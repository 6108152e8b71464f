/**
 * The modern scam families. Public spam corpora predate all of them (see the data set caveats), so
 * each is an explicit rule: a gate cue that must be present, then combinations that raise the score.
 * A single weak cue scores under 0.3; the 0.5 operating point needs the family's core combination
 * (for example a parcel, a fee and a link). Scores are noisy-OR combinations of the cues' weights.
 */
import { MONEY_AMOUNT, SECRECY } from './cues.js';
import { cue, type CueReader } from './cue.js';
import { noisyOr, type Family, type PatternRule } from './scoring.js';
import { scoreAccountLure } from './scam-account-lures.js';
import { scoreCrypto, scoreJob } from './scam-earning-rules.js';
import { scoreOverpaymentDeposit, scoreUpfrontFee } from './scam-payment-rules.js';

const family = (code: string, text: string): Family => ({ code, label: 'scam', text });

/** Reason codes and sentences, one per family. Plain words for a teenager; never quoting the message. */
export const SCAM_FAMILIES = {
  otp: family('scam.otp_request', 'Real banks and apps never ask you to pass on a login code or password. Anyone who gets it can take over the account.'),
  parcel: family('scam.parcel_fee', 'Delivery firms, toll roads and tax offices do not text a link asking for a small fee. Check in their official app or website instead.'),
  familyImpersonation: family('scam.family_impersonation', 'Scammers pretend to be a family member with a "new number" and then ask for money. Call them on the number you already know to check.'),
  giftCard: family('scam.gift_card', 'Nobody genuine asks to be paid in gift cards or for the numbers on the back. Once they are shared, the money is gone.'),
  crypto: family('scam.crypto_investment', 'Promises of guaranteed or daily profits are a classic investment scam. Real investments can lose money.'),
  wrongNumber: family('scam.wrong_number_opener', 'A stranger who "texts the wrong number" and then wants to chat is a common way long scams begin.'),
  job: family('scam.job_task', 'Jobs that pay for likes, reviews or "simple tasks" are a known trick: they pay a little at first, then ask you to pay in.'),
  romance: family('scam.romance_money', 'Someone met online asking for money, often with a sad story or a trip to meet you, is a common romance scam.'),
  techSupport: family('scam.tech_support', 'Companies do not message out of the blue about viruses, locked accounts or failed payments and ask you to call, log in through a link, install an app or move money.'),
  prize: family('scam.prize', 'Real prizes never ask for a fee or your details to claim them. If you did not enter, you did not win.'),
  overpaymentDeposit: family('scam.overpayment_deposit', 'Buyers who pay too much and want the difference back, and landlords or sellers who want money before you have seen the place or the item, are common scams. Wait until you have seen it and the money has really arrived.'),
  upfrontFee: family('scam.upfront_fee', 'Nobody genuine makes you pay a fee first to release a loan, your profits or money you lost. Once you pay, another fee follows and the money never comes.'),
  accountLure: family('scam.account_lure', 'Messages about a video of you with a link, or about your account being reported and an admin who can fix it, are tricks to take over accounts. Check in the app itself and do not click or message them.'),
} as const satisfies Record<string, Family>;

// --- OTP and login theft -------------------------------------------------------------------------

/** Terms that only mean a one-time or login code (not a zip, promo, door or game code). */
const OTP_TERM = cue(
  'otp one code pin number',
  /\b(?:otp|one[- ]?time (?:pass(?:word|code)?|code|pin)|(?:verification|verify|security|login|log-in|sign[- ]?in|confirmation|auth(?:entication)?|activation|whatsapp|sms|bank(?:ing)?|2fa|two[- ]factor) (?:code|pin|number)|\d[- ]?digit (?:code|pin|number)|(?:four|five|six|eight)[- ]digit (?:code|pin|number))\b/u,
);
/** A request with a recipient ("send me", "read it back to me") followed closely by a code. */
const ASK_FOR_CODE = cue(
  'code otp pin passcode number digits',
  /\b(?:send|give|tell|read|forward|pass|text|share|screenshot|say|type|dm|message|drop|paste|post)(?: (?:it|them|that|this))?(?: (?:back|over|out|across))?(?: to)? (?:me|us)\b(?: back| out| over)?[^.!?\n]{0,30}?\b(?:code|otp|pin|passcode|number)s?\b|\bread (?:me |us )?(?:out |back )?(?:the |that |this |your |ur )?(?:\w+[- ])?(?:code|otp|pin|digits)\b|\bwhat(?:'s| is| was) (?:the|that|your|ur) (?:code|otp|pin|number)\b|\breply (?:with|back with) (?:the|that|your|ur|a) (?:\w+[- ])?(?:code|otp|pin|passcode|number)\b/u,
);
/** "Send it back to me", "screenshot it", "send it here": asks that point at a code mentioned earlier. */
const ASK_FOR_IT = cue(
  'send forward screenshot text give pass read paste post drop',
  /\b(?:send|forward|screenshot|text|give|pass|read)(?: it| that| them)(?: (?:back|over|out))?(?: to)? (?:me|us)\b|\bscreenshot it\b|\b(?:send|forward|text|paste|post|drop) (?:it|that|them) (?:in )?(?:here|to this (?:number|chat))\b/u,
);
/** A generic "code" that is not a known harmless kind (zip, promo, dress, door, wifi, game room). */
const PLAIN_CODE = cue(
  'code otp passcode',
  /\b(?=code|otp|passcode)(?<!\b(?:zip|post|postal|area|country|promo|promotion|discount|voucher|coupon|dress|source|error|qr|bar|morse|cheat|referral|invite|invitation|lobby|room|party|game|friend|class|course|door|gate|wifi|lock|locker|colour|color|tax|sort|swift|access|entry|alarm|building|key|safe|ticket|booking|reference|tracking|gift) )(?:code|otp|passcode)\b/u,
);
/**
 * The code "you just got", "we've just texted you", "sent to your phone", "sent you by mistake", "I'm
 * going to send a code to your phone": the OTP-theft script, from a "friend" or a fake fraud team.
 */
const CODE_YOU_GOT = cue(
  'code otp pin passcode text sms message number verification',
  /\b(?:code|otp|pin|passcode|text|sms|message|number)s? (?:that |which )?(?:you|u) (?:just )?(?:got|get|received|receive|will (?:get|receive))\b|\b(?:sent|texted|went) (?:my|a|the) (?:\w+ )?code to (?:you|u|your|ur)\b|\b(?:i'?m|im|i am|i'?ll|i will) (?:gonna |going to |about to )?send (?:you |u )?a (?:\w+ )?code to (?:your|ur) (?:phone|number|mobile)\b|\b(?:code|otp|text|sms)s? (?:that |which )?(?:was |were |i |we |they |i got |got |has been |have been )?(?:just )?(?:sent|went|came) (?:to )?(?:you|u|your|ur)\b|\b(?:code|otp|pin|passcode)s? (?:that |which )?(?:we|they)(?:'ve| have)? (?:just )?(?:sent|texted|messaged) (?:to )?(?:you|u|your|ur)\b|\b(?:sent|send|texted|gave) (?:you |u )?(?:a|the|my|your) (?:[\w-]+ ){0,2}(?:code|otp|verification)[^.!?\n]{0,25}\b(?:by mistake|by accident|accidentally|wrong number|instead of)|\b(?:you(?:'ll| will)?|u will|u'll|you should|you're going to|ur going to) (?:get|receive) (?:a |an )?(?:text|code|sms|message|otp)\b/u,
);
/** Asking for a login secret outright. Bank details alone are normal between friends, so they are not here. */
const ASK_FOR_SECRET = cue(
  'login log password passcode pin card long cvv cvc security online',
  /\b(?:send|give|tell|text|dm|read|confirm)(?: (?:me|us))? (?:your |ur |the )?(?:bank(?:ing)? )?(?:login(?: details)?|log-in|password|passcode|(?:card )?pin(?: number)?|card (?:details|number)|long number on (?:your|the) card|cvv|cvc|security (?:number|digits)|online banking (?:details|login|password))\b/u,
);
/** Service boilerplate that comes with a genuine code ("do not share it"). */
const SERVICE_WARNING = cue(
  'not don never valid expire',
  /\b(?:do not|don'?t|never) (?:share|give|tell|disclose|forward)\b|\bwill never ask\b|\b(?:valid|expires?) (?:for|in)\b/u,
);

function scoreOtp(read: CueReader): number {
  const ask = read(ASK_FOR_CODE);
  const script = read(CODE_YOU_GOT);
  const askForIt = read(ASK_FOR_IT);
  const secret = read(ASK_FOR_SECRET);
  if (!ask && !script && !askForIt && !secret) return 0;
  const otpTerm = read(OTP_TERM);
  const plainCode = read(PLAIN_CODE);
  let score = 0;
  if (ask && otpTerm) score = noisyOr(score, 0.75);
  else if (ask && plainCode) score = noisyOr(score, 0.4);
  if (script) score = noisyOr(score, ask || askForIt || otpTerm || plainCode ? 0.8 : 0.35);
  else if (askForIt && otpTerm) score = noisyOr(score, 0.7);
  if (secret) score = noisyOr(score, 0.65);
  // A genuine code message says "do not share it"; without an ask it is the service talking.
  if (!ask && !secret && read(SERVICE_WARNING)) score *= 0.5;
  return score;
}

// --- Parcel, toll and tax smishing ---------------------------------------------------------------

const PARCEL = cue(
  'parcel package delivery redelivery courier shipment consignment royal usps ups dhl fedex evri hermes dpd parcelforce yodel postnl poste canada auspost australia customs post',
  /\b(?:parcel|package|delivery|redelivery|courier|shipment|consignment|royal ?mail|post office|usps|ups|dhl|fedex|evri|hermes|dpd|parcelforce|yodel|postnl|la poste|canada post|auspost|australia post|customs)\b/u,
);
const TOLL = cue(
  'toll ezpass zpass pass fastrak sunpass ipass dart congestion ulez pcn penalty parking traffic speeding road vehicle',
  /\b(?:tolls?|e-?z ?pass|fastrak|sunpass|i-?pass|dart ?charge|congestion charge|ulez|pcn|penalty charge|parking (?:fine|ticket|charge)|traffic (?:fine|violation|ticket)|speeding (?:fine|ticket)|road (?:tax|charge)|vehicle tax)\b/u,
);
const TAX = cue(
  'tax hmrc irs revenue gov council eligible entitled approved refund rebate cost',
  /\b(?:tax (?:refund|rebate|return|credit)|hmrc|irs|revenue (?:agency|service)|gov\.uk|council tax|(?:eligible|entitled|approved) (?:for|to receive|to claim) (?:a |an )?(?:tax )?(?:refund|rebate|payment|reimbursement)|(?:refund|rebate) of [£$€]|cost of living payment)\b/u,
);
const FEE = cue(
  'fee unpaid outstanding owe overdue arrears balance amount payment small shipping delivery customs redelivery handling import postage processing admin pay settle surcharge',
  /\b(?:fee|unpaid|outstanding|owed?|overdue|arrears|balance|(?:amount|payment) due|small (?:charge|payment|fee)|(?:shipping|delivery|customs|redelivery|handling|import|postage|processing|admin) (?:charge|cost|fee|duty|payment)|pay(?:ment)?|settle|surcharge)\b/u,
);
const DELIVERY_PROBLEM = cue(
  'could unable failed delivery hold held suspended stopped returned incomplete address details information payment reschedule redeliver deliver re awaiting customs can cannot insufficient house flat street building missing',
  /\b(?:(?:house|flat|street|building) (?:number|name) (?:is |was )?(?:missing|incomplete|incorrect|invalid|wrong)|missing (?:house|flat|street|building) (?:number|name)|(?:could ?(?:not|n't)|can ?(?:not|n't)|cannot) be (?:delivered|dispatched|processed)|insufficient (?:postage|payment|funds)|(?:was|were) unable to deliver|unable to (?:deliver|be delivered)|failed (?:delivery|to deliver)|delivery (?:attempt )?(?:failed|unsuccessful|suspended)|(?:on|placed on) hold|(?:has been|is being|was|is) (?:held|suspended|stopped|returned)|incomplete (?:address|information|details)|address (?:is )?(?:incomplete|incorrect|invalid|missing|wrong)|(?:update|confirm|verify|complete|re-?enter) (?:your |the )?(?:address|details|information|delivery (?:details|preferences|address|information)|payment (?:details|information))|reschedule|re-?deliver(?:y)?|awaiting (?:payment|your|customs|clearance)|(?:held|stopped) (?:at|by) customs|returned to (?:the )?sender)\b/u,
);
const CLAIM_STEP = cue(
  'claim click tap visit submit verify confirm fill follow apply complete',
  /\b(?:claim|click|tap|visit|submit|verify|confirm|fill|follow (?:the|this) link|apply|complete)\b/u,
);

/** "Update here", "tap the link": the parcel text sends you somewhere to type in your details. */
const PARCEL_STEP = cue(
  'update confirm reschedule rearrange rebook verify pay click tap visit follow open',
  /\b(?:update|confirm|reschedule|rearrange|rebook|verify|pay|click|tap|visit|follow) (?:it |them |your (?:\w+ )?)?(?:here|now|below|online|via|at|using)\b|\b(?:click|tap|follow|open) (?:the |this )?link\b/u,
);

function scoreParcel(read: CueReader): number {
  const parcel = read(PARCEL);
  const toll = read(TOLL);
  const tax = read(TAX);
  if (!parcel && !toll && !tax) return 0;
  const fee = read(FEE) || read(MONEY_AMOUNT);
  let score = 0.05;
  if (parcel) {
    const problem = read(DELIVERY_PROBLEM);
    if (fee && problem) score = noisyOr(score, 0.5);
    // No fee, but a delivery problem and a step to "fix" it: the variant that harvests card details
    // on the next page. A link or a deadline takes it over 0.5.
    else if (problem && read(PARCEL_STEP)) score = noisyOr(score, 0.4);
    else if (fee || problem) score = noisyOr(score, 0.16);
  }
  if (toll && fee) score = noisyOr(score, 0.35);
  if (tax && read(CLAIM_STEP)) score = noisyOr(score, 0.35);
  return score;
}

// --- "Hi mum, new number" ------------------------------------------------------------------------

const FAMILY_GREETING = cue(
  'mum mom mam mummy mommy mama ma dad daddy papa pa mother father grandma grandpa nan nana nanna gran granny grandad auntie aunty aunt uncle son daughter kid child grandson granddaughter nephew niece',
  /\b(?:hi|hey|hello|hiya|heya|morning|evening|ok|okay|sorry)[,!. ]+(?:mum|mom|mam|mummy|mommy|mama|ma|dad|daddy|papa|pa|mother|father|grandma|grandpa|nan|nana|nanna|gran|granny|grandad|auntie|aunty|aunt|uncle)\b|\b(?:it'?s|its) (?:me[, ]+)?(?:your )?(?:son|daughter|kid|child|grandson|granddaughter|nephew|niece)\b/u,
);
/** A new number to save from now on: the lasting switch the scam needs. */
const NEW_NUMBER = cue(
  'new phone mobile cell number old save delete using on',
  /\b(?:new (?:number|phone|mobile|sim|cell|no\.?)|(?:this is|texting (?:you )?from|using) (?:a |my )?(?:temporary|temp|new|other|spare) (?:phone|number|mobile)|my old (?:number|phone|one)|(?:save|delete) (?:this|my (?:new|old)|the old) (?:number|one)|(?:using|on) this (?:one|number|phone) (?:now|from now on|for now))\b/u,
);
/**
 * A broken, lost or borrowed phone. The scam's excuse too, but also how a real child texts home for
 * the evening, so on its own it is weaker than a new number.
 */
const PHONE_TROUBLE = cue(
  'phone mobile cell friend mate sister brother cousin girlfriend boyfriend colleague',
  /\b(?:(?:lost|broke|smashed|dropped|cracked|damaged) my (?:phone|mobile|cell)|my (?:phone|mobile|cell)(?:'s| is| got| has)? (?:broken|broke|smashed|died|dead|stolen|lost|in for repair|not working|fell)|(?:friend|mate|sister|brother|cousin|girlfriend|boyfriend|colleague)'?s (?:phone|mobile|cell)|(?:using|borrowing|on|texting (?:you )?from) (?:my |a )?(?:friend|mate|sister|brother|cousin|girlfriend|boyfriend|colleague)'?s)\b/u,
);
/** "Can you...", "do me a favour": the opener's ask before the money is named. */
const ANY_FAVOUR = cue(
  '',
  /\b(?:can you|could you|would you|are you able to|need you to|need a (?:favou?r|hand)|do me a (?:\w+ )?favou?r)\b/u,
);
const HELP_WITH_MONEY = cue(
  '',
  /\b(?:help me (?:out|with|pay)|need (?:some |a bit of )?(?:money|cash|funds)|need (?:some )?help (?:paying|with (?:paying|a bill|an invoice|the rent|rent))|pay (?:a |this |my |the )?(?:bill|invoice|rent|for)|transfer|send (?:me )?(?:some )?money|lend me|borrow|(?:can'?t|cannot|unable to) (?:access|log ?in(?:to)?|get into|use) (?:my )?(?:bank|banking|online banking|app)|pay (?:you|it) back|(?:account|bank) (?:details|number|is locked|locked))\b/u,
);

function scoreFamilyImpersonation(read: CueReader): number {
  const greeting = read(FAMILY_GREETING);
  const newNumber = read(NEW_NUMBER);
  const phoneTrouble = read(PHONE_TROUBLE);
  if (!greeting && !newNumber && !phoneTrouble) return 0;
  const money = read(HELP_WITH_MONEY) || read(MONEY_AMOUNT);
  const favour = money || read(ANY_FAVOUR);
  // A new number plus any favour is the opener. A borrowed phone is also how a real child texts
  // ("hi mum, on Ella's phone, can you pick me up?"), so it needs money to be named.
  if (greeting && newNumber) return favour ? 0.88 : 0.55;
  if (greeting && phoneTrouble) return money ? 0.88 : 0.25;
  if (newNumber || phoneTrouble) return money ? 0.6 : favour && newNumber ? 0.3 : 0.12;
  return favour ? 0.15 : 0.02;
}

// --- Gift cards ----------------------------------------------------------------------------------

const GIFT_CARD = cue(
  'gift itunes apple google steam amazon ebay razer vanilla paysafe prepaid',
  /\b(?:gift ?cards?|itunes (?:cards?|vouchers?|codes?)|apple (?:gift )?cards?|google ?play (?:cards?|codes?|vouchers?)|steam (?:cards?|wallet(?: cards?)?|codes?)|amazon (?:cards?|vouchers?|codes?)|ebay (?:cards?|vouchers?)|razer gold|vanilla (?:cards?|visa)|paysafe ?(?:cards?|codes?)|prepaid (?:cards?|vouchers?))\b/u,
);
const SEND_CARD_CODES = cue(
  '',
  /\b(?:send|text|give|email|forward|share|read)(?: (?:me|us))? (?:the |all the |those |a )?(?:codes?|numbers?|pins?|claim codes?|pictures?|photos?|pics?|picture|photo|snaps?|a pic|scratch(?:ed)? (?:codes?|off))\b|\b(?:scratch (?:off )?(?:the )?(?:back|silver|strip|panel)|back of (?:the |each |every )?cards?|(?:claim|redemption) codes?)\b/u,
);
const PAY_IN_GIFT_CARDS = cue(
  '',
  /\b(?:pay(?:ment)?|fee|fine|settle|bail|tax|owe)\b[^.!?\n]{0,40}\b(?:in|with|by|using|via|through) (?:\w+ )?(?:gift ?cards?|itunes|google ?play|steam|vouchers?)\b|\bonly (?:accept|take)s? (?:\w+ )?gift ?cards?\b/u,
);
const BUY_PRESSURE = cue(
  '',
  /\b(?:boss|manager|ceo|director|pastor|priest|in a meeting|can'?t (?:talk|call)|cannot (?:talk|call)|(?:reimburse|pay you back|pay u back|refund you)|(?:i'?ll|i will|will) (?:give|get) (?:you|u) (?:the )?(?:cash|money)(?: back)?|surprise for (?:the )?(?:staff|team|employees|clients))\b/u,
);
/** Asking someone to buy; "get" only as a request ("get me some"), not "did you get the card". */
const BUY = cue(
  '',
  /\b(?:buy|purchase|get (?:me|us|\d+|some|a few)|pick up|grab|need (?:\d+|some|a few|you to (?:buy|get|purchase)))\b/u,
);

function scoreGiftCard(read: CueReader): number {
  if (!read(GIFT_CARD)) return 0;
  let score = 0.05;
  if (read(SEND_CARD_CODES)) score = noisyOr(score, 0.8);
  if (read(PAY_IN_GIFT_CARDS)) score = noisyOr(score, 0.75);
  if (read(BUY)) score = noisyOr(score, read(BUY_PRESSURE) || read(SECRECY) ? 0.6 : 0.2);
  return score;
}

// --- Wrong-number openers ------------------------------------------------------------------------

const WRONG_NUMBER = cue(
  'wrong number contact phone not',
  /\b(?:wrong (?:number|person|contact|chat|whatsapp)|(?:texted|messaged|sent (?:this|that|it) to|got|have|dialled|dialed) (?:the )?wrong (?:number|person)|(?:saved|typed|entered|wrote down|got) (?:your|the|her|his) number wrong|(?:got|found|have|saw) your (?:number|contact)(?: from| in| on| through)|is this (?:not )?(?:still )?(?:[a-z]+'?s )(?:number|phone)|(?:you'?re|you are) not [a-z]+\?|not the (?:person|one) i (?:was looking for|meant to|thought))\b/u,
);
const FRIENDLY_PIVOT = cue(
  '',
  /\b(?:nice to (?:meet|chat with|talk to|know) (?:you|u)|(?:you have|you've got|u have|what) a (?:nice|lovely|beautiful|pretty|cute) (?:name|profile|pic|photo|smile)|where do (?:you|u) live|you seem (?:really |so |very |like a )?(?:nice|kind|lovely|friendly|sweet|interesting|fun)|(?:would you like|do you want|want) to (?:chat|talk|be friends|get to know)|(?:glad|happy) (?:to have|i) (?:met|reached|found)|(?:can|could|shall|may) (?:we|i) (?:be friends|get to know|chat|keep (?:chatting|talking|in touch)|make friends)|mind if (?:we|i) (?:chat|keep chatting|get to know|make friends)|where are you (?:from|based)|what do you do for (?:a )?(?:living|work)|fate|destiny|(?:it'?s|must be) a sign|meant to (?:be|meet)|are you (?:single|married)|would you (?:like|mind) (?:to )?(?:be friends|chatting|making friends|get to know)|make (?:a )?(?:new )?friends?|lovely (?:profile|photo)|you seem (?:nice|kind|lovely))\b/u,
);
const BUSINESS_PIVOT = cue(
  '',
  /\b(?:invest(?:ing|ment)?|crypto|trading|business|my company|wine|fashion|import|export|real estate)\b/u,
);

/** "Is this Jessica?", "Are you Daniel?": checking a name, read as typed so the name has its capital. */
const NAME_CHECK = cue('is are', /\b(?:[Ii]s (?:this|that)|[Aa]re (?:you|u)) [A-Z][a-z]{1,15}(?: [A-Z][a-z]{1,15})? ?\?/u, { on: 'raw' });
/** Why the stranger has the number: "we met at", "my trainer gave me this number". */
const CONTACT_HOOK = cue(
  'met talked spoke chatted number contact no said told',
  /\b(?:we (?:met|talked|spoke|chatted) (?:at|on|in|last|yesterday|the other)|(?:gave|passed|sent|shared|forwarded) me (?:this|your|ur) (?:number|contact|no)|got (?:this|your|ur) (?:number|contact) (?:from|off|through)|(?:said|told me) (?:to )?(?:text|message|contact) (?:you|u|this number))\b/u,
);
/** "It's Jake's mum", "this is Priya from uni", "my name is": a real contact says who they are. */
const SELF_INTRO = cue(
  'it its this my from mum mom mam dad mother father sister brother friend coach teacher nan gran',
  /\b(?:(?:it'?s|its|this is) (?:\w+'s (?:mum|mom|mam|dad|mother|father|sister|brother|friend|coach|teacher|nan|gran)|\w+ from|(?:coach|mr|mrs|ms|miss|dr) \w+)|my name(?:'s| is)|i'?m \w+ from)\b/u,
);

function scoreWrongNumber(read: CueReader): number {
  const friendly = read(FRIENDLY_PIVOT);
  const business = read(BUSINESS_PIVOT);
  if (read(WRONG_NUMBER)) {
    if (friendly) return business ? 0.85 : 0.65;
    return business ? 0.45 : 0.15;
  }
  // The same opener one step earlier: a stranger asks for someone by name, as if you had met, and
  // never says who they are. The "sorry, wrong number" comes after you reply.
  if (!read(NAME_CHECK) || !read(CONTACT_HOOK) || read(SELF_INTRO)) return 0;
  return friendly || business ? 0.65 : 0.55;
}

// --- Romance money requests ----------------------------------------------------------------------

const AFFECTION = cue(
  '',
  /\b(?:my love|my dear(?:est)?|darling|sweetheart|sweetie|honey|my (?:queen|king|angel|heart|everything|soulmate|sunshine)|i love (?:you|u)|love (?:you|u) so much|my (?:future )?(?:wife|husband)|baby|babe|dear)\b/u,
);
const ROMANCE_MONEY_ASK = cue(
  'send wire western moneygram transfer lend loan need help can pay cover gift bitcoin crypto',
  /\b(?:send (?:me )?(?:some )?(?:money|funds|cash|[£$€]\s?\d+)|wire|western union|moneygram|(?:transfer|lend|loan) (?:me|some|the)|(?:i )?need (?:some )?(?:money|funds|cash|[£$€]\s?\d+|help with|you to (?:pay|send|help|cover))|help me (?:with|pay|out|cover)|can you (?:help (?:me )?)?(?:pay|cover|send|lend)|(?:pay|cover) (?:for )?(?:my|the) (?:ticket|flight|visa|fees?|bills?|hospital|surgery|treatment|customs)|gift ?cards?|bitcoin|crypto)\b/u,
);
const UNTRACEABLE_PAYMENT = cue('', /\b(?:wire|western union|moneygram|gift ?cards?|bitcoin|crypto|usdt)\b/u);
const HARDSHIP = cue(
  '',
  /\b(?:hospital|medical (?:bills?|fees?|treatment)|surgery|operation|(?:plane|flight|air|train) ?tickets?|flights?|salary (?:is )?(?:delayed|late|held|frozen)|(?:working|stationed|deployed) (?:in|on|abroad|overseas)|(?:come|fly|travel)(?: over)?(?: and| to) (?:see|meet|visit|be with|marry|hold) (?:you|u)|visa|customs|(?:stuck|stranded|detained|trapped) (?:at|in)|airport|frozen|blocked (?:account|funds|card)|inheritance|gold|diamonds?|oil rig|deployed|deployment|military|army|soldier|peacekeeping|un mission|sick (?:mother|mum|mom|daughter|son|child|father|dad)|lawyer|release (?:the |my )?(?:funds|package|inheritance|gold)|clearance (?:fee|certificate)|(?:come|fly|travel) (?:over )?(?:to )?(?:see|meet|visit|be with) (?:you|u)|so (?:i|we) can (?:finally )?(?:be together|meet))\b/u,
);

function scoreRomance(read: CueReader): number {
  if (!read(ROMANCE_MONEY_ASK)) return 0;
  const affection = read(AFFECTION);
  const hardship = read(HARDSHIP);
  const untraceable = read(UNTRACEABLE_PAYMENT);
  if (affection && (hardship || untraceable)) return hardship && untraceable ? 0.9 : 0.72;
  if (hardship && untraceable) return 0.55;
  if (affection || hardship) return 0.28;
  return 0.05;
}

// --- Tech support and fake security alerts -------------------------------------------------------

const SUPPORT_BRAND = cue(
  'microsoft windows apple icloud amazon paypal netflix norton mcafee geek support department team tech customer help security fraud bank barclays hsbc lloyds natwest santander chase wells america monzo revolut halifax nationwide steam discord instagram facebook tiktok snapchat roblox xbox playstation tv dvla',
  /\b(?:microsoft|windows|apple|icloud|amazon|paypal|netflix|norton|mcafee|steam|discord|instagram|facebook|tiktok|snapchat|roblox|xbox|playstation|tv licen[cs](?:e|ing)|dvla|geek squad|it (?:support|department|team)|tech(?:nical)? support|customer (?:support|service)|help ?desk|support team|security (?:team|department|centre|center)|fraud (?:team|department|prevention)|your bank|bank'?s? (?:fraud|security)|barclays|hsbc|lloyds|natwest|santander|chase|wells fargo|bank of america|monzo|revolut|halifax|nationwide)\b/u,
);
const SECURITY_PROBLEM = cue(
  'virus malware spyware infected hack compromised breach suspicious unusual unauthori locked suspended blocked disabled restricted frozen deactivated limited banned terminated subscription auto charged debited payment transaction transfer purchase order billing could membership account',
  /\b(?:virus(?:es)?|malware|spyware|infected|hack(?:ed|ers?)|compromised|breach(?:ed)?|suspicious (?:activity|log ?in|sign[- ]?in|transaction|payment|purchase)|unusual (?:activity|log ?in|sign[- ]?in)|unauthori[sz]ed|(?:account|card|device|computer|pc|laptop|iphone|phone|subscription|apple id|paypal|profile) (?:has been |is |was |will be |have been )?(?:temporarily |permanently |now )?(?:locked|suspended|blocked|disabled|restricted|frozen|deactivated|compromised|limited|banned|terminated)|(?:payment|transaction|transfer)\b[^.!?\n]{0,40}\b(?:was|has been|have been|is being) (?:blocked|stopped|held|flagged|put on hold)|(?:purchase|order) (?:of|for)\b[^.!?\n]{0,40}\b(?:was|has been) (?:placed|made) (?:on|from|with) your (?:account|card)|subscription (?:has been |was |will be )?(?:renewed|charged)|(?:payment|billing) (?:has )?(?:failed|declined|problem|issue)|could ?(?:not|n't) process your (?:last |recent )?payment|(?:membership|subscription|account) will be (?:cancell?ed|suspended|closed|terminated|deleted)|auto[- ]?renew(?:al|ed)?|(?:charged|debited) (?:you )?[£$€])/u,
);
const SUPPORT_ACTION = cue(
  '',
  /\b(?:call (?:us|now|this number|immediately|back|our)|(?:call|ring|phone|contact) (?:us )?(?:on |at )?\+?\d+|toll[- ]free|(?:install|download) (?:anydesk|teamviewer|the app|this app|an app|the software|this)|anydesk|teamviewer|remote (?:access|desktop|control)|(?:verify|confirm|update|secure|restore|unlock|reactivate|validate) (?:your )?(?:account|identity|details|information|card|payment|billing)|(?:call|ring|phone|contact) [^.!?\n]{0,30}\b(?:on|at) \+?\d+|log ?in (?:here|now|below|at)|click (?:here|the link|below)|safe account|move (?:your )?(?:money|funds|savings) (?:to|into)|(?:read|give|confirm) (?:us |me )?(?:your )?(?:card|pin|details)|press 1|(?:log ?in|sign ?in)(?: here| now| below)? to (?:restore|unlock|verify|reactivate|keep|secure|confirm|avoid|review|appeal)|restore (?:your )?(?:full )?access|(?:reply|text|respond)(?: with)? \w+ to (?:unlock|restore|verify|confirm|reactivate|cancel|stop|secure|keep)|appeal (?:here|now|at|via|within|using|below|the (?:ban|decision|suspension))|set up (?:a )?(?:new )?direct debit|update (?:your )?(?:direct debit|bank details))\b/u,
);
const SAFE_ACCOUNT = cue('', /\b(?:safe|secure|holding) account\b|\b(?:anydesk|teamviewer)\b/u);

function scoreTechSupport(read: CueReader): number {
  const brand = read(SUPPORT_BRAND);
  const problem = read(SECURITY_PROBLEM);
  if (!brand && !problem) return 0;
  const action = read(SUPPORT_ACTION);
  let score = 0.03;
  if (problem && action) score = noisyOr(score, brand ? 0.8 : 0.55);
  else if (brand && (problem || action)) score = noisyOr(score, 0.2);
  if (action && read(SAFE_ACCOUNT)) score = noisyOr(score, 0.7);
  return score;
}

// --- Fake prizes ---------------------------------------------------------------------------------

const WON_STRONG = cue(
  'won selected chosen picked winner draw prize winning claim lottery sweepstake jackpot',
  /\b(?:(?:you|your (?:mobile |phone )?number|your email|your entry|your ticket)(?:'ve| have| has)? (?:just )?(?:won(?!'t)|been (?:selected|chosen|picked|randomly selected))|(?:you are|you're|ur|u r) (?:our |the |a )?(?:lucky )?(?:winner|selected)|(?:lucky|prize|grand|cash) (?:draw|winner|prize)|winning (?:number|ticket|entry)|claim (?:your|the|ur) (?:prize|reward|gift|winnings|voucher|iphone|cash|free)|lottery|sweepstakes?|jackpot)\b/u,
);
const WON_WEAK = cue(
  'congrat giveaway free complimentary reward points',
  /\b(?:congratulations|congrats|giveaway|(?:free|complimentary) (?:iphone|ipad|gift|prize|reward|samsung|ps5|playstation|macbook|voucher|airpods)|reward points|(?:loyalty )?points (?:expire|expiring|will expire))\b/u,
);
const PRIZE_CLAIM = cue(
  '',
  /\b(?:claims?|redeem|collect|click|tap|visit|call|reply|confirm|verify|enter (?:your )?details|send (?:us )?(?:your )?(?:details|address|bank)|(?:with|provide|give)(?: us)? your (?:full )?(?:name|address|bank (?:details|account)|details))\b/u,
);
const PRIZE_FEE = cue(
  '',
  /\b(?:(?:shipping|delivery|processing|admin|handling|release|clearance|postage) (?:fee|charge|cost)|pay (?:just |only )?(?:a |the )?(?:small |tiny )?(?:[£$€]\s?[\d.,]+ )?(?:for )?(?:fee|shipping|postage|delivery|p&p)|[£$€]\s?[\d.,]+ (?:for )?(?:shipping|postage|delivery|p&p)|(?:just|only) pay|small fee)\b/u,
);

function scorePrize(read: CueReader): number {
  const strong = read(WON_STRONG);
  const weak = read(WON_WEAK);
  if (!strong && !weak) return 0;
  const claim = read(PRIZE_CLAIM);
  const fee = read(PRIZE_FEE);
  if (strong) return fee ? 0.85 : claim ? 0.6 : 0.2;
  return fee && claim ? 0.65 : claim ? 0.28 : 0.03;
}

/** The scam families in reason order. */
export const SCAM_RULES: readonly PatternRule[] = [
  { family: SCAM_FAMILIES.otp, score: scoreOtp },
  { family: SCAM_FAMILIES.parcel, score: scoreParcel },
  { family: SCAM_FAMILIES.familyImpersonation, score: scoreFamilyImpersonation },
  { family: SCAM_FAMILIES.giftCard, score: scoreGiftCard },
  { family: SCAM_FAMILIES.crypto, score: scoreCrypto },
  { family: SCAM_FAMILIES.wrongNumber, score: scoreWrongNumber },
  { family: SCAM_FAMILIES.job, score: scoreJob },
  { family: SCAM_FAMILIES.romance, score: scoreRomance },
  { family: SCAM_FAMILIES.techSupport, score: scoreTechSupport },
  { family: SCAM_FAMILIES.prize, score: scorePrize },
  { family: SCAM_FAMILIES.overpaymentDeposit, score: scoreOverpaymentDeposit },
  { family: SCAM_FAMILIES.upfrontFee, score: scoreUpfrontFee },
  { family: SCAM_FAMILIES.accountLure, score: scoreAccountLure },
];
