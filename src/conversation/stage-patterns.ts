/**
 * Stage signals in one message, as explained pattern rules on the shared cue machinery (see
 * `../text/patterns/cue.ts`): written in plain lower-case English, matched on normalised text,
 * prefiltered by word stems. A stage's strength says how clearly the message shows it: "send me a
 * pic" is 0.6, "send me a pic in your underwear" is 1. Which of these matter, and how much, depends
 * on who sent them and what came before; that is the risk model's job (`risk.ts`), not this file's.
 *
 * Every regex is non-global and uses bounded repetition only, so a 64 KiB message cannot make one
 * backtrack.
 */
import { cue, type Cue, type CueReader } from '../text/patterns/cue.js';
import { BARE_AGE, type StageHit } from './stages.js';

const YOU = '(?:you|u|ya)';
const YOUR = '(?:your|ur|yr)';
const YOURE = "(?:you'?re|youre|you are|u r|u are|ur|your)";
const ARE = '(?:are|r)';
const WILL = "(?:i'?ll|ill|i will|i can|i could|i'?m gonna|im gonna|i'?m going to|let me|want me to)";
const PHOTO = '(?:pics?|photos?|pictures?|selfies?|snaps?|vids?|videos?|face ?pics?|images?)';
const APPS = '(?:snap(?:chat)?|insta(?:gram)?|ig|whats ?app|telegram|kik|discord|signal|wickr|skype|tiktok|wechat|viber|threema)';
const APP_STEMS = 'snap insta ig whatsapp whats telegram kik discord signal wickr skype tiktok wechat viber threema';
const GUARDIANS = '(?:parents|mum|mom|mam|mummy|mommy|dad|daddy|mother|father|family|folks|teachers?|guardians?|carers?)';
const GUARDIAN_STEMS = 'parents mum mom mam mummy mommy dad daddy mother father family folks teacher guardian carer';
const CLOTHES = '(?:underwear|bra|panties|knickers|bikini|swimsuit|pyjamas|pjs|lingerie|shirt|top|clothes|towel|boxers)';
const CLOTHES_STEMS = 'underwear bra panties knickers bikini swimsuit pyjamas pjs lingerie shirt top clothes towel boxers';

const rx = (source: string): RegExp => new RegExp(source, 'u');

// --- Rapport and flattery ------------------------------------------------------------------------

/** Flattery about looks or maturity, and "hey cutie" openers. */
const LOOKS = cue(
  'beautiful gorgeous pretty stunning hot sexy cute adorable attractive handsome cutie babe baby princess sweetie',
  rx(`\\b(?:${YOURE}|${YOU} (?:look|looked|are looking))(?: so| really| very| such a| the most| literally| actually)* (?:beautiful|gorgeous|pretty|stunning|hot|sexy|cute|adorable|attractive|handsome)\\b|\\b(?:hi|hey|hello|hiya|heya|morning) (?:cutie|beautiful|gorgeous|sexy|handsome|babe|baby|princess|sweetie|pretty)\\b`),
);
/** "You are special", "so grown up", "not like other girls". */
const SPECIAL = cue(
  'special mature grown different other not',
  rx(`\\b${YOURE}(?: so| really| very| just| such a)* (?:special|mature|grown[- ]?up|different)(?: to me| for me)?\\b|\\b${YOU} (?:were|was|seem|act|acted)(?: so| really| very)* (?:mature|grown[- ]?up)\\b|\\bnot like (?:other|the other|most) (?:girls|boys|guys|kids|people)\\b`),
);
/** "Nobody understands you like I do", "you can tell me anything". */
const BOND = cue(
  'understands gets knows understand tell talk never met',
  rx(`\\b(?:no ?one|nobody) (?:understands|gets|knows) ${YOU} (?:like|the way|as well as) (?:i|me)\\b|\\bi understand ${YOU} better than\\b|\\b${YOU} can (?:tell|talk to) me (?:about )?anything\\b|\\bi(?:'ve| have)? never met (?:anyone|someone|a girl|a boy|a guy) like ${YOU}\\b`),
);
/** Ordinary praise: "you're really good at this", "so talented". */
const PRAISE = cue(
  'good talented amazing funny smart favourite favorite',
  rx(`\\b${YOURE}(?: so| really| very| actually| literally| such a)* (?:good|talented|amazing|funny|smart)\\b|\\b${YOURE} (?:my )?(?:favou?rite)\\b`),
);

function rapport(read: CueReader): number {
  if (read(BOND)) return 1;
  if (read(SPECIAL)) return 0.9;
  if (read(LOOKS)) return 0.6;
  return read(PRAISE) ? 0.4 : 0;
}

// --- Age ------------------------------------------------------------------------------------------

const HOW_OLD = cue(
  'old age asl',
  rx(`\\bhow old ${ARE} ${YOU}\\b|\\bhow old ${YOU} ${ARE}\\b|\\bhow old\\?|\\bwhat(?:'s| is|s) ${YOUR} age\\b|\\basl\\b`),
);
const SCHOOL_YEAR = cue(
  'grade year class middle high elementary primary secondary junior',
  rx(`\\bwhat (?:grade|year|class) ${ARE} ${YOU} in\\b|\\b${ARE} ${YOU} (?:in|at) (?:middle|high|elementary|primary|secondary|junior high) school\\b`),
);
/** "Mature for your age", "age is just a number", "you look older": the grooming version of age talk. */
const AGE_DISMISSED = cue(
  'mature grown old older age legal over under',
  rx(`\\b(?:mature|grown[- ]?up|old) for ${YOUR} age\\b|\\bmature for (?:a |an )?(?:1[0-7]|[89]|[a-z]+teen)\\b|\\bage (?:is|'s) (?:just |only )?a number\\b|\\b${YOU} (?:look|seem|act|sound)(?: so| much| way| a lot)* older\\b|\\b${ARE} ${YOU} (?:even )?(?:over|under) (?:18|eighteen|16|sixteen)\\b|\\b${ARE} ${YOU} (?:even )?legal\\b`),
);

function ageProbe(read: CueReader): number {
  if (read(AGE_DISMISSED)) return 1;
  if (read(HOW_OLD)) return 0.7;
  return read(SCHOOL_YEAR) ? 0.6 : 0;
}

