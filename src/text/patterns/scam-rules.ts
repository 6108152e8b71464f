/**
 * The modern scam families. Public spam corpora predate all of them (see the data set caveats), so
 * each is an explicit rule: a gate cue that must be present, then combinations that raise the score.
 * A single weak cue scores under 0.3; the 0.5 operating point needs the family's core combination
 * (for example a parcel, a fee and a link). Scores are noisy-OR combinations of the cues' weights.
 */
import { MONEY_AMOUNT, SECRECY } from './cues.js';
import { cue, type CueReader } from './cue.js';
import { noisyOr, type Family, type PatternRule } from './scoring.js';

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
  techSupport: family('scam.tech_support', 'Companies do not message out of the blue about viruses or locked accounts and ask you to call, install an app or move money.'),
  prize: family('scam.prize', 'Real prizes never ask for a fee or your details to claim them. If you did not enter, you did not win.'),
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
/** "Send it back to me", "screenshot it": asks that point at a code mentioned earlier. */
const ASK_FOR_IT = cue(
  'send forward screenshot text give pass read',
  /\b(?:send|forward|screenshot|text|give|pass|read)(?: it| that| them)(?: (?:back|over|out))?(?: to)? (?:me|us)\b|\bscreenshot it\b/u,
);
/** A generic "code" that is not a known harmless kind (zip, promo, dress, door, wifi, game room). */
const PLAIN_CODE = cue(
  'code otp passcode',
  /\b(?=code|otp|passcode)(?<!\b(?:zip|post|postal|area|country|promo|promotion|discount|voucher|coupon|dress|source|error|qr|bar|morse|cheat|referral|invite|invitation|lobby|room|party|game|friend|class|course|door|gate|wifi|lock|locker|colour|color|tax|sort|swift|access|entry|alarm|building|key|safe|ticket|booking|reference|tracking|gift) )(?:code|otp|passcode)\b/u,
);
/** The code "you just got", "sent to your phone", "by mistake": the OTP-theft script. */
const CODE_YOU_GOT = cue(
  'code otp pin passcode text sms message number verification',
  /\b(?:code|otp|pin|passcode|text|sms|message|number)s? (?:that |which )?(?:you|u) (?:just )?(?:got|get|received|receive|will (?:get|receive))\b|\b(?:sent|texted|went) (?:my|a|the) (?:\w+ )?code to (?:you|u|your|ur)\b|\b(?:they|it|\w+) sent (?:a|the|my) (?:\w+ )?code to (?:you|u|your|ur)\b|\b(?:code|otp|text|sms)s? (?:that |which )?(?:was |were |i |we |they |i got |got |has been |have been )?(?:just )?(?:sent|went|came) (?:to )?(?:you|u|your|ur)\b|\b(?:sent|send|texted|gave) (?:you |u )?(?:a|the|my|your) (?:code|otp|verification)[^.!?\n]{0,25}\b(?:by mistake|by accident|accidentally|wrong number|instead of)|\b(?:you(?:'ll| will)?|u will|u'll|you should|you're going to|ur going to) (?:get|receive) (?:a |an )?(?:text|code|sms|message|otp)\b/u,
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
  if (!ask && !script && !secret) return 0;
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
  'could unable failed delivery hold held suspended stopped returned incomplete address details information payment reschedule redeliver deliver re awaiting customs can cannot insufficient',
  /\b(?:(?:could ?(?:not|n't)|can ?(?:not|n't)|cannot) be (?:delivered|dispatched|processed)|insufficient (?:postage|payment|funds)|(?:was|were) unable to deliver|unable to (?:deliver|be delivered)|failed (?:delivery|to deliver)|delivery (?:attempt )?(?:failed|unsuccessful|suspended)|(?:on|placed on) hold|(?:has been|is being|was|is) (?:held|suspended|stopped|returned)|incomplete (?:address|information|details)|address (?:is )?(?:incomplete|incorrect|invalid|missing|wrong)|(?:update|confirm|verify|complete|re-?enter) (?:your |the )?(?:address|details|information|delivery (?:details|preferences|address|information)|payment (?:details|information))|reschedule|re-?deliver(?:y)?|awaiting (?:payment|your|customs|clearance)|(?:held|stopped) (?:at|by) customs|returned to (?:the )?sender)\b/u,
);
const CLAIM_STEP = cue(
  'claim click tap visit submit verify confirm fill follow apply complete',
  /\b(?:claim|click|tap|visit|submit|verify|confirm|fill|follow (?:the|this) link|apply|complete)\b/u,
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
const NEW_NUMBER = cue(
  'new phone mobile cell number old save delete',
  /\b(?:new (?:number|phone|mobile|sim|cell|no\.?)|(?:lost|broke|smashed|dropped|cracked|damaged) my (?:phone|mobile|cell)|my (?:phone|mobile|cell) (?:is |got |has )?(?:broken|broke|smashed|died|dead|stolen|lost|in for repair|not working|fell)|(?:this is|texting (?:you )?from|using) (?:a |my )?(?:friend'?s|mate'?s|temporary|temp|new|other|spare) (?:phone|number|mobile)|my old (?:number|phone|one)|(?:save|delete) (?:this|my (?:new|old)|the old) (?:number|one))\b/u,
);
const HELP_WITH_MONEY = cue(
  '',
  /\b(?:can you|could you|would you|are you able to|need you to|need a (?:favou?r|hand)|do me a (?:favou?r)|help me (?:out|with|pay)|pay (?:a |this |my |the )?(?:bill|invoice|rent|for)|transfer|send (?:me )?(?:some )?money|lend me|borrow|(?:can'?t|cannot|unable to) (?:access|log ?in(?:to)?|get into|use) (?:my )?(?:bank|banking|online banking|app)|pay (?:you|it) back|(?:account|bank) (?:details|number|is locked|locked))\b/u,
);

function scoreFamilyImpersonation(read: CueReader): number {
  const greeting = read(FAMILY_GREETING);
  const newNumber = read(NEW_NUMBER);
  if (!greeting && !newNumber) return 0;
  const money = read(HELP_WITH_MONEY) || read(MONEY_AMOUNT);
  if (greeting && newNumber) return money ? 0.88 : 0.55;
  if (newNumber) return money ? 0.6 : 0.12;
  return money ? 0.15 : 0.02;
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
  /\b(?:boss|manager|ceo|director|pastor|priest|in a meeting|can'?t (?:talk|call)|cannot (?:talk|call)|(?:reimburse|pay you back|pay u back|refund you)|surprise for (?:the )?(?:staff|team|employees|clients))\b/u,
);
const BUY = cue(
  '',
  /\b(?:buy|purchase|get|pick up|grab|need (?:\d+|some|a few|you to (?:buy|get|purchase)))\b/u,
);

function scoreGiftCard(read: CueReader): number {
  if (!read(GIFT_CARD)) return 0;
  let score = 0.05;
  if (read(SEND_CARD_CODES)) score = noisyOr(score, 0.8);
  if (read(PAY_IN_GIFT_CARDS)) score = noisyOr(score, 0.75);
  if (read(BUY)) score = noisyOr(score, read(BUY_PRESSURE) || read(SECRECY) ? 0.6 : 0.2);
  return score;
}

// --- Crypto "investment" --------------------------------------------------------------------------

const CRYPTO = cue(
  'crypto bitcoin btc eth usdt tether binance coinbase forex fx trading mining nft defi liquidity stock invest',
  /\b(?:crypto(?:currency|currencies)?|bitcoins?|btc|eth(?:ereum)?|usdt|tether|binance|coinbase|forex|fx trading|trading (?:platform|app|account|signals?|bot|mentor|group)|mining (?:pool|platform|rig)|nfts?|defi|liquidity (?:pool|mining)|stock tips|invest(?:ing|ed|ment|ments|or|ors)?)\b/u,
);
const PROMISED_RETURNS = cue(
  'guarantee risk double daily weekly day week hour profit return roi gain passive freedom withdraw doubled tripled made earn making turn grow grew every each double',
  /\b(?:guaranteed?|risk[- ]?free|no risk|zero risk|double (?:your|ur) (?:money|investment|btc|crypto|income)|\d{1,4}(?:\.\d+)? ?% [^.!?\n]{0,15}?\b(?:daily|weekly|a day|a week|per day|per week|every (?:single )?(?:day|week)|each (?:day|week)|in (?:\d+|a|one|two) (?:days?|hours?|weeks?))|double what (?:i|you|u|we) (?:put in|invested|started with)|(?:profits?|returns?|roi) (?:of|up to) \d+|(?:huge|massive|big|insane|crazy|high|consistent|steady) (?:profits?|returns|gains)|passive income|financial freedom|withdraw (?:your|ur|my) (?:profits?|earnings|returns)|(?:doubled|tripled) (?:my|his|her|our|their) (?:money|investment|savings)|(?:made|earned|making|earning|turned|turn|turning|grow|grew) [£$€]?\d[\d,.]*k?\b[^.!?\n]{0,25}\b(?:profit|in (?:a|one|just|only) (?:week|day|month|few days)|from (?:trading|investing|crypto|bitcoin|forex)|into [£$€]?\d))/u,
);
const RECRUIT = cue(
  '',
  /\b(?:mentor|expert|account manager|broker|my (?:uncle|aunt|cousin|friend|brother|sister) (?:is|works|taught|showed)|teach (?:you|u)|show (?:you|u) how|(?:help|teach) (?:you|u) (?:to )?(?:invest|trade|earn|make money)|join (?:my|our) (?:group|team|channel|platform)|telegram|whatsapp (?:group|me)|dm me|minimum (?:deposit|investment)|deposit|start with (?:just |only )?[£$€]?\d+)\b/u,
);

function scoreCrypto(read: CueReader): number {
  const crypto = read(CRYPTO);
  const returns = read(PROMISED_RETURNS);
  if (!returns) return crypto && read(RECRUIT) ? 0.3 : crypto ? 0.03 : 0;
  const recruit = read(RECRUIT);
  if (crypto) return recruit ? 0.88 : 0.6;
  return recruit ? 0.6 : 0.35;
}

// --- Wrong-number openers ------------------------------------------------------------------------

const WRONG_NUMBER = cue(
  'wrong number contact phone not',
  /\b(?:wrong (?:number|person|contact|chat|whatsapp)|(?:texted|messaged|sent (?:this|that|it) to|got|have|dialled|dialed) (?:the )?wrong (?:number|person)|(?:saved|typed|entered|wrote down|got) (?:your|the|her|his) number wrong|(?:got|found|have|saw) your (?:number|contact)(?: from| in| on| through)|is this (?:not )?(?:still )?(?:[a-z]+'?s )(?:number|phone)|(?:you'?re|you are) not [a-z]+\?|not the (?:person|one) i (?:was looking for|meant to|thought))\b/u,
);
const FRIENDLY_PIVOT = cue(
  '',
  /\b(?:nice to (?:meet|chat with|talk to|know) (?:you|u)|you seem (?:really |so |very |like a )?(?:nice|kind|lovely|friendly|sweet|interesting|fun)|(?:would you like|do you want|want) to (?:chat|talk|be friends|get to know)|(?:glad|happy) (?:to have|i) (?:met|reached|found)|(?:can|could|shall|may) (?:we|i) (?:be friends|get to know|chat|keep (?:chatting|talking|in touch)|make friends)|mind if (?:we|i) (?:chat|keep chatting|get to know|make friends)|where are you (?:from|based)|what do you do for (?:a )?(?:living|work)|fate|destiny|(?:it'?s|must be) a sign|meant to (?:be|meet)|are you (?:single|married)|would you (?:like|mind) (?:to )?(?:be friends|chatting|making friends|get to know)|make (?:a )?(?:new )?friends?|lovely (?:profile|photo)|you seem (?:nice|kind|lovely))\b/u,
);
const BUSINESS_PIVOT = cue(
  '',
  /\b(?:invest(?:ing|ment)?|crypto|trading|business|my company|wine|fashion|import|export|real estate)\b/u,
);

function scoreWrongNumber(read: CueReader): number {
  if (!read(WRONG_NUMBER)) return 0;
  if (read(FRIENDLY_PIVOT)) return read(BUSINESS_PIVOT) ? 0.85 : 0.65;
  return read(BUSINESS_PIVOT) ? 0.45 : 0.15;
}

// --- Task and job scams --------------------------------------------------------------------------

/** "Earn $500 a day", not said about oneself ("I earn £80 a day at the café"). */
const EARN_PER_PERIOD = cue(
  'earn make making paid salary income receive commission pay',
  /\b(?=earn|make|making|get paid|paid|salary|income|receive|commission|pay)(?<!\b(?:i|we|he|she|they|mum|mom|dad) (?:only |just |now |still |usually )?)(?:earn|make|making|earning|get paid|paid|salary|income|receive|commission|pays?)\b[^.!?\n]{0,25}?(?:[£$€₹]\s?\d[\d,.]*k?|\b\d[\d,.]*k? ?(?:usd|gbp|eur|usdt|dollars|pounds|euros|quid|bucks))\+?(?: ?(?:-|to) ?[£$€]?\d[\d,.]*k?)?[^.!?\n]{0,15}?\b(?:a|per|each|every|\/) ?(?:day|daily|hour|hr|week|wk|task|order|review|like|video)\b|\b(?:earn|make)\b[^.!?\n]{0,20}\b(?:from (?:home|your phone|ur phone)|in your spare time|while you sleep)\b/u,
);
const TASK_STRONG = cue(
  'video post product hotel app channel account restaurant page song map paid task',
  /\b(?:(?:like|rate|review|rating|follow|subscribe|view|watch|boost)(?:s|ing)? (?:youtube |tiktok |instagram |google |amazon |spotify )?(?:videos?|posts?|products?|hotels?|apps?|channels?|accounts?|restaurants?|pages?|songs?|maps? reviews?)|paid (?:to|for) (?:like|rate|review|watch|follow)|simple (?:online )?tasks?|(?:online|easy|daily) tasks?|task (?:platform|app)|combo tasks?|merchant tasks?)\b/u,
);
/** Paying in to unlock earnings: the step where a task scam takes the money. */
const TASK_PREPAY = cue(
  'prepaid task account balance wallet unlock',
  /\b(?:prepaid tasks?|task account|(?:top(?:p?ed)? ?up|recharged?|deposit(?:ed)? (?:to|into)) (?:with [^.!?\n]{0,15} )?(?:your |the )?(?:account|balance|wallet)|(?:account|balance|wallet) (?:needs|has) to be (?:topped up|recharged)|unlock (?:your )?(?:earnings|commission|withdrawal|salary)|negative balance)\b/u,
);
const TASK_WEAK = cue(
  'part remote work experience flexible recruit hiring hr job side',
  /\b(?:part[- ]?time (?:job|work|position|role|opportunit(?:y|ies))|remote (?:job|work|position|role|opportunit(?:y|ies))|work(?:ing)? from (?:home|your phone|ur phone)|no experience (?:needed|required|necessary)|flexible hours|recruit(?:er|ing|ment)|hiring|hr (?:department|team|manager)|(?:job|work) (?:offer|opportunit(?:y|ies))|side (?:hustle|income))\b/u,
);
const JOB_CONTACT = cue(
  '',
  /\b(?:whatsapp|telegram|signal|contact (?:me|us)|dm (?:me|us)|message (?:me|us)|reply (?:yes|y|1|interested)|add me|click|apply (?:now|here|today)|are you interested|interested\?|if interested)\b/u,
);

function scoreJob(read: CueReader): number {
  const earn = read(EARN_PER_PERIOD);
  const strong = read(TASK_STRONG);
  const weak = read(TASK_WEAK);
  const prepay = read(TASK_PREPAY);
  if (!earn && !strong && !weak && !prepay) return 0;
  if (prepay) return earn || strong ? 0.9 : 0.6;
  const contact = read(JOB_CONTACT);
  if (earn && (strong || weak)) return 0.85;
  if (earn) return contact ? 0.65 : 0.5;
  if (strong) return contact ? 0.6 : 0.35;
  return contact ? 0.3 : 0.08;
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
  'microsoft windows apple icloud amazon paypal netflix norton mcafee geek support department team tech customer help security fraud bank barclays hsbc lloyds natwest santander chase wells america monzo revolut halifax nationwide',
  /\b(?:microsoft|windows|apple|icloud|amazon|paypal|netflix|norton|mcafee|geek squad|it (?:support|department|team)|tech(?:nical)? support|customer (?:support|service)|help ?desk|support team|security (?:team|department|centre|center)|fraud (?:team|department|prevention)|your bank|bank'?s? (?:fraud|security)|barclays|hsbc|lloyds|natwest|santander|chase|wells fargo|bank of america|monzo|revolut|halifax|nationwide)\b/u,
);
const SECURITY_PROBLEM = cue(
  'virus malware spyware infected hack compromised breach suspicious unusual unauthori locked suspended blocked disabled restricted frozen deactivated subscription auto charged debited payment billing could membership account',
  /\b(?:virus(?:es)?|malware|spyware|infected|hack(?:ed|ers?)|compromised|breach(?:ed)?|suspicious (?:activity|log ?in|sign[- ]?in|transaction|payment|purchase)|unusual (?:activity|log ?in|sign[- ]?in)|unauthori[sz]ed|(?:account|card|device|computer|pc|laptop|iphone|phone|subscription|apple id) (?:has been |is |was |will be |have been )?(?:locked|suspended|blocked|disabled|restricted|frozen|deactivated|compromised)|subscription (?:has been |was |will be )?(?:renewed|charged)|(?:payment|billing) (?:has )?(?:failed|declined|problem|issue)|could ?(?:not|n't) process your (?:last |recent )?payment|(?:membership|subscription|account) will be (?:cancell?ed|suspended|closed|terminated|deleted)|auto[- ]?renew(?:al|ed)?|(?:charged|debited) (?:you )?[£$€])/u,
);
const SUPPORT_ACTION = cue(
  '',
  /\b(?:call (?:us|now|this number|immediately|back|our)|(?:call|ring|phone|contact) (?:us )?(?:on |at )?\+?\d+|toll[- ]free|(?:install|download) (?:anydesk|teamviewer|the app|this app|an app|the software|this)|anydesk|teamviewer|remote (?:access|desktop|control)|(?:verify|confirm|update|secure|restore|unlock|reactivate|validate) (?:your )?(?:account|identity|details|information|card|payment|billing)|(?:call|ring|phone|contact) [^.!?\n]{0,30}\b(?:on|at) \+?\d+|log ?in (?:here|now|below|at)|click (?:here|the link|below)|safe account|move (?:your )?(?:money|funds|savings) (?:to|into)|(?:read|give|confirm) (?:us |me )?(?:your )?(?:card|pin|details)|press 1)\b/u,
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
  /\b(?:(?:you|your (?:mobile |phone )?number|your email|your entry|your ticket)(?:'ve| have| has)? (?:just )?(?:won|been (?:selected|chosen|picked|randomly selected))|(?:you are|you're|ur|u r) (?:our |the |a )?(?:lucky )?(?:winner|selected)|(?:lucky|prize|grand|cash) (?:draw|winner|prize)|winning (?:number|ticket|entry)|claim (?:your|the|ur) (?:prize|reward|gift|winnings|voucher|iphone|cash|free)|lottery|sweepstakes?|jackpot)\b/u,
);
const WON_WEAK = cue(
  'congrat giveaway free complimentary reward points',
  /\b(?:congratulations|congrats|giveaway|(?:free|complimentary) (?:iphone|ipad|gift|prize|reward|samsung|ps5|playstation|macbook|voucher|airpods)|reward points|(?:loyalty )?points (?:expire|expiring|will expire))\b/u,
);
const PRIZE_CLAIM = cue(
  '',
  /\b(?:claim|redeem|collect|click|tap|visit|call|reply|confirm|verify|enter (?:your )?details|send (?:us )?(?:your )?(?:details|address|bank))\b/u,
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
];
