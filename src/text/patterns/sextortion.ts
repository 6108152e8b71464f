import type { Detector } from '../../engine/detector.js';
import { MONEY_AMOUNT } from './cues.js';
import { createCueReader, cue, type CueReader } from './cue.js';
import { buildResult, familyCodes, noisyOr, type Family } from './scoring.js';
import { createTextViewer, type TextView } from './text-view.js';

/**
 * Sextortion in a single message: a threat to spread intimate images unless the target pays or sends
 * more. Ordinary photos are everywhere in chat ("I'll send the pics from the party to everyone"), so
 * plain "pics" only count when they are the target's ("your pics") and something coerces; words that
 * are intimate by themselves ("nudes", "naked") count on their own.
 *
 * Many threats name no image at all and lean on the rest of the script instead: the audience ("your
 * mum, your coach, @handles"), a demand tied to it by "or"/"unless" or a countdown, a proof already
 * sent, contacts already collected, or a break-in to the target's camera. Jokes between friends,
 * debts ("pay me back") and threats that are reported rather than made are damped.
 */

/** Reason codes and sentences, for the person threatened (incoming) or the writer (outgoing). */
export const SEXTORTION_FAMILIES = {
  threat: {
    code: 'sextortion.threat_to_share',
    label: 'sextortion',
    text: {
      incoming: 'Someone is threatening to share private images of you. That is a crime, you are not in trouble, and help is available.',
      outgoing: 'This reads as a threat to share private images of someone. That is a crime and causes real harm.',
    },
  },
  demand: {
    code: 'sextortion.payment_demand',
    label: 'sextortion',
    text: {
      incoming: 'Someone is demanding money or more pictures. Do not pay or send anything: it rarely makes them stop. Block, report and tell someone you trust.',
      outgoing: 'This demands money or pictures under a threat. That is blackmail.',
    },
  },
  countdown: {
    code: 'sextortion.countdown',
    label: 'sextortion',
    text: {
      incoming: 'The deadline is there to make you panic. You have time to get help: do not pay, and talk to someone you trust.',
      outgoing: 'This puts someone under a deadline with a threat. That is blackmail.',
    },
  },
} as const satisfies Record<string, Family>;

const rx = (source: string): RegExp => new RegExp(source, 'u');

/** Intimate by themselves. */
const INTIMATE = cue(
  'nude naked nsfw intimate explicit private sexy dirty sex video webcam cam facetime record screen touching clothes',
  /\b(?:nudes?|naked|nsfw|intimate (?:pics?|pictures?|photos?|images?|videos?|vids?)|explicit (?:pics?|pictures?|photos?|images?|videos?|vids?)|private (?:pics?|pictures?|photos?|images?|videos?|vids?|parts)|sexy (?:pics?|photos?|videos?)|dirty (?:pics?|photos?|videos?)|sex (?:tape|video)|(?:video|webcam|cam|facetime) (?:call|chat|show|recording) (?:of you|you did)|(?:recorded|recording|screen ?recorded|screenshotted) (?:you|u|our (?:video|cam|facetime) call)|touching yourself|without (?:your |ur )?clothes)\b/u,
);
/** Ordinary words for images and clips; "pics" alone is everywhere in chat, so these need company. */
const IMAGE_WORDS = String.raw`(?:pics?|pictures?|photos?|images?|videos?|vids?|clips?|snaps?|screenshots?|recordings?|footage)`;
/** The target's own images in ordinary words: "your pics", "a video of you", "the video you sent". */
const YOUR_IMAGES = cue(
  'pic picture photo image video vid clip snap screenshot recording footage selfie one stuff what everything',
  rx(String.raw`\b(?:(?:all )?(?:your|ur) (?:${IMAGE_WORDS}|selfies?)|${IMAGE_WORDS} of (?:you|u)\b|\b(?:(?:the|those|these|that) (?:ones?|${IMAGE_WORDS}|stuff)|what|everything) (?:you|u) (?:sent|showed|shared)(?: me)?\b)`),
);
/** Images pointed at ("these pics", "every pic", "pics go to"): they only count under pressure. */
const POINTED_IMAGES = cue(
  '',
  rx(String.raw`\b(?:these|those|that|the|them|it|this|every|all (?:the|of the|my)) ${IMAGE_WORDS}\b|\b${IMAGE_WORDS} (?:go|goes|get|gets|will go|are going)\b|\b(?:them|it all|everything)\b`),
);
/**
 * The writer (or someone they speak for) spreading something, now or if: "I'll post", "or we share
 * it", "he'll post it", "before I DM", "sending your video to", "I'm going to make you famous",
 * "I'll make a page with your pics".
 */