/** The writer's own age under 18: "I'm 14", "14 years old". Tested on every message: "8" and "9" are too short for a stem. */
const MINOR_AGE = cue(
  '',
  rx(`\\b(?:i'?m|im|i am) (?:only |just |turning |nearly |almost )?(?:[89]|1[0-7]|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)\\b(?!(?: and a half)? ?(?:minutes?|mins?|hours?|hrs?|seconds?|secs?|km|miles?|metres?|meters?|kg|lbs?|pounds|dollars|quid|euros?|%|percent|times|inches|cm|feet|ft|am|pm|o'?clock|days?|weeks?|months?|th|st|nd|rd|k|[:.,]\\d))|\\b(?:[89]|1[0-7]) ?(?:years? old|yrs? old|yo|y\\/o)\\b`),
);
/** "I'm in year 8", "in middle school": young, less exactly. */
const SCHOOL_AGE = cue(
  'year grade middle primary elementary junior',
  rx(`\\b(?:i'?m|im|i am) in (?:year|grade) (?:[1-9]|1[01])\\b|\\b(?:i'?m|im|i am) in (?:[1-9]|1[01])(?:st|nd|rd|th) grade\\b|\\b(?:i'?m|im|i am|i go to|i'?m at) (?:in )?(?:middle|primary|elementary|junior high) school\\b|\\byear (?:[1-9]|1[01])\\b`),
);
/** A reply that is only a number of years: "14", "15 u?", "16 hbu". */
const BARE_NUMBER = cue('', rx(`^(?:[89]|1[0-7])(?:,? ?(?:and you|hbu|wbu|u|you|what about you|lol|haha|yrs?|years?|y\\/o|yo))?[ ?!.,😊🙂😅😂]*$`));

// --- Secrecy and isolation ------------------------------------------------------------------------

/** Keeping the chat from parents or teachers: the isolation that protects an abuser. */
const HIDE_FROM_GUARDIANS = cue(
  GUARDIAN_STEMS,
  rx(`\\b(?:don'?t|dont|do not|never|no need to|doesn'?t need to|you don'?t have to) (?:tell|mention (?:it |this |me |us )?to|show|say (?:anything|a word) to|let) ${YOUR} ${GUARDIANS}\\b`),
);
/**
 * The same isolation phrased about the parents: "ur parents dont need to know", "your mum can't find
 * out", "what your dad doesn't know won't hurt him", "no need for your parents to know". Only *your*
 * parents: "my parents don't need to know I failed" is the writer's own business.
 */
const GUARDIANS_NEED_NOT_KNOW = cue(
  GUARDIAN_STEMS,
  rx(`\\b${YOUR} ${GUARDIANS} (?:don'?t|dont|do not|doesn'?t|doesnt|does not|shouldn'?t|shouldnt|should not|needn'?t|can'?t|cant|cannot|must not|mustn'?t|won'?t|wont|will not|never) (?:ever )?(?:need to |have to |gotta |need |got to )?(?:know|find out|hear about|see (?:this|these|it|our))\\b|\\bno (?:need|reason) for ${YOUR} ${GUARDIANS} to (?:know|find out)\\b|\\bwhat ${YOUR} ${GUARDIANS} (?:don'?t|dont|doesn'?t|doesnt) know\\b`),
);
/** "They don't need to know", "nobody else has to find out": secrecy without naming who from. */
const OTHERS_NEED_NOT_KNOW = cue(
  'they anyone anybody nobody no noone people',
  rx(`\\b(?:they|anyone|anybody|anyone else|people) (?:don'?t|dont|do not|doesn'?t|doesnt|does not) (?:need|have|gotta|got) (?:to )?(?:know|find out)\\b|\\b(?:no ?one|nobody) (?:else )?(?:needs|has|have|is going|gonna) to (?:know|find out)\\b`),
);
/** Keeping "us" secret from anyone. */
const HIDE_US = cue(
  'anyone anybody no noone people others nobody between secret keep',
  rx(`\\b(?:don'?t|dont|do not|never) (?:tell|mention|show) (?:anyone|anybody|no ?one|people|others)(?: about)? (?:us|me|this chat|we|that we|our|what we|about us|about me)\\b|\\b(?:no ?one|nobody) (?:needs|has|have) to know\\b|\\b(?:no ?one|nobody) (?:else )?(?:will|would|is going to|gonna) (?:see|know)\\b|\\bjust between (?:you and me|us)\\b|\\b(?:this|it|that) (?:stays|is|has to stay|must stay) between us\\b|\\bour (?:little )?secret\\b|\\bkeep (?:this|it|us|our (?:chats?|talks?|messages)|this chat) (?:a )?(?:secret|private|quiet|between us|to yourself)\\b|\\bkeep (?:[a-z']+ ){0,3}(?:a )?secret\\b`),
);
/** Deleting the evidence. */
const DELETE_CHAT = cue(
  'delete deleting disappearing vanishing',
  rx(`\\bdelet(?:e|ing) (?:our|the|this|these|those|your|ur|all the|all our|my) (?:chats?|messages|msgs|texts|conversations?|convos?|dms|pics|photos|history)\\b|\\bdelet(?:e|ing) (?:it|them|this|these|everything) (?:after|when|once|so)\\b|\\b(?:disappearing|vanishing) (?:messages|mode)\\b`),
);
const WOULDNT_UNDERSTAND = cue(
  'understand get approve',
  rx(`\\b(?:they|${YOUR} parents|people|${YOUR} (?:mum|mom|dad)) (?:wouldn'?t|won'?t|would not|will not|don'?t|do not) (?:understand|get it|approve|get us|understand us)\\b`),
);
/** Secrets kept from a sibling or a friend: a surprise, mostly. */
const HIDE_FROM_PEERS = cue(
  'brother sister sibling friend cousin bf gf boyfriend girlfriend',
  rx(`\\b(?:don'?t|dont|do not|never) (?:tell|mention|show) ${YOUR} (?:brother|sister|siblings?|friends?|cousin|bf|gf|boyfriend|girlfriend)\\b`),
);
/** A secret that is a surprise, a promotion or a game. */
const HARMLESS_SECRET = cue(
  'surprise present gift party cake birthday promotion announcement quiz answer lineup team',
  rx(`\\b(?:surprise|present|gift|party|cake|birthday|promotion|announcement|quiz|answer|lineup|team)\\b`),
);

function secrecy(read: CueReader): number {
  const harmless = read(HARMLESS_SECRET) ? 0.4 : 1;
  if (read(HIDE_FROM_GUARDIANS) || read(GUARDIANS_NEED_NOT_KNOW)) return harmless < 1 ? 0.5 : 1;
  if (read(DELETE_CHAT)) return 1;
  let score = 0;
  if (read(HIDE_US) || read(OTHERS_NEED_NOT_KNOW)) score = 0.7 * harmless;
  if (read(WOULDNT_UNDERSTAND)) score = Math.max(score, 0.8);
  if (read(HIDE_FROM_PEERS)) score = Math.max(score, 0.35 * harmless);
  return score;
}

// --- Moving to another app ------------------------------------------------------------------------

const OTHER_APP = cue(
  APP_STEMS,
  rx(`\\b(?:add|message|text|dm|msg|hit|find|follow|call|talk to|chat (?:to|with)) me (?:up )?on ${APPS}\\b|\\b(?:do|have) ${YOU} (?:got |have |use |got a )?(?:a |an )?${APPS}\\b|\\b(?:what(?:'s| is|s)|send me|give me) ${YOUR} ${APPS}\\b|\\b(?:my|here'?s my) ${APPS}\\b|\\b(?:let'?s|lets|we (?:should|could|can)|can we|shall we|wanna|want to) (?:talk|chat|move|switch|continue|go|text)(?: this)? (?:on|to|over to|over on|in) ${APPS}\\b|\\badd me on ${APPS}\\b`),
);
/** "Somewhere more private", "text me there". */
const PRIVATE_PLACE = cue(
  'private another different other there easier safer better',
  rx(`\\b(?:somewhere|app|place|chat) (?:more )?private\\b|\\b(?:another|different|other) app\\b|\\b(?:talk|chat|text me) there\\b|\\b(?:easier|safer|better) to (?:talk|chat) (?:there|on)\\b`),
);

