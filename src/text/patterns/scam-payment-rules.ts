/**
 * Scams that make you pay first: a buyer who "overpaid" and wants the difference back, a landlord who
 * cannot show the flat but wants a deposit, and fees to release a loan, profits or "recovered" money.
 * Rules as in scam-rules.ts: a gate, then the combination that reaches 0.5.
 */
import { cue, type CueReader } from './cue.js';
import { noisyOr } from './scoring.js';

// --- Overpayments, cheques and deposits for things you have not seen ------------------------------

/** "Sent $500 instead of $50", "paid you too much", "a cheque for more than the price". */
const OVERPAID = cue(
  'sent paid transferred overpaid overpayment accidentally cheque cashier certified money',
  /\b(?:(?:sent|paid|transferred) (?:you |u )?(?:too much|extra|more than|the wrong amount|[£$€]\s?\d[\d,.]* instead of)|(?:sent|paid|transferred)\b[^.!?\n]{0,20}\bby (?:mistake|accident)|accidentally (?:sent|paid|transferred)|overpa(?:id|yment)|(?:cheque|cashier'?s check|certified check|money order) (?:for|of|worth) [£$€]?\s?\d)/u,
);
/** "Refund me the difference", "keep £350 and send the rest to my shipper". */
const SEND_THE_DIFFERENCE = cue(
  'difference rest balance extra excess remaining',
  /\b(?:refund|send|return|give|transfer|pay|forward)(?: me| back| it)*(?: the)? (?:[£$€]\s?\d[\d,.]* )?(?:difference|rest|balance|extra|excess|remaining (?:amount|money|balance))\b/u,
);
/** A buyer or seller you only know from a listing: the setting where overpayment scams happen. */
const SALE_CONTEXT = cue(
  'marketplace facebook ebay vinted gumtree depop craigslist item listing zelle cash venmo buyer seller shipper courier collect pick sofa bike car',
  /\b(?:marketplace|facebook|ebay|vinted|gumtree|depop|craigslist|item|listing|zelle|cash ?app|venmo|buyer|seller|shipper|courier|collect|pick (?:it )?up|sofa|bike|car)\b/u,
);
/** A landlord or seller who will not show the place: "no viewings", "I'll post you the keys". */
const NO_VIEWING = cue(
  'can unable not keys',
  /\b(?:(?:can'?t|cannot|unable to|not able to) (?:do|arrange|offer|show) (?:any |a )?(?:viewings?|you (?:around|round|the (?:flat|house|room|place|property)))|(?:post|send|mail|courier) (?:you )?the keys)\b/u,
);
/** Money before the viewing: a deposit or first month's rent, or a holding fee. */
const DEPOSIT_FIRST = cue(
  'deposit first rent holding advance',
  /\b(?:deposit|first month'?s? rent|holding fee|rent in advance)\b/u,
);

/** Overpayment and unseen-deposit scams (`scam.overpayment_deposit`). */
export function scoreOverpaymentDeposit(read: CueReader): number {
  let score = 0;
  if (read(OVERPAID) && read(SEND_THE_DIFFERENCE)) score = read(SALE_CONTEXT) ? 0.75 : 0.35;
  // Pay first, see it never: the deposit for a flat shown only in photos.
  if (read(NO_VIEWING) && read(DEPOSIT_FIRST)) score = noisyOr(score, 0.7);
  return score;
}

// --- Fees up front: loans, "withdrawal tax", recovery services -----------------------------------

/** A fee to be paid before the money moves, whatever it is called. */
const UPFRONT_FEE = cue(
  'fee charge tax cost payment',
  /\b(?:(?:admin(?:istration)?|processing|release|insurance|activation|arrangement|upfront|up-front|clearance|verification|withdrawal|unlock(?:ing)?|unfreez(?:e|ing)) (?:fee|charge|tax|cost|payment)s?|fee (?:up ?front|in advance|first))\b/u,
);
/** A loan you did not apply for: "approved for a £5,000 loan", "no credit check". */
const LOAN_OFFER = cue(
  'loan credit guaranteed',
  /\b(?:(?:pre-?)?approved for (?:a |an |your )?(?:[£$€]?\s?\d[\d,.]*k? )?(?:\w+ )?loan|loan (?:has been |is )?(?:pre-?)?approved|no credit checks?|guaranteed (?:loan|approval))\b/u,
);
/** Money held until you pay: "before your profits can be released", "to release the funds". */
const LOCKED_PAYOUT = cue(
  'release unlock unfreeze funds profit earnings balance winnings money loan',
  /\b(?:(?:release|unlock|unfreeze) (?:the |your |ur )?(?:funds|profits?|earnings|balance|winnings|money|loan)|(?:funds|profits?|earnings|balance|winnings|money|loan)\b[^.!?\n]{0,25}\b(?:can|will) (?:only )?be (?:released|unlocked|withdrawn|paid out|transferred))\b/u,
);
/** "Recovery" of money lost to scammers: the second scam that follows the first. */
const FUNDS_RECOVERY = cue(
  'recover lost',
  /\b(?:(?:funds?|crypto|bitcoin|asset|money|scam) recovery|recover(?:ing)? (?:the |your |ur )?(?:lost |stolen )?(?:funds|money|crypto|bitcoin|savings)|get back (?:the |your |ur )?(?:funds|money|crypto|bitcoin|savings) (?:you |u )?lost|lost to (?:scammers|a scam|fraud))\b/u,
);

/** Fees before money is released (`scam.upfront_fee`). */
export function scoreUpfrontFee(read: CueReader): number {
  const recovery = read(FUNDS_RECOVERY);
  const pretext = recovery || read(LOAN_OFFER) || read(LOCKED_PAYOUT);
  if (!pretext) return 0;
  if (read(UPFRONT_FEE)) return 0.75;
  // Recovery services for scam victims are themselves almost always the scam.
  return recovery ? 0.35 : 0.05;
}
