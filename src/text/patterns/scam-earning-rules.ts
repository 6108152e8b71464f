/**
 * Scams that promise earnings: crypto "investment" with guaranteed returns or money flipping, and
 * jobs that pay for likes, reviews or tasks until you are asked to pay in. Rules as in scam-rules.ts.
 */
import { cue, type CueReader } from './cue.js';

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

/** "Doubles your money", "money flipping": a person who multiplies what you send them. */
const MONEY_FLIP = cue(
  'double triple flip multipl money cash',
  /\b(?:(?:doubles?|triples?|flips?|multipl(?:y|ies)) (?:(?:your|ur|people'?s|my|the) )?(?:money|cash|investment|deposit)|(?:money|cash|cash ?app) flip(?:ping|s)?)\b/u,
);
/** The flip is fast ("in an hour") or goes through a person ("send him $100"), not a savings rate. */
const FLIP_TERMS = cue(
  'in within overnight same instantly send',
  /\b(?:(?:in|within) (?:an?|one|\d+|a few|a couple of) (?:hours?|hrs?|minutes?|mins?|day)|overnight|same day|instantly|send (?:him|her|them|me|us) (?:[£$€]\s?\d|\d[\d,.]* ?(?:dollars|pounds|quid|bucks)))/u,
);

/** Crypto "investment" and money flipping (`scam.crypto_investment`). */
export function scoreCrypto(read: CueReader): number {
  if (read(MONEY_FLIP) && read(FLIP_TERMS)) return 0.7;
  const crypto = read(CRYPTO);
  const returns = read(PROMISED_RETURNS);
  if (!returns) return crypto && read(RECRUIT) ? 0.3 : crypto ? 0.03 : 0;
  const recruit = read(RECRUIT);
  if (crypto) return recruit ? 0.88 : 0.6;
  return recruit ? 0.6 : 0.35;
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
/** The "prepaid task" step said outright: a top-up or deposit to unlock better-paid tasks. */
const TASK_TOP_UP = cue(
  'top recharge deposit unlock vip premium',
  /\b(?:top[- ]?ups?|recharge|deposit) (?:is |are )?(?:required|needed|necessary)\b|\bunlock (?:the |more |higher |vip |premium |new )+(?:tasks?|orders?|commissions?)\b|\b(?:vip|premium) (?:tasks?|orders?)\b/u,
);
/** "Your profile matches our role", "we saw your CV": a recruiter you never applied to. */
const UNSOLICITED_RECRUITER = cue(
  'profile cv resume application experience background role position job vacancy',
  /\b(?:your (?:profile|cv|resume|experience|background) (?:matches|fits|suits|was (?:selected|shortlisted)|has been (?:selected|shortlisted))|(?:we|i) (?:saw|found|came across|reviewed|viewed|got) your (?:cv|resume|profile)|(?:selected|shortlisted|chosen|picked) (?:you )?for (?:a|an|our|the) (?:\w+ )?(?:role|position|job|vacancy))\b/u,
);
/** Moving the "job" into a private chat app, or to a "supervisor" there, away from any real employer. */
const OFF_PLATFORM_CHAT = cue(
  'telegram whatsapp signal supervisor hr mentor receptionist coordinator trainer team assistant',
  /\b(?:download|install|add|contact|message|text|reach|join|chat)\b[^.!?\n]{0,25}\b(?:telegram|whatsapp|signal)\b|\b(?:contact|message|add|text) (?:our|my|the) (?:supervisor|hr|mentor|receptionist|coordinator|trainer|team leader|assistant)\b/u,
);
const JOB_CONTACT = cue(
  '',
  /\b(?:whatsapp|telegram|signal|contact (?:me|us)|dm (?:me|us)|message (?:me|us)|reply (?:yes|y|1|interested)|add me|click|apply (?:now|here|today)|are you interested|interested\?|if interested)\b/u,
);

/** Paid tasks and unsolicited jobs (`scam.job_task`). */
export function scoreJob(read: CueReader): number {
  const earn = read(EARN_PER_PERIOD);
  const strong = read(TASK_STRONG);
  const weak = read(TASK_WEAK);
  const prepay = read(TASK_PREPAY);
  const unsolicited = read(UNSOLICITED_RECRUITER);
  if (!earn && !strong && !weak && !prepay && !unsolicited) return 0;
  if (prepay) return earn || strong ? 0.9 : 0.6;
  if (strong && read(TASK_TOP_UP)) return 0.85;
  // An unasked-for offer that moves to a chat app is the task scam's first step, pay or no pay.
  if (unsolicited && read(OFF_PLATFORM_CHAT)) return earn ? 0.85 : 0.6;
  const contact = read(JOB_CONTACT);
  if (earn && (strong || weak)) return 0.85;
  if (earn) return contact ? 0.65 : 0.5;
  if (strong) return contact ? 0.6 : 0.35;
  return contact ? 0.3 : 0.08;
}