function platformSwitch(read: CueReader): number {
  const app = read(OTHER_APP);
  const hidden = read(PRIVATE_PLACE);
  if (app && hidden) return 1;
  return app ? 0.6 : hidden ? 0.5 : 0;
}

// --- Gifts ----------------------------------------------------------------------------------------

const GAME_CURRENCY = cue(
  'robux bucks vbucks battle nitro skin gems free gift game credit',
  rx(`\\b(?:robux|v-?bucks|vbucks|battle ?pass|nitro|skins?|gems|free coins|gift ?cards?|game credits?|credits)\\b`),
);
const OFFER = cue(
  'buy get send give gift pay top sent gave got bought want like',
  rx(`\\b${WILL} (?:buy|get|send|give|gift|pay for|top up)(?: ${YOU}| ${YOUR})\\b|\\b(?:sent|gave|got|bought) ${YOU}\\b|\\b(?:do|would) ${YOU} (?:want|like) (?:some |free |a )?(?:robux|v-?bucks|vbucks|money|cash|gift ?cards?|a gift|a present|skins?|gems|nitro|battle ?pass)\\b`),
);
const MONEY_AMOUNT = cue('', rx(`(?:[£$€]\\s?\\d|\\b\\d[\\d,.]*\\s?(?:k\\b|usd|gbp|eur|usdt|btc|dollars?|pounds?|quid|euros?|bucks)\\b)`));

function giftOffer(read: CueReader): number {
  const offer = read(OFFER);
  if (!offer) return read(GAME_CURRENCY) ? 0.3 : 0;
  return read(GAME_CURRENCY) || read(MONEY_AMOUNT) ? 0.9 : 0.5;
}

// --- Photos and video calls -----------------------------------------------------------------------

const WEARING = cue('wearing', rx(`\\bwhat(?:'re| are| r|re) ${YOU} wearing\\b|\\bwhat ${YOU} wearing\\b`));
/** "What are you wearing to the party": an outfit question. */
const WEARING_TO = cue('wearing', rx(`\\bwearing (?:to|for|at|on) (?!bed\\b)`));
const ASK_PHOTO = cue(
  'pic photo picture selfie snap vid video face image',
  rx(`\\b(?:send|show|snap|give) (?:me )?(?:a |an |some |more |another |one |${YOUR} |the )?(?:${PHOTO})\\b|\\b(?:${PHOTO}) (?:pls|please|plz)\\b|\\bcan i (?:get|have|see) (?:a |an |some |more |another )?(?:${PHOTO})\\b`),
);
/** "Wanna trade pics?", "swap snaps": a picture trade, the usual opening of sextortion. */
const TRADE_PHOTO = cue(
  'trade trading swap swapping exchange exchanging',
  rx(`\\b(?:trade|trading|swap|swapping|exchange|exchanging) (?:some |a few )?(?:${PHOTO})\\b`),
);
const SEE_YOU = cue(
  'see look',
  rx(`\\bcan i see (?:${YOU}|${YOUR} face|what ${YOU} look like|more)\\b|\\bwhat do ${YOU} look like\\b|\\b(?:want|wanna|would love|'d love) to see (?:${YOU}|${YOUR} face|that smile|${YOUR} smile|more of ${YOU})\\b`),
);
/** Photos of the person themselves. */
const OF_YOU = cue(
  'of from face selfie selfies prove know real not just me',
  rx(`\\b(?:of|from) (?:${YOU}|yourself|urself)\\b|\\b${YOUR} face\\b|\\bselfies?\\b|\\b(?:so i know|to prove|prove) ${YOURE} (?:real|not)\\b|\\bjust for me\\b`),
);
/** Photos of a thing: a form, homework, a bike, the party; or from an event ("the pics from sunday's match"). */
const OF_A_THING = cue(
  'of from',
  rx(`\\b(?:${PHOTO}) (?:of|from) (?:the|${YOUR}|my|a|an|this|that|these|those|both|his|her|their|our|it|last)\\b(?! (?:face|body|self)\\b)|\\b(?:${PHOTO}) from (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|tonight|[a-z]+'s)\\b`),
);
/** Asking to see the body, or for the camera on: a sexualised request by itself. */
const SHOW_BODY = cue(
  'body boobs tits chest legs feet butt ass bum dick cock pussy abs off cam camera webcam',
  rx(`\\b(?:show|send) me ${YOUR} (?:body|boobs|tits|chest|legs|feet|butt|ass|bum|dick|cock|pussy|abs)\\b|\\b(?:take|pull) (?:it|that|${YOUR} (?:top|shirt|clothes)) off\\b|\\b(?:turn|switch|put) on ${YOUR} (?:cam|camera|webcam)\\b`),
);
/** Clothing and "something sexy": sexualised when a photo is asked for. */
const BODY_PHOTO = cue(
  `${CLOTHES_STEMS} sexy naughty spicy hot revealing`,
  rx(`\\b(?:in|without|wearing|no|just) (?:${YOUR} |a |the |no |just )?${CLOTHES}\\b|\\b(?:something|one|a pic|a photo|a picture) (?:sexy|naughty|spicy|hot|more revealing)\\b|\\b(?:sexy|naughty|spicy|hot) (?:pics?|photos?|pictures?|selfies?|snaps?|videos?|vids?)\\b`),
);
const VIDEO_CALL = cue(
  'video facetime face cam skype',
  rx(`\\b(?:video ?call|video ?chat|facetime|face ?time|cam ?chat|skype call)\\b`),
);

function imageRequest(read: CueReader): number {
  const photo = read(ASK_PHOTO);
  const body = read(BODY_PHOTO);
  if (read(WEARING) && !read(WEARING_TO)) return 1;
  if (read(SHOW_BODY) || (body && (photo || read(SEE_YOU) || read(VIDEO_CALL)))) return 1;
  if (photo || read(TRADE_PHOTO)) {
    if (read(OF_YOU)) return 0.7;
    if (read(OF_A_THING)) return 0.15;
    return photo ? 0.6 : 0.7;
  }
  if (read(SEE_YOU)) return 0.6;
  if (read(VIDEO_CALL)) return 0.5;
  return read(WEARING) ? 0.3 : 0;
}

// --- Sexual talk ----------------------------------------------------------------------------------