const SPREAD = cue(
  'send shar post leak upload forward show spread expos releas publish put sell dm tag text mesage email airdrop drop blast make making creat set start',
  /\b(?:i'?ll|ill|i will|i'?m gonna|im gonna|i'?m going to|im going to|gonna|going to|i can|i could|i'?m about to|about to|i'?ll just|or i|or ill|or i'?ll|i swear i'?ll|we'll|we will|he'?ll|she'?ll|they'?ll|he will|she will|they will|we'?re (?:gonna|going to)|we are going to|or we|(?:before|then|and|until) (?:i|we))\b[^.!?\n]{0,20}\b(?:send|share|post|leak|upload|forward|show|spread|expose|release|publish|put|sell|dm|tag|text|message|email|airdrop|drop|blast)\b|\b(?:i'?m|im|i am) (?:\w+ )?(?:sending|sharing|posting|leaking|uploading|forwarding|showing|spreading|exposing|releasing)\b|\b(?:sending|sharing|posting|leaking|uploading|forwarding|exposing|tagging) (?:your|ur|the|these|those|them|it|this)\b|\bmake (?:you|u) (?:famous|go viral|viral|a meme)\b|\b(?:make|making|create|creating|set up|start|starting) an? (?:\w+ )?(?:page|account|profile|collage|group ?chat)\b[^.!?\n]{0,15}\bwith (?:your|ur|the|these|those|them)\b/u,
);
/** The images themselves going out: "your pics go viral", "the video goes up", "they get posted to your". */
const IMAGES_GO_OUT = cue(
  'nude pic picture photo image video vid clip snap screenshot recording footage one they them it',
  rx(String.raw`\b(?:nudes?|${IMAGE_WORDS})(?: of (?:you|u))? (?:still |all |just |straight )?(?:are|is|will be|are gonna be|are going to be|go|goes|will go|going|get (?:sent|posted|shared|leaked|uploaded|forwarded)|gets (?:sent|posted|shared|leaked|uploaded|forwarded)|end up|ends up|will end up|show up|land|lands|drop|drops) (?:going )?(?:on|to|in|online|everywhere|public|viral|out|up)\b|\b(?:they|them|it) (?:go|goes|going|will go|are going|get sent|gets sent|get posted|gets posted|will be) (?:online|everywhere|public|viral|to (?:your|ur|everyone|every))\b|\bones (?:get|will get|are getting) (?:posted|sent|shared|leaked)\b`),
);
/** The target's people and pages: "your mum", "your whole football team", "ur followers", "your girlfriend's dms". */
const PEOPLE_NOUNS = String.raw`(?:family|parents|mum|mom|mam|dad|brothers?|sisters?|siblings|cousins?|grandma|grandmother|grandpa|grandad|gran|nan|nana|aunt|auntie|uncle|followers?|friends?|mates|contacts|contact list|classmates|class|school(?:'s)?|teachers?|principal|head ?teacher|coach|team(?:'s)?|boss|employer|work|coworkers|colleagues|girlfriend|boyfriend|gf|bf|ex|crush|wife|husband|church|college|uni|instagram|insta|snap|snapchat|tiktok|facebook|story|page|profile|dms|inbox|group ?chats?|gc)`;
/** The target's people and pages, with up to two describing words. */
const THEIR_PEOPLE = String.raw`(?:your|ur) (?:[a-z']+ ){0,2}?${PEOPLE_NOUNS}`;
/** Many people at once: "everyone", "every kid in your year", "every single one of". */
const EVERYONE = String.raw`(?:every(?:one|body)|every (?:single )?(?:one|kid|person|student|follower|friend|contact)s?)`;
/** Any character of the same sentence except one starting a negation: "your gran won't get the photos" is no threat. */
const NO_NEGATION = String.raw`(?:(?!\b(?:won'?t|wont|don'?t|dont|doesn'?t|never|not|can'?t|cant)\b)[^.!?\n])`;
/** Who would see it: the target's people, everyone, a site, or tagged handles ("@jake_12"). */
const AUDIENCE = cue(
  '',
  rx(String.raw`\b(?:${THEIR_PEOPLE}|${EVERYONE}|all over (?:the )?(?:internet|school|insta|instagram|tiktok|snap)|every (?:site|platform|app|group|server|account)s?|online|everywhere|viral|on (?:instagram|insta|snap|snapchat|tiktok|facebook|twitter|x|reddit|the internet|porn sites?)|(?:porn|adult) sites?|public(?:ly)?)\b|(?<![\w.])@[a-z0-9_][a-z0-9_.]{1,29}`),
);
/**
 * The audience as the outcome of the threat: "they all get the video", "your grandma gets a copy",
 * "everyone at school gets them", "your followers are going to love these pics".
 */
const AUDIENCE_RECEIVES = cue(
  'get receiv se love enjoy watch find',
  rx(String.raw`\b(?:they|he|she|nobody|no one|${EVERYONE}|${THEIR_PEOPLE})\b${NO_NEGATION}{0,25}?\b(?:(?:gets?|getting|receives?|receiving)(?: to see)? (?:it|them|a copy|copies|a (?:dm|message|text|link)|the|these|those|every|all|everything|your|ur)|gets? (?:tagged|sent|shown)|sees?|seeing|(?:love|enjoy|watch|watches|watching) (?:it|them|these|those|that|the|your|ur)|finds? out)\b`),
);
/**
 * The price of refusing, naming who sees which images, whatever the verb: "$100 now or your
 * girlfriend wakes up to the video", "otherwise your coach gets the recording". Not a choice between
 * people ("ask your mum or your dad").
 */
const CONSEQUENCE = cue(
  'pic picture photo image video vid clip snap screenshot recording footage',
  rx(String.raw`\b(?<!${PEOPLE_NOUNS} )(?:or|otherwise|or else)(?: [\w']+){0,2}? (?:${THEIR_PEOPLE}|${EVERYONE})\b${NO_NEGATION}{0,30}?\b(?:the|that|those|these|your|ur|every|all|my|an?)(?: [\w']+)? ${IMAGE_WORDS}\b`),
);
/** Naming the target next to the images, so strangers know who it is: "with your full name", "your address on it". */
const IDENTIFYING_DETAILS = cue(
  'name address number phone school username handle face',
  /\bwith (?:your|ur) (?:full |real |home |school )?(?:name|address|number|phone number|school|username|handle|face)\b|\b(?:your|ur) (?:full |real )?(?:name|address) on (?:it|them|every)\b/u,
);
/** "I have your pics", "I saved everything", "I screenshotted it all". */
const POSSESSION = cue(
  'nude pic picture photo image video vid clip snap recording footage call facetime saved recorded screenshot screen kept copies filmed',
  /\b(?:i(?:'ve| have)?|i got|i'?ve got|we have|we'?ve got|we got|i saved|i recorded|i screenshotted|i screen ?recorded|i kept|i still have) (?:got |saved |recorded |screenshotted )?(?:all |every one of |each of )?(?:your|ur|the|those|these|our) (?:\w+ )?(?:nudes?|pics?|pictures?|photos?|images?|videos?|vids?|clips?|snaps?|recordings?|footage|call|video call|facetime)\b|\bi (?:saved|recorded|screenshotted|screen ?recorded|kept) (?:it all|everything|all of it|the whole (?:call|thing|video call|facetime|chat))\b|\bi (?:have|'ve got|got) (?:screenshots?|screen ?recordings?|recordings?|copies|videos?|a video|a recording) of (?:everything|it all|all of it|what you sent|you|our|(?:your|ur) (?:\w+ )?(?:nudes?|pics?|pictures?|photos?|videos?|body))\b|\bi (?:have )?(?:screen ?recorded|recorded|screenshotted|filmed) (?:you|u|us|our|everything)\b/u,
);
/** Deletion sold for a price, which says the writer holds the images: "pay and I'll delete everything". */
const DELETE_FOR_PAYMENT = cue(
  'delet',
  /\b(?:i'?ll|ill|i will|then i'?ll|i can|i'?m not|im not|i won'?t|i wont|and i) (?:\w+ )?delet(?:e|ing) (?:them|it|everything|anything|all|the|your|ur)\b/u,
);
/**
 * The webcam e-mail script: a break-in to the target's device or camera, which stands in for having
 * images ("I installed malware on your system and recorded you through your camera").
 */
const COVERT_CAPTURE = cue(
  'hack infect instal malware spyware virus trojan acces control record film compromis captur',
  /\b(?:hacked(?: into)?|infected|installed (?:malware|spyware|a virus|a trojan|a keylogger|software)(?: on)?|(?:got|have|had|gained) (?:full )?(?:access to|control of)) (?:your|ur) (?:device|devices|phone|computer|laptop|pc|mac|camera|webcam|cam|system|browser|screen)\b|\b(?:your|ur) (?:device|phone|computer|laptop|pc|mac|camera|webcam|system|browser) (?:was|has been|is|got) (?:hacked|compromised|infected)\b|\b(?:recorded|filmed|captured) (?:you|u) (?:through|with|via|using|from|on) (?:your|ur|my|the|a) (?:own )?(?:camera|webcam|cam|phone|device|laptop|screen)\b|\bcaptured (?:you|u) on (?:camera|cam|webcam|video)\b/u,
);
/** The writer has gathered the target's audience: "I have ur contacts saved", "look at this list". */
const AUDIENCE_GATHERED = cue(
  'contact follow friend famil group list',
  /\bi (?:have|'ve got|got|saved|screenshotted|copied|already have)(?: all)?(?: of)? (?:your|ur) (?:contacts|contact list|followers|follower list|followers list|friends list|friend list|following|family)\b|\b(?:made|started|created) a group ?chat with (?:all )?(?:of )?(?:your|ur)\b|\blook at this list\b/u,
);
/** Proof that the spreading has begun: "I already sent one to your cousin", "as proof". */
const ALREADY_SENT = cue(
  'sent post shar leak forward dm show proof',
  /\bi (?:already|just) (?:sent|posted|shared|leaked|forwarded|dm'?d|showed)\b[^.!?\n]{0,20}\bto (?:your|ur)\b|\bas proof\b/u,
);
/** The next person in line: "next is your mum", "your dad is next". */
const NEXT_TARGET = cue('next', /\bnext (?:is|up is|will be|one goes to|i send it to) (?:your|ur)\b|\b(?:your|ur) \w+ (?:is|are) next\b/u);
/** Ordinary photos of a shared event: a trip, a party, a match. */
const ORDINARY_PHOTOS = cue(
  '',
  /\b(?:from|of|at) (?:the|our|last|your|ur|my|that|this) (?:trip|party|holiday|vacation|wedding|game|match|birthday|prom|concert|beach|weekend|night|graduation|shoot|gig|hike|festival|school trip|day out|picture day|photo day|sports day|recital|play|show)\b|\b(?:from|of|at|on) (?:picture|photo|sports) day\b/u,
);
/** A demand for money: pay, a sum to send, money, gift cards, crypto, a parent's card details. */
const MONEY_DEMAND = cue(
  '',
  /\b(?:pay(?! attention| a visit| respects?| tribute| it forward)(?: me)?|money|(?:bank |credit |debit )?card (?:details|number|info)|(?:unless|until|till|if) i (?:get|receive|see) (?:[£$€]\s?)?\d{2,}|send (?:me )?(?:the )?(?:money|cash|funds|bitcoin|btc|crypto|gift ?cards?|[£$€]\s?\d+)|(?:send|transfer|give me) (?:me )?\d{2,}[\d,.]*k?\b(?! ?(?:more )?(?:pics?|photos?|pictures?|nudes?|videos?|vids?|snaps?|mins?|minutes?|hours?|hrs?|seconds?|secs?|times?|days?|messages?|texts?)\b)|transfer|venmo|cash ?app|paypal|zelle|gift ?cards?|vouchers?|(?:steam|apple|itunes|amazon|google play|xbox|psn|roblox) (?:cards?|codes?)|bitcoin|btc|wallet address)\b/u,
);
/** Asking again after a payment: "now I need 200 more", "you paid once, you'll pay again". */
const REPEAT_DEMAND = cue(
  'more again once enough',
  /\b(?:(?:need|want|send|pay|give me)(?: me)? (?:another )?(?:[£$€]\s?)?\d[\d,.]*k? more|pay (?:me )?again|paid once|(?:that'?s|thats|it'?s|its) not enough)\b/u,
);
/**
 * Money owed between friends, "pay me back the tenner", "venmo me for the pizza": a debt, not a
 * ransom.
 */
const LOAN = cue(
  '',
  /\b(?:pay (?:me |you |us )?back|(?:you )?owes? me|borrowed|lent (?:you|me)|the (?:tenner|fiver)|(?:pay|venmo|paypal|send|transfer|owe)(?: me| you)?(?: back)?(?: \S+){0,5}? for (?:the |my |your |our )?(?:pizza|food|tickets?|lunch|dinner|drinks|taxi|uber|cab|bus|train|petrol|gas|snacks|coffee|takeaway|present|gift|rent|bill))\b/u,
);
/** The threat reported or discussed, not made: a victim asking for help, advice, the news. */
const REPORTED_THREAT = cue(
  '',
  /\b(?:(?:he|she|they|someone|somebody|this guy|a guy|some guy|this girl|a girl|a man|a stranger|the guy|the scammer) (?:said|says|is saying|told me|tells you|threatened|threatens|is threatening|keeps saying)|if (?:someone|somebody|anyone)|(?<!(?:you|u|ya) )(?:don'?t|do not|never) (?:pay|send (?:them|him|her|money|anything))|(?:criminals|scammers|blackmailers|predators) (?:may|might|will|often|could|usually) (?:say|tell|threaten|claim|ask)|sextortion|it'?s (?:a|just a|probably a) scam|what (?:do|should|can) i do)\b/u,
);
/** A demand for more images: "send another", "more pics". */
const MORE_IMAGES = cue(
  '',
  /\b(?:send (?:me )?(?:more|another|a new|one more|\d+ more|a (?:naked|nude|full body|better))(?: \w+)?|more (?:pics|nudes|photos|videos|vids)|(?:send|show) (?:me )?(?:your|ur) (?:body|boobs|tits|dick|ass))\b/u,
);
/** The threat made conditional, or a punishment: "or else", "unless", "report me and", "you blocked me so". */
const CONDITION = cue(
  '',
  /\b(?:or (?:else|i|ill|i'?ll|we|he|she|every(?:one|body)?|your|ur|they|it|the|these|those|this)|otherwise|unless|if (?:you|u) (?:don'?t|dont|do not|won'?t|refuse|block|ignore|tell|report|stop)|if not|don'?t (?:want|let) (?:everyone|your|ur)|(?:want|would you like) (?:everyone|your|ur) (?:\w+ )?to see|(?:report|block|ignore|ignoring) me and|keep (?:ignoring|blocking|playing(?: games)?|testing me|wasting my time|lying|stalling)(?: me)? and|and (?:nobody|no one) (?:ever )?(?:sees?|will see|has to see|finds? out)|refuse and|to (?:avoid|stop|prevent) (?:it|them|this|that)|no (?:money|payment|cash)\b|(?:since|because|cause|cuz|coz) (?:you|u) (?:blocked|ignored|reported) me|(?:you|u) (?:blocked|ignored|reported) me,? so|and i'?ll stop)\b/u,
);
/** A countdown: "you have 2 hours", "clock's ticking", "in 30 mins", a bare "5 minutes.". */
const DEADLINE = cue(
  '',
  /\b(?:(?:(?:you(?:'ve)?|u) (?:have|got|get)|(?:i'?m|im) giving (?:you|u)|i'?ll give (?:you|u)) (?:\d+|an?|one|two|three|five|ten|twenty|thirty) ?(?:minutes?|mins?|hours?|hrs?|seconds?|secs?|h|m)\b|\d+ ?(?:minutes?|mins?|hours?|hrs?|h|seconds?|secs?) (?:left|to pay|to decide|to send|or|before|then|until)|(?:in|within) (?:\d+|one|two|three|five|ten|twenty|thirty|forty[- ]eight|twenty[- ]four) ?(?:minutes?|mins?|hours?|hrs?|h)\b|clock(?:'s| is) ticking|tick ?tock|time(?:'s| is) running out|running out of time|before (?:midnight|tonight|tomorrow|the end of (?:the )?day)|(?:by|till|until|til) (?:tonight|tomorrow|midnight|\d{1,2}(?::\d\d)? ?(?:am|pm)|the end of (?:the )?day)|countdown|counting (?:down|to \d+)|(?:last|final) (?:chance|warning))\b|[⏰⏳⌛]|(?:^|[.!?] )\d+ ?(?:seconds?|secs?|minutes?|mins?|hours?|hrs?)[.!]/u,
);
/** A count of views or followers ("200k views"), which the shared money cue reads as an amount. */
const VIEW_COUNT = cue('views likes followers subs subscribers streams plays comments shares', /\b\d[\d,.]*k? (?:views|likes|followers|subs|subscribers|streams|plays|comments|shares)\b/u);
/** A friend joking about an embarrassing photo, not coercion. */
const BANTER = cue('', /\b(?:lol|lmao|haha\w*|jk|just kidding|joking|too funny|so funny|hilarious)\b|[😂🤣]/u);

/**
 * Material the writer holds, in words that name no image: "that thing you sent me on call", "what you
 * did on cam", "the stuff you showed me", "the photos from that night", "your sex tape", "i saved it".
 */
const HELD_MATERIAL = cue(
  'thing stuff one what sex saved kept recorded screenshotted screen have got pic picture photo image video vid clip snap recording footage nude fake deepfake naked',
  rx(String.raw`\b(?:(?:that|the) (?:thing|stuff|one|video|vid|pic|pics|photos?) (?:you|u) (?:sent|showed|did|shared)|what (?:you|u) (?:did|showed|sent) (?:on|over|during) (?:cam|camera|facetime|call|video|snap|the call)|(?:the|those|your|ur) (?:${IMAGE_WORDS}) from (?:that|last) night|(?:your|ur|a) sex (?:tape|video|vid)|i (?:saved|kept|recorded|screenshotted|screen ?recorded|have|got) (?:it|them|everything|all of it|that)\b|(?:made|make|making|created) (?:\w+ )?(?:nudes?|fakes?|deepfakes?|naked (?:pics|photos|videos)) of (?:you|u))`),
);
/** A demand to comply, not only to pay: "do what I say", "send what I asked for", "send the rest", "let's talk money". */
const COMPLY_DEMAND = cue(
  'do send turn lets let talk another rest',
  /\b(?:(?:just )?do (?:what|everything|exactly what) i (?:say|tell you|ask)|send (?:me )?(?:what|everything) i asked(?: for)?|send (?:me )?the rest|turn (?:your|ur) (?:camera|cam|video) (?:back )?on|let'?s talk (?:money|price|business)|another (?:[£$€]\s?)?\d{2,})\b/u,
);
/**
 * Exposure said as a threat, whatever the words: "would be a shame if your girlfriend saw it", "it
 * gets out", "your life is over", "want them to see the video?", "I start sending", "I'm sending it
 * anyway", "I'm telling your parents", "don't make me send it to your mother".
 */
const EXPOSURE = cue(
  'shame pity out public viral life reputation future career want like start ahead begin anyway tel make',
  /\b(?:(?:would|it'?d|itd) be a (?:shame|pity) if (?:your|ur|every|they|them|people|someone)\b|(?:it|this|that|they|them|everything|it all) (?:gets?|got|goes|go|going|will go|leaks?) (?:out|public|viral)\b|(?:your|ur) (?:life|reputation|future|career) (?:is|will be) (?:over|ruined|finished|done)|(?:want|would you like|do you want) (?:them|both of them|your \w+|ur \w+)(?: both| all)? to see\b|i (?:start|go ahead|begin) (?:sending|posting|with)\b|i'?m (?:sending|posting) (?:it|them) anyway|or i go ahead|(?:i'?m|im|i will|i'?ll) (?:telling|tell) (?:your|ur) (?:parents|mum|mom|dad|family|school|teacher)|don'?t make me (?:send|post|share|show|leak))/u,
);
/** Where it would go, said plainly: "it all goes to your manager", "will be on your uni's page". Needs an ultimatum. */
const EXPOSURE_PLACE = cue(
  'go sent be',
  /\b(?:(?:it|this|that|they|them|it all|everything) (?:goes|go|gets sent|will go|are going) (?:to|on|up on|all over) (?:your|ur|every)\b|(?:will be|is going to be|gonna be) (?:on|up on|all over) (?:your|ur|every)\b)/u,
);
/** An image named in any ordinary word. */
const IMAGE_MENTION = cue(
  'nude pic picture photo image video vid clip snap screenshot recording footage',
  rx(String.raw`\b(?:nudes?|${IMAGE_WORDS})\b`),
);

interface Parts {
  readonly threat: number;
  readonly demand: number;
  readonly countdown: number;
}

const NONE: Parts = { threat: 0, demand: 0, countdown: 0 };

function scoreParts(read: CueReader): Parts {
  const intimate = read(INTIMATE);
  const yours = read(YOUR_IMAGES);
  const possession = read(POSSESSION) || read(COVERT_CAPTURE);
  const deleteForPayment = read(DELETE_FOR_PAYMENT);
  const spread = read(SPREAD) || read(IMAGES_GO_OUT) || read(AUDIENCE_RECEIVES) || read(CONSEQUENCE);
  const alreadySent = read(ALREADY_SENT);
  const nextTarget = read(NEXT_TARGET);
  const held = read(HELD_MATERIAL);
  const exposure = read(EXPOSURE);
  const place = read(EXPOSURE_PLACE);
  if (!intimate && !yours && !possession && !spread && !alreadySent && !nextTarget && !deleteForPayment && !held && !exposure && !place) return NONE;
  const audience = read(AUDIENCE) || read(IDENTIFYING_DETAILS) || read(AUDIENCE_GATHERED);
  const ordinary = !intimate && read(ORDINARY_PHOTOS);
  const consequence = read(CONSEQUENCE);
  const coercion = read(CONDITION) || consequence;
  // A consequence names its images ("or your girlfriend gets a surprise video").
  const pointed = consequence || read(POINTED_IMAGES);
  const money = !read(LOAN) && (read(MONEY_DEMAND) || (read(MONEY_AMOUNT) && !read(VIEW_COUNT)) || read(REPEAT_DEMAND));
  const more = read(MORE_IMAGES);
  const deadline = read(DEADLINE);
  const demanding = money || more || (read(COMPLY_DEMAND) && !read(LOAN));
  // Money next to ordinary pictures is also how photographers and clubs sell prints: it is pressure
  // when the images are intimate or someone is named to see them.
  const pressure = coercion || deadline || more || (money && (intimate || audience));
  // A condition or a countdown is what turns "I'll post it" into a threat.
  const ultimatum = coercion || deadline;

  let threat = 0;
  if (spread) {
    if (intimate) threat = audience ? 0.9 : 0.75;
    // The target's own pictures shown to their people is also how friends joke about an embarrassing
    // video ("sending your dad the video of you falling over"): it takes pressure to pass 0.5.
    else if (yours) threat = audience ? 0.45 : 0.35;
    // "pay or the video goes up", "they all get the pics unless you pay": pointed-at images in an
    // ultimatum; or posted with the target's name or address and a demand.
    else if (pointed && ((ultimatum && (audience || demanding)) || (read(IDENTIFYING_DETAILS) && demanding))) threat = 0.45;
    // "Send another one or I post it": demanding more images under a spread threat is the scheme itself.
    else if (more && coercion) threat = 0.5;
    // No image word, but the writer has collected the target's contacts ("pay up or they all get
    // it") or will attach their name or address ("pay or I leak it with your username").
    else if (demanding && ultimatum && (read(AUDIENCE_GATHERED) || read(IDENTIFYING_DETAILS))) threat = 0.45;
  }
  // "I already sent one to your cousin as proof", "next one goes to your grandad": the spreading has
  // begun, and a demand names the price of stopping it.
  if (demanding && ((alreadySent && (nextTarget || ultimatum)) || (nextTarget && ultimatum))) threat = noisyOr(threat, 0.45);
  // The whole script in any words: material held, exposure threatened, and a demand. Image words,
  // audiences and countdowns only add to it.
  // The target's ordinary pictures ("your pics go up on the team website, £5 for prints") need an
  // ultimatum as well; pictures only pointed at ("want them to see the video? pay up") need exposure.
  const exposed = spread || exposure || (place && ultimatum);
  if (exposed && demanding && ((held || intimate || possession) || (yours && ultimatum) || (pointed && exposure))) threat = noisyOr(threat, 0.6);
  // Exposure, a demand and an ultimatum together: "another 200 or I'm sending it anyway", "pay or the
  // pics go out". Plain spreading words ("or I'll have to sell them") need an image named.
  else if ((exposure || (exposed && read(IMAGE_MENTION))) && demanding && ultimatum) threat = noisyOr(threat, 0.5);
  // "Pay and I'll delete them": the images are held, and the price is named.
  if (deleteForPayment && money) threat = noisyOr(threat, 0.3);
  // Having intimate images is the opening move, not yet a threat: alone it stays under 0.5.
  if (possession) threat = noisyOr(threat, intimate ? 0.45 : ordinary ? 0.05 : 0.3);
  if (threat > 0 && pressure) threat = noisyOr(threat, intimate || possession ? 0.6 : 0.45);

  // Demands and deadlines only mean sextortion next to a threat or the images themselves.
  const leverage = threat >= 0.3 || (intimate && (spread || possession));
  const demand = leverage && demanding && pressure ? noisyOr(threat, 0.5) : 0;
  const countdown = leverage && deadline ? noisyOr(threat, 0.45) : 0;
  // Joking between friends, a threat someone reports rather than makes, and photos of a shared event
  // damp every part, so a demand cannot bring back a threat that was damped.
  let damp = read(BANTER) && !intimate && !money ? 0.5 : 1;
  if (read(REPORTED_THREAT)) damp *= 0.4;
  if (ordinary) damp *= 0.4;
  return { threat: threat * damp, demand: demand * damp, countdown: countdown * damp };
}

/**
 * Creates the message-level sextortion detector (`patterns-sextortion`, label `sextortion`): threats
 * to share intimate images, demands for money or more images, and countdowns.
 *
 * @param view - shares one normalisation between the pattern detectors. @defaultValue a fresh viewer
 * @example
 * createSextortionDetector().detect({ message, text: 'pay or I send your nudes to all your followers', direction: 'incoming' });
 */
export function createSextortionDetector(view: (text: string) => TextView = createTextViewer()): Detector {
  return {
    id: 'patterns-sextortion',
    version: '1.0.0',
    labels: ['sextortion'],
    reasonCodes: familyCodes(SEXTORTION_FAMILIES),
    detect({ text, direction }) {
      const parts = scoreParts(createCueReader(view(text)));
      return buildResult(
        'sextortion',
        [
          { family: SEXTORTION_FAMILIES.threat, score: parts.threat },
          { family: SEXTORTION_FAMILIES.demand, score: parts.demand },
          { family: SEXTORTION_FAMILIES.countdown, score: parts.countdown },
        ],
        direction,
      );
    },
  };
}