const SEXUAL_QUESTION = cue(
  'virgin sex done made been kissed kiss touched masturbate masturbating',
  rx(`\\b${ARE} ${YOU} (?:still )?(?:a )?virgin\\b|\\b(?:have|ever|did|do) ${YOU} (?:ever )?(?:had sex|done it|made out|been kissed|kissed (?:a|anyone|someone|a boy|a girl)|touched (?:yourself|urself)|masturbate)\\b`),
);
const SEXUAL_WORDS = cue(
  'yourself urself horny turned nude nudes naked undress undressed strip lingerie dick cock pussy boobs tits sexting sext blowjob bj orgasm cum wet hard',
  rx(`\\b(?:touch|touching|play with|playing with) (?:yourself|urself)\\b|\\b(?:horny|turned on|nudes?|naked|undress(?:ed)?|strip for me|lingerie|my dick|my cock|${YOUR} pussy|${YOUR} boobs|${YOUR} tits|sexting|sext|blowjob|orgasm)\\b|\\b(?:i'?m|im|i am|got me) (?:so )?(?:wet|hard)\\b`),
);
const DESIRE = cue(
  'kiss touch feel lick hold cuddle taste teach',
  rx(`\\bi (?:want|wanna|would love|'d love|would like|'d like) to (?:kiss|touch|feel|lick|taste) ${YOU}\\b|\\b(?:i could|i can|let me|i'?ll) teach ${YOU} (?:things|stuff|how to kiss|about sex|what to do)\\b`),
);
const NAUGHTY = cue('naughty', rx(`\\bnaughty\\b`));

function sexual(read: CueReader): number {
  if (read(SEXUAL_QUESTION) || read(SEXUAL_WORDS)) return 1;
  if (read(DESIRE)) return 0.8;
  return read(NAUGHTY) ? 0.6 : 0;
}

// --- Meeting, location and being alone ------------------------------------------------------------

const MEET = cue(
  'meet hang see pick come drive',
  rx(`\\b(?:wanna|want to|we should|let'?s|lets|can we|could we|shall we|we could|would like to|'d like to|love to|have to) (?:finally |really )?(?:meet|hang out|meet up|see each other)\\b|\\bmeet (?:me|up|irl|in person|in real life|there|at|for)\\b|\\bmeet(?:ing)? ${YOU} (?:in person|irl|in real life|alone|somewhere)\\b|\\b(?:i|i'?ll|ill|i can|i could|let me|i will|i'?m gonna) (?:pick ${YOU} up|come (?:and |to )?(?:get|see|visit|pick up) ${YOU}|drive ${YOU}|come over|come round|come to ${YOUR} (?:house|place|home))\\b|\\bcome (?:over )?to my (?:place|house|flat|apartment|car|hotel|room)\\b|\\bcome see ${YOU}\\b`),
);
/** Public places people arrange to meet at: a plan with a place is a plan. */
const PLACES = "(?:mall|park|cinema|movies|pictures|mcdonalds|mcdonald'?s|maccies|maccas|starbucks|station|train station|bus station|bus stop|library|arcade|shops|shopping cent(?:re|er)|skate ?park|beach|playground|pool|leisure cent(?:re|er)|food court|subway|kfc|cafe|coffee shop|corner|bowling alley|rink|field)";
const PLACE_STEMS = 'mall park cinema movies pictures mcdonald maccies maccas starbucks station bus library arcade shops shopping skate skatepark beach playground pool leisure food subway kfc cafe coffee corner bowling rink field';
/** "See u at the mall", "hang at the park", "come to the cinema with me", "i'll wait outside the station". */
const MEET_AT_PLACE = cue(
  PLACE_STEMS,
  rx(`\\b(?:see|meet|find|get) (?:${YOU}|me|each other) (?:at|by|outside|in front of|near|in) (?:the |a )?${PLACES}\\b|\\bhang (?:out )?(?:at|by|in) (?:the |a )?${PLACES}\\b|\\b(?:come|go|wanna go|want to go|let'?s go|lets go) (?:to )?(?:the |a )?${PLACES} (?:with me|together)\\b|\\b(?:i'?ll|ill|i will|i can|i'?m gonna) (?:be|wait|meet ${YOU}) (?:at|by|outside|in front of|near) (?:the |a )?${PLACES}\\b`),
);
/** Where someone lives or goes to school. */
const WHERE = cue(
  'where school town city area street part neighbourhood neighborhood address postcode zip which',
  rx(`\\bwhere (?:do|d) ${YOU} (?:live|stay|go to school)\\b|\\bwhat (?:school|town|city|area|street|part of town|neighbou?rhood) (?:do|are|r) ${YOU} (?:go to|in|at|live in|from|live)\\b|\\bwhat(?:'s| is) ${YOUR} (?:address|school|postcode|zip)\\b|\\bwhich school\\b`),
);
/** Whether the person is alone, or when the parents are out. */
const ALONE = cue(
  'alone parents mum mom dad folks',
  rx(`\\b${ARE} ${YOU} (?:home )?alone\\b|\\bhome alone\\b|\\bwhen (?:are|r|do|will) ${YOUR} (?:parents|mum|mom|dad|folks) (?:be )?(?:out|away|gone|asleep|at work|leave|go out|go to bed)\\b|\\b${YOUR} parents (?:are |r )?(?:asleep|away|out|gone)\\b`),
);
/** Meeting alone or in secret: "come alone", "don't bring anyone", "just you and me". */
const ALONE_CONTEXT = cue(
  'alone just two secret secretly tell after without my bring by on yourself urself own',
  rx(`\\b(?:alone|just us|just the two of us|in secret|secretly|our secret|don'?t tell|after school|without ${YOUR} parents|my (?:place|car|hotel|flat|apartment))\\b|\\b(?:don'?t|dont|do not|no need to) bring (?:anyone|anybody|no ?one|${YOUR} (?:friends?|mates?|mum|mom|dad|parents|sister|brother)|a friend|friends)\\b|\\bjust (?:${YOU} and me|me and ${YOU})\\b|\\b(?:by (?:yourself|urself)|on (?:${YOUR}|your) own)\\b`),
);

function meeting(read: CueReader): number {
  if (read(ALONE)) return 1;
  const meet = read(MEET) || read(MEET_AT_PLACE);
  if (meet && read(ALONE_CONTEXT)) return 1;
  if (meet) return 0.6;
  return read(WHERE) ? 0.6 : 0;
}

/** The writer says where they are, or that they are alone. Tested on every message: street addresses have no fixed word. */
const WHERE_I_AM = cue(
  '',
  rx(`\\b(?:i|we) live (?:in|at|on|near|by)\\b|\\bmy (?:address|postcode|zip code|school) is\\b|\\bi go to [a-z']+ (?:school|high|academy|primary|college)\\b|\\b(?:i|we) finish (?:school )?at\\b|\\bby the (?:side |front |back |main |school )?gate\\b|\\b\\d{1,4},? [a-z]+ (?:road|rd|street|st|lane|ln|avenue|ave|drive|close|way|crescent|grove)\\b`),
);
const I_AM_ALONE = cue(
  'alone parents mum mom dad work out away asleep home',
  rx(`\\b(?:i'?m|im|i am|i'?ll be|ill be) (?:home )?alone\\b|\\b(?:my )?(?:parents|mum|mom|dad) (?:are|is|r|will be|'s|s)? ?(?:at work|out|away|asleep|not home|gone)\\b`),
);

function personalInfo(read: CueReader): number {
  if (read(I_AM_ALONE)) return 1;
  return read(WHERE_I_AM) ? 0.7 : 0;
}

// --- Threats, deadlines and pleas (sextortion) ----------------------------------------------------

const AUDIENCE = '(?:mum|mom|mam|dad|parents|family|friends|followers|school|teachers?|boss|wife|husband|girlfriend|boyfriend|contacts|class|colleagues)';
const AUDIENCE_STEMS = 'mum mom mam dad parents family friends followers school teacher boss wife husband girlfriend boyfriend contacts class colleagues';
/** "Or I'll show your mum", "I'll send it to your followers". */
const EXPOSE = cue(
  AUDIENCE_STEMS,
  rx(`\\b(?:${WILL}|gonna|going to|or i|or i'?ll|or ill) (?:send|post|share|leak|show|forward|tell)\\b[^.!?\\n]{0,30}\\b${YOUR} ${AUDIENCE}\\b`),
);
/**
 * The exposure named as a consequence: "or ur whole school sees it", "otherwise your followers get the
 * pics", "the pics go to everyone at your school". It needs a condition (or, else, unless…) and
 * the images (or "it") as what is seen, or the images as what is sent, so "or the whole class sees
 * our slides" is not a threat.
 */
const EXPOSURE_THREAT = cue(
  `${AUDIENCE_STEMS} everyone every1 everybody all whole`,
  rx(`\\b(?:or|else|otherwise|unless|if not|if (?:${YOU}|${YOU} (?:don'?t|dont|do not|refuse|say no|block me|tell)))\\b[^.!?\\n]{0,24}\\b(?:${YOUR} (?:whole |entire )?${AUDIENCE}|everyone (?:at|in|from) ${YOUR} (?:school|class)|all ${YOUR} (?:friends|followers|contacts)|(?:the )?whole (?:school|class)|every(?:one|1|body)(?: ${YOU} know)?)\\b[^.!?\\n]{0,16}?\\b(?:(?:sees?|gets?|will (?:see|get)|(?:is |are )?(?:gonna|going to) (?:see|get)) (?:it|them|this|these|everything|${YOUR} (?:pics?|photos?|nudes|videos?|vids?|snaps?)|the (?:pics?|photos?|nudes|videos?|vids?|screenshots?|snaps?))|finds? out|will find out|(?:is |are )?(?:gonna|going to) find out)\\b|\\b(?:${YOUR} (?:pics?|photos?|nudes|videos?|vids?|snaps?)|the (?:pics?|photos?|nudes|videos?|vids?|screenshots?|snaps?)) (?:goes|go|gets sent|get sent|will go|is going|are going|gonna go) (?:to|out to|on) (?:${YOUR} (?:whole |entire )?${AUDIENCE}|everyone (?:at|in) ${YOUR} (?:school|class))\\b`),
);
/** Control once leverage is held: "now ur gonna do what i say". */
const COMPLY = cue(
  'do',
  rx(`\\b(?:${YOURE}|${YOU}) (?:gonna|going to|will|have to|must|better) do (?:what|whatever|everything|exactly what) i (?:say|tell ${YOU}|want|ask)\\b|\\bdo (?:what|whatever|exactly what) i (?:say|tell ${YOU}) or\\b`),
);
/** "I have screenshots of everything", "I recorded our call". */
const HOLDS_IMAGES = cue(
  'screenshots screenshot screen recordings recording copies video videos recorded screenshotted saved',
  rx(`\\bi (?:have|'ve got|got|saved|took|kept)(?: got)? (?:screenshots?|screen ?shots?|screen ?recordings?|recordings?|copies|a recording|a video|videos?) of (?:everything|it all|${YOU}|our|the call|what ${YOU})\\b|\\bi (?:recorded|screenshotted|screen ?recorded|saved) (?:our|the|${YOUR}|everything|it all)(?: (?:video |cam |facetime )?(?:call|chat|pics?|photos?|video|nudes))?\\b|\\bi (?:have|'ve got|got) (?:screenshots?|recordings?) of everything\\b`),
);
/** Knowing who the victim's people are. */
const KNOWS_PEOPLE = cue(
  'where address school family parents mum mom dad wife husband colleagues boss friends followers contacts found list',
  rx(`\\bi (?:know|found|have|'ve got|got) (?:where ${YOU} live|${YOUR} (?:address|school|family|parents|mum|mom|dad|wife|husband|colleagues|boss|friends list|followers|contacts))\\b|\\b${YOUR} (?:friends|followers|contacts) list\\b|\\bi found ${YOUR} [a-z]+ (?:and|&) ${YOUR} [a-z]+ on\\b`),
);
const LEVERAGE = cue(
  'ruin destroy end see deal else everyone trouble',
  rx(`\\b(?:ruin|destroy|end) ${YOUR} (?:life|reputation|career|marriage)\\b|\\b(?:so |then )?(?:nobody|no ?one) (?:has|have|needs) to see (?:this|it|them)\\b|\\b(?:let'?s|lets) make a deal\\b|\\bor (?:else|everyone sees|everyone will see)\\b|\\b(?:you'?ll|you will|ur gonna|you'?re going to|u will) (?:be|get) in (?:so much |big |a lot of |real )?trouble\\b`),
);
/**
 * "Everyone will see", "your family will know": a threat only with a condition or a demand beside it.
 * Alone it is as often news ("everyone will see them on the club website").
 */
const AUDIENCE_WILL_SEE = cue(
  'everyone every1 everybody friends family parents followers wife husband',
  rx(`\\b(?:everyone|every1|everybody|${YOUR} (?:friends|family|parents|followers|wife|husband)) (?:will|is going to|gonna|would) (?:see|know|find out)\\b`),
);
/** A condition on the writer's terms: "or i…", "unless", "if you don't", "otherwise". */
const CONDITION = cue(
  'or otherwise unless if',
  rx(`\\bor (?:else|i|i'?ll|ill|everyone|every1|everybody|${YOUR}|they|it|this|these|them)\\b|\\b(?:otherwise|unless|if not)\\b|\\bif ${YOU} (?:don'?t|dont|do not|won'?t|wont|refuse|say no|block|ignore|tell|report|stop|leave)\\b`),
);
/**
 * The images named as what is held or spread: "your pics", "the video", "nudes", "a video of you".
 * Only read beside a threat: it turns a threat into one about images.
 */
const NAMED_IMAGES = cue(
  'pic photo nude vid screen snap recording selfie naked',
  rx(`\\b(?:${YOUR}|the|these|those|this|that|them|all|our) (?:pics?|photos?|pictures?|nudes?|videos?|vids?|screenshots?|screen ?shots?|snaps?|recordings?|selfies?)\\b|\\bnudes?\\b|\\bnaked (?:pics?|photos?|pictures?|videos?|vids?)\\b|\\b(?:pics?|photos?|pictures?|videos?|vids?|recordings?) of ${YOU}\\b`),
);

function threat(read: CueReader): number {
  if (read(EXPOSE) || read(EXPOSURE_THREAT)) return 0.9;
  let score = 0;
  if (read(HOLDS_IMAGES)) score = 0.7;
  if (read(LEVERAGE)) score = Math.max(score, 0.7);
  if (read(AUDIENCE_WILL_SEE)) {
    const pressed = read(CONDITION) || read(DEMAND) || read(CARD_DEMAND) || read(COUNTDOWN);
    score = Math.max(score, pressed ? 0.7 : 0.3);
  }
  if (read(KNOWS_PEOPLE)) score = Math.max(score, 0.6);
  if (read(COMPLY)) score = Math.max(score, 0.7);
  return score;
}

/**
 * Images as the leverage: a claim to hold them ("I recorded our call"), or a threat that names them
 * ("or your pics go to your school"). Sextortion needs this, or photos asked for or sexual talk
 * earlier in the chat (`risk.ts`); a threat about a game loss or a secret is another kind of pressure.
 */
function imagesHeld(read: CueReader): number {
  if (read(HOLDS_IMAGES)) return 1;
  return read(NAMED_IMAGES) && threat(read) >= 0.5 ? 0.8 : 0;
}

const COUNTDOWN = cue(
  '',
  rx(`\\b(?:you(?:'ve)?|u) (?:have|got|get) (?:\\d+|one|two|three|five|ten|twenty|thirty) ?(?:minutes?|mins?|hours?|hrs?|h|days?)\\b|\\b\\d+ ?(?:minutes?|mins?|hours?|hrs?)(?: left)?[ .!]*$|\\btick ?tock\\b|\\bclock(?:'s| is) ticking\\b|\\btime(?:'s| is) running out\\b|\\b(?:until|till|before|by) (?:midnight|tonight|tomorrow morning|the end of (?:the )?day)\\b|\\bthen find it\\b|[⏰⏳⌛]`),
);

/** The victim begging or bargaining. */
const PLEA = cue(
  '',
  rx(`\\bplease (?:don'?t|dont|do not|stop|no)\\b|\\b(?:i'?ll|i will) do (?:anything|whatever)\\b|\\bi (?:only|just) have [£$€]?\\d|\\bi (?:don'?t|dont|do not) have (?:that|the money|that much|any money|it)\\b|\\bplease i\\b|\\bwhat do (?:you|u) want\\b`),
);

// --- Scam openers and trust-building ----------------------------------------------------------------

const WRONG_NUMBER = cue(
  'wrong number',
  rx(`\\bwrong (?:number|person|contact|chat)\\b|\\bgot ${YOUR} number from\\b`),
);
const WRONG_NUMBER_STRONG = cue('wrong', rx(`\\bwrong (?:number|person|contact|chat)\\b`));

const FAMILY_GREETING = cue(
  'mum mom mam mummy mommy mama dad daddy papa grandma grandpa nan nana gran granny son daughter kid child grandson granddaughter',
  rx(`\\b(?:hi|hey|hello|hiya|heya|morning)[,!. ]+(?:mum|mom|mam|mummy|mommy|mama|dad|daddy|papa|grandma|grandpa|nan|nana|gran|granny)\\b|\\b(?:it'?s|its|this is) (?:me[, ]+)?(?:your )?(?:son|daughter|kid|child|grandson|granddaughter)\\b|\\b(?:it'?s|its) (?:me[, ]+)?(?:dad|mum|mom)\\b`),
);
const NEW_NUMBER = cue(
  'new lost broke smashed dropped cracked damaged phone mobile cell number using texting save delete',
  rx(`\\bnew (?:number|phone|mobile|sim|cell)\\b|\\b(?:lost|broke|smashed|dropped|cracked|damaged) my (?:phone|mobile|cell)\\b|\\bmy (?:phone|mobile|cell) (?:is |got |has )?(?:broken|broke|smashed|died|dead|stolen|lost|fell)\\b|\\b(?:using|texting (?:you )?from|on) (?:a |my )?(?:friend'?s|mate'?s|colleague'?s|temporary|temp|new|other|spare|work) (?:phone|number|mobile)\\b|\\b(?:save|delete) (?:this|my new|the old|my old) (?:number|one)\\b`),
);

function familyClaim(read: CueReader): number {
  if (read(NEW_NUMBER)) return 1;
  return read(FAMILY_GREETING) ? 0.5 : 0;
}

const ABOUT_YOU = cue(
  'from based living work job single married',
  rx(`\\bwhere ${ARE} ${YOU} (?:from|based)\\b|\\bwhat do ${YOU} do (?:for (?:a )?(?:living|work))\\b|\\bwhat(?:'s| is) ${YOUR} (?:job|line of work)\\b|\\b${ARE} ${YOU} (?:single|married)\\b`),
);
const DAILY_CARE = cue(
  'eaten breakfast lunch dinner dear friend sweetheart handsome beautiful',
  rx(`\\bhave ${YOU} (?:eaten|had (?:your )?(?:breakfast|lunch|dinner))\\b|\\bgood (?:morning|night|evening)[,!. ]+(?:dear|my dear|my friend|sweetheart|handsome|beautiful)\\b`),
);
const FATE = cue('fate destiny meant sign', rx(`\\b(?:fate|destiny|meant to (?:be|meet)|it'?s a sign)\\b`));
const LIFESTYLE = cue(
  'business company boutique winery restaurant import export fashion jewel',
  rx(`\\bi (?:run|own|have|manage) (?:a |my own |an |our )?(?:small |family )?(?:business|company|boutique|winery|restaurant|import|export|fashion|jewel)\\w*\\b`),
);
const NICE_TO_MEET = cue('nice', rx(`\\bnice to (?:meet|chat with|talk to|know) ${YOU}\\b`));

function affinity(read: CueReader): number {
  if (read(FATE)) return 0.7;
  if (read(DAILY_CARE)) return 0.6;
  if (read(ABOUT_YOU) || read(LIFESTYLE)) return 0.5;
  return read(NICE_TO_MEET) ? 0.4 : 0;
}

const LOVE_STRONG = cue(
  'falling fallen fell soul soulmate true one everything destiny never future stop wait marry',
  rx(`\\b(?:falling|fallen|fell) (?:in love )?(?:for|with) ${YOU}\\b|\\b${YOURE} (?:my )?(?:soul ?mate|true love|the one|my everything|my destiny)\\b|\\bmy soul ?mate\\b|\\bnever felt (?:this way|like this|this)\\b|\\b(?:our|my) future together\\b|\\b(?:can'?t|cannot) (?:stop thinking about|wait to (?:hold|be with|meet|marry)) ${YOU}\\b|\\bmarry (?:${YOU}|me)\\b`),
);
const LOVE = cue('love luv adore', rx(`\\bi (?:love|luv|adore) ${YOU}\\b|\\blove ${YOU}\\b`));
const PET_NAME = cue(
  'love darling dear sweetheart honey queen king angel heart',
  rx(`\\bmy (?:love|darling|dear|sweetheart|honey|queen|king|angel|heart)\\b|\\b(?:darling|sweetheart)\\b`),
);

function loveDeclaration(read: CueReader): number {
  if (read(LOVE_STRONG)) return 1;
  if (read(LOVE)) return 0.7;
  return read(PET_NAME) ? 0.4 : 0;
}

/** A story of being stuck, blocked or far away: the reason money is needed. Tested on every message. */
const HARDSHIP = cue(
  '',
  rx(`\\b(?:stuck|stranded|detained|trapped|held) (?:at|in)\\b|\\b(?:customs|clearance|visa|hospital|surgery|medical|lawyer|legal|release) (?:fee|fees|bill|bills|charges?|costs?)\\b|\\b(?:my|the) (?:account|funds|card|bank account|wallet|salary) (?:is|are|has been|have been|got|was) (?:frozen|blocked|locked|suspended|on hold|delayed)\\b|\\b(?:banking )?app (?:won'?t|wont|doesn'?t|does not|isn'?t|is not) (?:work|working|let me)\\b|\\b(?:can'?t|cannot) (?:access|get into|log ?into?) (?:my )?(?:bank|account|banking|money)\\b|\\b(?:deployed|oil rig|offshore|peacekeeping|on a mission|military base)\\b|\\b(?:plane|flight) tickets?\\b|\\bleave request\\b`),
);

const PLATFORM_PITCH = cue(
  'trading crypto bitcoin btc eth usdt forex gold stock futures options trade invest investing investment',
  rx(`\\b(?:trading|crypto|bitcoin|btc|eth|usdt|forex|gold|stock|futures|options) (?:platform|app|exchange|account|contracts?|signals?|group|mentor|bot|site|website)\\b|\\b(?:we|i|they) trade (?:btc|bitcoin|crypto|eth|forex|gold|usdt|stocks?|futures|contracts)\\b|\\b(?:invest|investing|investment) (?:with|in|on|through) (?:this|my|our|the|their) (?:platform|app|site|exchange)\\b`),
);
const RETURNS = cue(
  'made earned gained make making earn profit profits return returns gain gains guaranteed risk no',
  rx(`\\b(?:made|earned|gained|make|making|earn) (?:about |around |over )?(?:\\d+ ?%|[$£€]?\\d[\\d,.]*k?)\\b[^.!?\\n]{0,30}\\b(?:last|this|a|per|each|every|in a|in one) (?:week|day|month)\\b|\\b\\d+ ?% (?:profit|return|gain)s?\\b|\\b(?:guaranteed|risk[- ]free|no risk) (?:profits?|returns?|income|investment)\\b`),
);
const COACHING = cue(
  'show teach guide help start starting withdraw open create register deposit',
  rx(`\\b(?:i can|let me|i'?ll|i will|i could) (?:show|teach|guide|help) ${YOU}(?: how)?(?: to)? (?:invest|trade|trading|make money|earn|get started|step by step)\\b|\\b(?:start|starting) (?:small |with )(?:just |only )?[$£€]?\\d+|\\bwithdraw (?:anytime|any time|${YOUR} profits?|the profits?)\\b|\\b(?:open|create|register) (?:an? )?(?:account|wallet) (?:on|at|with)\\b|\\bdeposit (?:address|bonus)\\b`),
);
const EXPERT = cue(
  'analyst trader financial investment insider mentor expert market',
  rx(`\\b(?:market analyst|analyst|trader|financial (?:advisor|adviser)|investment (?:advisor|adviser|expert)|insider|trading mentor)\\b`),
);

function investmentPitch(read: CueReader): number {
  const platform = read(PLATFORM_PITCH);
  const returns = read(RETURNS);
  const coaching = read(COACHING);
  if ((platform || returns) && (coaching || read(EXPERT))) return 1;
  if (platform || returns || coaching) return 0.8;
  return read(EXPERT) ? 0.4 : 0;
}

// --- The ask --------------------------------------------------------------------------------------

const ASK_MONEY = cue(
  'lend send transfer wire give loan pay spot cover help',
  rx(`\\b(?:can|could|would|will) ${YOU} (?:please )?(?:lend|send|transfer|wire|give|loan|pay|spot|cover|help me with|help me pay|help me out with) (?:me )?(?:some |the |a |my )?(?:money|cash|funds|[$£€]\\s?\\d|\\d+|it|for|this|bill|fiver|tenner|quid|bucks)`),
);
const NEED_MONEY = cue(
  'need pay back return repay help',
  rx(`\\b(?:i|i'?ll|i will) need (?:some |the |a )?(?:money|cash|funds|[$£€]\\s?\\d)|\\bneed to pay (?:a|the|this|my|for) \\w+|\\bi need ${YOU} to (?:pay|send|transfer|buy)\\b|\\b(?:pay|paying) ${YOU} back\\b|\\bi'?ll return (?:it|the money)\\b|\\b(?:repay|repaying) ${YOU}\\b|\\bhelp (?:me )?(?:out )?(?:with )?(?:a |the |some )?(?:[$£€]\\s?\\d|\\d[\\d,.]* ?(?:dollars|pounds|euros|usd|gbp))`),
);
const PAY_TO = cue(
  'send transfer wire pay bank account sort iban routing wallet swift',
  rx(`\\b(?:send|transfer|wire|pay) (?:it |the money |me |us )?(?:[$£€]?\\d[\\d,.]* )?(?:to|into|via) (?:this|my|the|our) (?:account|wallet|address|card)\\b|\\b(?:bank|account) (?:details|number|no)\\b|\\b(?:sort code|iban|routing number|wallet address|swift code)\\b`),
);
const DEMAND = cue(
  '',
  rx(`\\b(?:pay|send|give) me\\b[^.!?\\n]{0,12}[$£€]\\s?\\d|(?:^|[.!?] )(?:pay|send|transfer) (?:me )?[$£€]\\s?\\d|\\b(?:pay|send) (?:me )?\\d+ ?(?:dollars|pounds|euros|usd|btc|bitcoin)\\b|\\b(?:cash ?app|venmo|zelle|western union|moneygram)\\b|\\bin (?:bitcoin|btc|crypto|gift ?cards?)\\b|\\bthen pay\\b|\\bpay (?:up|now)\\b`),
);
const GIFT_CARD_ASK = cue(
  'buy get purchase send text only accept gift giftcard giftcards itunes steam google amazon cards codes',
  rx(`\\b(?:buy|get|purchase) (?:me )?(?:some |[$£€]?\\d+ (?:in |worth of )?)?(?:gift ?cards?|itunes|steam|google play|amazon|cards)\\b|\\b(?:send|text) (?:me )?(?:the )?(?:pictures?|pics?|photos?) of (?:the )?(?:codes?|cards?)\\b|\\bonly accept (?:\\w+ )?gift ?cards?\\b`),
);

/**
 * Payment demanded in gift cards or game currency: "i want 100 in steam cards", "send me 2000 robux",
 * "pay $50 in google play codes". Not an offer ("i'll get you robux" is gift_offer) and not a wish
 * list: it needs a demand verb and an amount or the cards/codes themselves.
 */
const CARD_DEMAND = cue(
  'want need give send get buy pay expect',
  rx(`\\b(?:i want|i need|i expect|give me|send me|get me|buy me|pay me|pay|send)(?: me)? (?:[$£€]?\\d[\\d,.]*k?|a hundred|fifty|twenty|some|a)? ?(?:(?:dollars?|pounds?|quid|bucks|usd|gbp) )?(?:in |worth of |of |as )?(?:steam|itunes|apple|google play|amazon|roblox|xbox|psn|playstation|razer(?: gold)?|vanilla|visa|nintendo|fortnite|gift|game)(?: gift)? ?(?:cards?|codes?|credit|vouchers?)\\b|\\b(?:i want|i need|give me|send me|pay me|pay)(?: me)? (?:[$£€]?\\d[\\d,.]*k?|a hundred|fifty|twenty) ?(?:robux|v-?bucks|vbucks|gems|coins|points)\\b`),
);

function moneyRequest(read: CueReader): number {
  if (read(GIFT_CARD_ASK) || read(CARD_DEMAND)) return 1;
  if (read(DEMAND)) return 0.8;
  if (read(ASK_MONEY) || read(NEED_MONEY)) return 0.7;
  return read(PAY_TO) ? 0.6 : 0;
}

const CODE_ASK = cue(
  'code codes pin otp passcode verification',
  rx(`\\b(?:send|give|tell|read|forward|text) (?:me |us )?(?:the |that |${YOUR} )?(?:\\d[- ]?digit )?(?:code|pin|otp|passcode|verification code)s?\\b`),
);

/** The writer about to pay, or asking how: "how do I deposit", "I just transferred $500". Tested on every message. */
const PAYING = cue(
  '',
  rx(`\\b(?:i(?:'ll| will| can| could)?|ok i'?ll|let me|i'?m going to|i'?m gonna) (?:send|transfer|pay|wire|deposit|buy)\\b|\\b(?:i'?ll|i will|i can|let me) (?:get|find|borrow) (?:the |some )?money\\b|\\b(?:i(?:'ve| have)?|just) (?:sent|transferred|paid|deposited|bought|wired) (?:it|the|you|u|them|[$£€]|\\d|my)\\b|\\b(?:what(?:'s| is| are)|send me|give me) (?:${YOUR}|the) (?:bank|account|payment|wallet|card)(?: (?:details|number|address|info))?\\b|\\bhow (?:do|can|should|would) i (?:pay|send|deposit|transfer|invest|buy)\\b|\\b(?:should i|shall i|can i) send (?:the|you|u) (?:codes?|money|cards?|pictures?|pics?)\\b|\\b(?:sending|sent) (?:it|you the money|the money) (?:now|today|tomorrow)\\b`),
);
/** A message that is a bare code: "482913". */
const BARE_CODE = cue('', rx(`^\\D{0,12}\\b\\d{4,8}\\b\\D{0,12}$`), { on: 'raw' });

// --- The rules ------------------------------------------------------------------------------------

/** One stage's rule: its strength in a message, 0 when absent. */
type StageRule = readonly [stage: StageHit['stage'], score: (read: CueReader) => number];

const STAGE_RULES: readonly StageRule[] = [
  ['rapport', rapport],
  ['age_probe', ageProbe],
  ['minor_age', (read) => (read(MINOR_AGE) ? 1 : read(SCHOOL_AGE) ? 0.5 : 0)],
  [BARE_AGE, (read) => (read(BARE_NUMBER) ? 1 : 0)],
  ['secrecy', secrecy],
  ['platform_switch', platformSwitch],
  ['gift_offer', giftOffer],
  ['image_request', imageRequest],
  ['sexual', sexual],
  ['meeting', meeting],
  ['personal_info', personalInfo],
  ['threat', threat],
  ['images_held', imagesHeld],
  ['countdown', (read) => (read(COUNTDOWN) ? 0.8 : 0)],
  ['plea', (read) => (read(PLEA) ? 0.8 : 0)],
  ['wrong_number', (read) => (read(WRONG_NUMBER_STRONG) ? 1 : read(WRONG_NUMBER) ? 0.5 : 0)],
  ['family_claim', familyClaim],
  ['affinity', affinity],
  ['love_declaration', loveDeclaration],
  ['hardship', (read) => (read(HARDSHIP) ? 0.7 : 0)],
  ['investment_pitch', investmentPitch],
  ['money_request', moneyRequest],
  ['code_request', (read) => (read(CODE_ASK) ? 0.8 : 0)],
  ['payment', (read) => (read(PAYING) ? 0.8 : read(BARE_CODE) ? 0.6 : 0)],
];

/** The stages one message's text shows, each with its strength; stages it does not show are left out. */
export function readStages(read: CueReader): StageHit[] {
  const hits: StageHit[] = [];
  for (const [stage, score] of STAGE_RULES) {
    const strength = Math.round(score(read) * 100) / 100;
    if (strength > 0) hits.push({ stage, strength });
  }
  return hits;
}

/** Every cue this file declares, for the prefilter soundness test. */
export const STAGE_CUES: readonly Cue[] = [
  LOOKS, SPECIAL, BOND, PRAISE, HOW_OLD, SCHOOL_YEAR, AGE_DISMISSED, MINOR_AGE, SCHOOL_AGE, BARE_NUMBER,
  HIDE_FROM_GUARDIANS, GUARDIANS_NEED_NOT_KNOW, OTHERS_NEED_NOT_KNOW, HIDE_US, DELETE_CHAT, WOULDNT_UNDERSTAND, HIDE_FROM_PEERS, HARMLESS_SECRET,
  OTHER_APP, PRIVATE_PLACE, GAME_CURRENCY, OFFER, MONEY_AMOUNT, WEARING, WEARING_TO, ASK_PHOTO, TRADE_PHOTO, SEE_YOU,
  OF_YOU, OF_A_THING, SHOW_BODY, BODY_PHOTO, VIDEO_CALL, SEXUAL_QUESTION, SEXUAL_WORDS, DESIRE, NAUGHTY, MEET, WHERE,
  MEET_AT_PLACE, ALONE, ALONE_CONTEXT, WHERE_I_AM, I_AM_ALONE, EXPOSE, EXPOSURE_THREAT, COMPLY, HOLDS_IMAGES, KNOWS_PEOPLE, LEVERAGE, AUDIENCE_WILL_SEE, CONDITION, NAMED_IMAGES, COUNTDOWN,
  PLEA, WRONG_NUMBER, WRONG_NUMBER_STRONG, FAMILY_GREETING, NEW_NUMBER, ABOUT_YOU, DAILY_CARE, FATE,
  LIFESTYLE, NICE_TO_MEET, LOVE_STRONG, LOVE, PET_NAME, HARDSHIP, PLATFORM_PITCH, RETURNS, COACHING,
  EXPERT, ASK_MONEY, NEED_MONEY, PAY_TO, DEMAND, GIFT_CARD_ASK, CARD_DEMAND, CODE_ASK, PAYING, BARE_CODE,
];
