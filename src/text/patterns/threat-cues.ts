/**
 * The cues of the threat family (see threat.ts). Rules are written in plain lower-case English and
 * run on normalised text, so "k1ll u", "ｋｉｌｌ ｙｏｕ" and "k.i.l.l you" match "kill you". A
 * threat needs a speaker who announces harm ("I'll", "we're gonna", "imma") aimed at a person other
 * than the writer, so "my mum is going to kill me", "you killed it" and "this game is killing me"
 * never reach a rule. Fragments are plain strings because several rules share them.
 */
import { cue } from './cue.js';

const rx = (source: string): RegExp => new RegExp(source, 'u');

/** The writer announcing what they (or their group) will do. A bare "gonna" counts only where no word precedes it ("mum is gonna" does not). */
const WILL = String.raw`(?:\b(?:i'?ll|ill|1'?ll|i will|i'?m (?:gonna|going to|about to|bout to|finna|coming to|tryna|trying to)|im (?:gonna|going to|about to|bout to|finna|coming to|tryna)|i am (?:gonna|going to|about to|coming to)|imma|ima|i'?ma|i want to|i wanna|i swear i'?ll|i swear i will|we'?ll|we will|we'?re (?:gonna|going to|about to|coming to)|were (?:gonna|going to)|we are (?:gonna|going to|coming to))|\b(?<![\w'] )(?:gonna|going to|finna))`;
/** "Am doing it": the progressive as a plan ("we're stabbing him after PE"). */
const DOING = String.raw`\b(?:i'?m|im|i am|we'?re|were|we are) (?:(?:literally|actually|so|gonna be|going to be) )?`;
/**
 * Words that may stand between the speaker and the act: emphasis and movement, not a topic. Rules
 * check the speaker in a lookbehind after the verb, so the regex only does work at a verb.
 */
const BRIDGE = String.raw`(?:(?:really|actually|literally|fucking|fuckin|fking|fkn|frickin|freaking|seriously|just|personally|definitely|gladly|happily|come|go|and|round|over|there|back|to|find (?:you|u|ya) and|catch (?:you|u|ya) and|get (?:you|u|ya) and|be the one to) ){0,4}`;
/** The reader, or the group being written to. Never "me" or "us": those are idioms about the writer. */
const YOU = String.raw`(?:you|u|ya|yu|yous|y'?all|you all|you guys|u guys)`;
/** Another person, named by a pronoun or "that kid". */
const OTHER = String.raw`(?:him|her|them|(?:that|this|the) (?:\w+ ){0,2}(?:kid|guy|girl|boy|dude|teacher|man|woman|bitch|bastard|prick|idiot|loser|snitch|rat|freak|weirdo|lad|bloke|twat|cunt|teacher|sub|ref)s?)\b`;
/** "with kindness", "with this joke": a harm verb used as a figure of speech. */
const FIGURATIVE = String.raw`kindness|love|cuteness|compliments|hugs|kisses|jokes?|puns?|(?:this|my|these|that|our|the) (?:\w+ )?(?:jokes?|puns?|cringe|memes?|singing|dancing|cooking|love|cuteness|kindness|facts|hugs|kisses|outfit|look|moves|voice|playlist|music|spoilers?|news|questions?|story|stories|essay|gossip|tea)`;
/** What follows "shoot you", "cut you", "kill you" when it is not violence. */
const NOT_HARM = String.raw`(?! ?(?:with (?:${FIGURATIVE})\b|an? (?:text|message|msg|dm|line|email|pic|photo|link|call|note|invite|slice|piece|deal|copy|bit|break)\b|some (?:slack|cake|food|pizza)\b|over (?:the|a|an|my|some)\b|(?:off|out|loose|short|free|in on)\b|at (?:\w+ ){0,2}(?:game|match|fifa|chess|cards|pool|tennis|football|basketball|mario ?kart|smash|fortnite|cod|this|that|it)\b))`;
const VERBS = String.raw`(?:kill|murder|hurt|stab|shank|shoot|strangle|choke|merk|murk|stomp|jump|knife|batter|bash|punch|slap|smack|kick|rape|drown|bury|end|cut|slit|stab|gut)`;
const VERBING = String.raw`(?:stabbing|shanking|shooting|killing|jumping|merking|murking|knifing|murdering|battering|beating up|hurting|rushing)`;
/** Weapons, but not toys and tools ("nerf gun", "glue gun"). */
const WEAPON_NOUN = String.raw`(?:knife|knives|blade|machete|(?<!nerf |water |glue |toy |paintball |airsoft |bb |cap |heat |nail |staple |spray |squirt |laser |hot glue |bubble |massage |tattoo )guns?|pistol|glock|rifle|shotgun|ak ?47|bullets?|pipe bomb|bomb|shank|crowbar|baseball bat|brass knuckles|knuckle ?dusters?|acid)`;
const PLACES = String.raw`(?:school|skool|class|classroom|campus|college|uni|university|assembly|cafeteria|canteen|lunch ?hall|gym|mosque|church|synagogue|temple|gurdwara|mall|concert|stadium|parade|festival|office|[a-z]+ (?:high|academy|primary|secondary|middle school|high school))`;
const DAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';

// ─── Violence: harm announced against the reader or someone else ───────────────────────────────

/** "I'm going to kill you", "imma stab u", "we're jumping you". */
export const ATTACK_YOU = cue(
  'kill murder hurt stab shank shoot strangle choke merk murk stomp jump knif batter bash punch slap smack kick rape drown bury end cut slit gut rush beat',
  rx(String.raw`\b(?:${VERBS}(?<=${WILL} ${BRIDGE}${VERBS})|${VERBING}(?<=${DOING}${VERBING})) ?${YOU}\b${NOT_HARM}`),
);
/**
 * "I'm gonna kill him": about someone else and, with kill, murder or hurt, often hyperbole ("my
 * brothers ate my cake, I'm going to kill them"), so it counts for less than a threat to the reader.
 */
export const ATTACK_OTHER = cue(
  'kill murder hurt stab shank shoot strangle choke merk murk stomp jump knif batter bash punch slap smack kick rape drown bury end cut slit gut rush beat',
  rx(String.raw`\b(?:${VERBS}(?<=${WILL} ${BRIDGE}${VERBS})|${VERBING}(?<=${DOING}${VERBING})) ${OTHER}${NOT_HARM}`),
);
/** Acts that are violent in any context, sport included: "gonna stab that kid at lunch". */
export const ARMED_ACT = cue(
  'stab shank knif slit strangl bulet gun blade',
  /\b(?:stab(?:bing|bed)?|shank(?:ing|ed)?|knif(?:e|ing|ed)|slit|strangl(?:e|ing)|bullets?|guns?|blade)\b/u,
);
/** "beat you up", "smash ur face in", "slap the shit out of you", "put a bullet in ur head". */
export const BEATING = cue(
  'beat smash knock kick punch slap batter bash smack break snap crack bust slit cut stab shoot put blow',
  rx(String.raw`\b(?:beat|smash|knock|kick|punch|batter|bash|slap) (?:${YOU}|him|her|them) (?:up|down)\b(?! (?:the |a )?(?:eggs?|cream|mixture))|\b(?:beat|slap|kick|knock|punch|batter|smack|bash) the (?:shit|crap|hell|life|living daylights|fuck|piss|snot) out of (?:${YOU}|him|her|them)\b|\b(?:beat|kick|smash|punch|bash|batter|slap|knock) (?:your|ur|yo|his|her) (?:ass|arse|face|head|teeth|skull|brains?|lights)(?: in| out)?\b|\b(?:break|snap|smash|crack|bust|slit|cut|stab|shoot)(?<=${WILL} ${BRIDGE}\w+) (?:your|ur|yo|his|her|their) (?:\w+ )?(?:legs?|neck|jaw|arms?|nose|face|fingers|teeth|skull|head|throat|kneecaps?|ribs|spine)\b|\bput (?:a bullet|bullets|a knife|a blade|one) (?:in|through) (?:your|ur|yo|his|her|their) (?:head|brain|skull|face|chest|back|heart)\b|\bput (?:${YOU}|him|her|them) (?:in (?:the |a )?(?:hospital|ground|grave|coffin|body bag|wheelchair|icu|a&e)|six feet under)\b|\bblow (?:your|ur|his|her) (?:brains|head) out\b`),
);
/** "you're dead", "ur a dead man", "snitch again and you're dead" (the conditional is its own, stronger cue). */
export const YOURE_DEAD = cue(
  'dead urd youre yourd yurd yerd',
  rx(String.raw`\b(?:(?:you are|u are|u r|you'?re) |(?:youre|your|yur|yer|ur) ?)(?:(?:so|fucking|fkn|literally|actually|already) )?(?:a )?dead(?: (?:man|meat|girl|boy|kid|men))?(?=\s*(?:$|[^\w\s?]|(?:when|if|after|tomorrow|tonight|today|${DAYS}|at|m8|mate|bro|bruh|man|meat|kid|boy|girl|now|fr|for real|unless|once|u|you|dude|pal|ok|okay|next|soon|by|walking)\b))`),
);
export const AND_YOURE_DEAD = cue('dead urd', rx(String.raw`\b(?:and|or|&) (?:(?:you'?re|youre|you are|u are|u r|your) |ur ?)(?:(?:so|fucking|literally) )?dead\b(?! (?:to|tired|inside|wrong|serious|on|right))`));
/** Stock menace: "your days are numbered", "sleep with one eye open", "you won't make it home". */
export const STOCK_MENACE = cue(
  'days sleep won will ain make',
  rx(String.raw`\byour days are numbered\b|\bsleep with one eye open\b|\b(?:you|u) (?:won'?t|will not|wont|ain'?t gonna) (?:make it|get|live to see|survive|live through|walk) (?:home\b(?! (?:in time|on time|before|by|for|until|till|at|early))|out (?:of (?:school|here|there) )?alive|(?:to|through) (?:tomorrow|the (?:night|week|weekend)|${DAYS})|another day)|\bmake sure (?:you|u) (?:never|don'?t|cant|can'?t|won'?t) (?:walk|talk|see|breathe|wake up|come back|speak)\b|\b(?:i'?ll|ill|i will|we'?ll|imma|i'?m gonna|im gonna) make (?:you|u) (?:bleed|suffer|disappear|scream)\b`),
);
/** "watch your back", "you better watch yourself". */
export const WATCH_BACK = cue('watch pray sleep', rx(String.raw`\bwatch[\s.,!]{1,3}(?:your|ur|yo|yer)[\s.,!]{1,3}back\b(?! on the\b)|\b(?:you|u|ya) (?:better|best|had better|should|gotta|need to) (?:watch (?:yourself|urself)|pray|sleep with one eye open)\b`));
/** Veiled threats: "see what happens to you", "would be a shame if something happened to it". */
export const VEILED = cue(
  'see something bad things shame pity keep try again tell',
  rx(String.raw`\bsee what happens to (?:you|u|ya)\b|\b(?:something|bad things|things)(?: bad)? (?:will|might|could|is gonna|is going to|are gonna|are going to|would) happen to (?:you|u|ya|your|ur)\b|\bwould be a (?:shame|pity) if (?:something|anything) (?:bad )?(?:happened|were to happen|was to happen) to\b|\b(?:keep (?:talking|it up|running your mouth)|say that again|try me|do it again|snitch again|tell anyone|tell someone) (?:and|&) (?:see what happens|you'?ll see|you'?ll regret it)\b`),
);
/** Weaker: "I'll make you regret this", "I'll make you pay", "I'll sort you out". */
export const REGRET = cue('make sort', rx(String.raw`${WILL} ${BRIDGE}(?:make (?:you|u|ya) (?:regret (?:it|this|that|being born)|pay)(?! for (?:lunch|dinner|the|it|your))|sort (?:you|u|ya) out(?! with))\b`));
/** "you're gonna get stabbed", "ur getting jumped monday". */
export const PASSIVE = cue(
  'jump stab shot beat batter merk smok kill murder done bod shank rush knif',
  rx(String.raw`\b(?:(?:you'?re|youre|you are|ur|u r) (?:(?:gonna|going to|about to|finna) get|getting|gonna be|going to be)|(?:you|u)(?:'ll| will) (?:get|be)) (?:jumped|stabbed|shot|beaten(?: up)?|beat up|battered|merked|smoked|killed|murdered|done in|bodied|shanked|rushed|knifed)\b`),
);
/** "we're coming round to sort you out" (but not "sort you out with a ticket"). */
export const SORT_OUT = cue('sort', rx(String.raw`\b(?:coming|come|comin)\b[^.!?\n]{0,30}\bto sort (?:you|u|ya) out\b(?! with| for)`));
/** "I'm coming for you", "we're coming after you". */
export const COMING_FOR = cue('comin come after', rx(String.raw`\b(?:coming|comin|gonna come|going to come) (?:for|after) (?:you|u|ya)\b|\bcome after (?:you|u|ya)\b|\b(?:i'?m|im|we'?re|were|they'?re) after (?:you|u)\b`));
/** "I will find you", "I'll hunt you down" (but not "hunt you down a copy"). */
export const FIND_YOU = cue('find hunt track', rx(String.raw`\b(?:i|we) will find (?:you|u|ya)\b|\b(?:hunt|track) (?:you|u|ya) down\b(?! (?:a|an|some|the|one|something)\b)`));
/** "kill yourself or I'll do it for you". */
export const KYS_OR = cue('kill kys', rx(String.raw`\b(?:kill ?(?:yourself|urself|yoself|your self)|kys)\b[^.!?\n]{0,15}\bor (?:i'?ll|ill|i will|we'?ll|imma|ima|i'?m gonna|im gonna) (?:do it|help|make)`));
/** A weapon in the writer's hands: "with a knife", "I'm bringing my dad's gun". */
export const WEAPON_HELD = cue(
  'knif kniv blade machete gun pistol glock rifle shotgun ak bulet bomb pipe shank crowbar basebal bras knuckle acid',
  rx(String.raw`\b(?:with|bring|bringing|brought|got|have|grab|grabbing|carry|carrying|pack|packing|take|taking|holding) (?:a|my|the|his|her|our|dad'?s|my (?:dad|brother|uncle|mum|mom|stepdad|grandad|cousin)'?s) (?:\w+ )?${WEAPON_NOUN}\b`),
);
/** Any weapon word: raises a threat already present. */
export const WEAPON = cue('knif kniv blade machete gun pistol glock rifle shotgun ak bulet bomb pipe shank crowbar basebal bras knuckle acid', rx(String.raw`\b${WEAPON_NOUN}\b`));
/** The reader is addressed at all (a weapon only threatens someone). */
export const ADDRESSED = cue('', /\b(?:you|u|ur|your|ya|yu)\b/u);

// ─── Stalking and doxxing: knowing where the reader or their family is ────────────────────────

export const KNOW_WHERE_LIVE = cue('kno knw', rx(String.raw`\b(?:i|we) (?:\w+ )?(?:know|knw|kno) (?:exactly )?where (?:${YOU}|ur) (?:live|lives|stay|sleep|go to school|work)\b`));
export const KNOW_WHERE_ARE = cue('know knw kno', rx(String.raw`\b(?:i|we) (?:\w+ )?(?:know|knw|kno) (?:exactly )?(?:where (?:${YOU}) (?:are|hang out|go|park|walk)\b(?! coming from)|which (?:\w+ ){0,2}(?:${YOU}) (?:take|get|use|walk|go|catch)\b|what (?:time|bus|route|way) (?:${YOU}) (?:take|leave|get|go|walk)\b)`));
export const KNOW_FAMILY = cue('know knw kno', rx(String.raw`\b(?:i|we) (?:\w+ )?(?:know|knw|kno) (?:exactly )?(?:where|which school) (?:your|ur) (?:little |big |baby )?(?:sister|brother|sis|bro|mum|mom|dad|mother|father|parents|family|kids?|son|daughter|nan|gran)s? (?:lives?|goes|go|works?|is|are|sleeps?)\b`));
export const HAVE_ADDRESS = cue('address addy location postcode zip ip', rx(String.raw`\b(?:i|we)(?: have| already| now| just)?(?:'ve)? (?:got|have|found|know|tracked down|traced|looked up) (?:your|ur|ya) (?:home |house |full |exact |real )?(?:address|addy|location|postcode|zip code|ip|ip address)\b`));
export const LIVE_ON = cue('live stay', rx(String.raw`\b(?:you|u|ya) (?:live|stay|lives) (?:on|at) (?:\d{1,4}[a-z]? )?[a-z]+ (?:street|st|road|rd|lane|ln|avenue|ave|drive|close|way|court|crescent|place|terrace|grove|gardens)\b`));
export const DOXX = cue(
  'address addy location postcode ip dox details',
  rx(String.raw`\b(?:post|posting|leak|leaking|dox|doxx|doxxing|doxing|expose|exposing|drop|dropping|spread|spreading|put|putting) (?:your|ur|ya) (?:home |house |real |full )?(?:address|addy|location|postcode|ip|dox|details)\b(?! with)|\bdox+(?:ing|ed)? (?:you|u|ya)\b`),
);
/** A street address typed out (a booster only: friends share addresses all the time). */
export const ADDRESS = cue(
  'street st road rd lane ln avenue ave drive close way court crescent place terrace grove gardens',
  /\b\d{1,4}[a-z]? [a-z]+ (?:street|st|road|rd|lane|ln|avenue|ave|drive|close|way|court|crescent|place|terrace|grove|gardens)\b/u,
);

// ─── Mass violence: a school, a place of worship, a group ─────────────────────────────────────

/** "shoot up the school", "bomb the mosque", "blow up westfield high". */
export const MASS_PLACE = cue(
  'shoot shot blow bomb attack massacre torch burn set open',
  rx(String.raw`\b(?:shoot(?:ing)? up|shot up|blow(?:ing)? up|bomb(?:ing)?|attack(?:ing)?|massacre|torch(?:ing)?|burn(?:ing)? down|set fire to|(?<!a |the |school )shooting (?:at|in|inside)|shoot (?:at|in|inside)|open(?:ing)? fire (?:at|in|on)) (?:the |my |our |this |that |a |your |ur )?(?:whole |local |fucking |stupid |damn )?${PLACES}\b`),
);
/** "shoot everyone", "kill all of you", "hurt people". */
export const MASS_GROUP = cue(
  'shoot shot kill stab hurt murder bomb gas massacre',
  rx(String.raw`\b(?:shoot|kill|stab|hurt|murder|bomb|gas|massacre) (?:every(?:one|body|1)|all of (?:you|them|u)|(?:you|u|them) all|people\b(?!'s)|the whole (?:class|school|year|grade|lot of you)|as many (?:people )?as (?:i|we) can|all the (?:\w+ )?(?:kids|students|teachers|people))`),
);
/** "there's gonna be a shooting at…", "I planted a bomb in…". */
export const MASS_ANNOUNCE = cue(
  'there planted put left bomb',
  rx(String.raw`\bthere(?:'?s| is| will be)(?: gonna| going to)? be an? (?:shooting|bombing|massacre|school shooting|attack|bomb)\b|\b(?:there(?:'s| is) an?|i (?:put|planted|left|hid) an?) bomb (?:in|at|under|inside)\b`),
);
/** Carrying a weapon into school. */
export const WEAPON_TO_SCHOOL = cue(
  'bring brought take taking carry pack sneak',
  rx(String.raw`\b(?:bring(?:ing)?|brought|take|taking|carry(?:ing)?|pack(?:ing)?|sneak(?:ing)?) (?:a |my |the |his |her |dad'?s |my (?:dad|brother|uncle|mum|mom|stepdad|grandad)'?s )?(?:\w+ )?${WEAPON_NOUN} (?:in)?to (?:school|skool|class|campus|assembly|the (?:school|class|dance|prom|concert|mall))\b`),
);
/** Warnings that come before an attack: "don't come to school tomorrow", "stay home if you're smart". */
export const MASS_WARNING = cue(
  'school skool class assembly mall concert game party smart',
  rx(String.raw`\b(?:don'?t|do not|dont|stay away from|skip|stay home from) (?:come |go )?(?:to )?(?:school|class|assembly|the (?:mall|concert|game|party)) (?:tomorrow|tmrw|tmr|today|this week|on (?:${DAYS})|${DAYS})\b|\bstay (?:home|away) (?:tomorrow |tmrw |on \w+ )?if (?:you'?re|ur|you are) smart\b`),
);
/** "People will die", "everyone in year 10 is gonna pay". */
export const MASS_DEATH = cue(
  'die hurt shot pay regret',
  rx(String.raw`\b(?:people|every(?:one|body)|they|you all|all of (?:you|them)|kids)(?: (?:in|at|from) (?:\w+ ){0,2}\w+)? (?:will|are gonna|are going to|is gonna|is going to|'?ll) (?:die|get hurt|get shot|pay|regret (?:it|this))(?= *(?:$|[^\w\s]|for (?:this|what|it)\b))`),
);
/** A school or a group of pupils named. */
export const SCHOOL_GROUP = cue('school skool class year grade assembly campus every whole', rx(String.raw`\b(?:school|skool|class|year \d{1,2}|grade \d{1,2}|assembly|campus|every(?:one|body) (?:in|at)|the whole (?:school|class|year|grade))\b`));

// ─── Context that makes a threat more or less real ────────────────────────────────────────────

export const TIME = cue(
  '',
  rx(String.raw`\b(?:tonight|tonite|tomorrow|tmrw|tmr|tmrow|2morrow|2moro|today|after school|at lunch|at break|after (?:class|practice|pe|the game)|${DAYS}|this (?:weekend|week|afternoon|evening)|next (?:week|time)|soon|\d{1,2}(?::\d\d)? ?(?:am|pm)|\d{1,2}:\d\d|when (?:i|we) (?:see|catch|find|get) (?:you|u|ya))\b`),
);
export const PLACE = cue(
  '',
  /\b(?:(?:at|outside|by|near|to|round|in front of|behind) (?:your|ur|the|ya) (?:house|home|place|school|gates?|locker|bus stop|work|door|window|front door|street|flat|car|park|field|shop|chippy|bus)|after school|on (?:your|ur|the) way home)\b/u,
);
export const MENACE = cue(
  '',
  rx(String.raw`\b(?:see (?:you|u|ya) (?:soon|tonight|tomorrow|around)|i'?ll be (?:there|waiting|outside)|we'?re (?:coming|outside)|i'?m (?:coming|outside)|i'?m watching (?:you|u)|be careful|sleep tight|nice (?:house|car|school)|(?:your|ur) (?:family|mum|mom|dad|sister|brother|parents|little \w+) (?:too|as well|next|is next|are next)|you(?:'ve| have) been warned|last warning|final warning|don'?t say i didn'?t warn (?:you|u))\b`),
);
export const WAITING = cue('waiting', /\b(?:i'?ll|ill|i will|we'?ll|i'?m|im|we'?re|were) (?:be )?waiting (?:for (?:you|u)|outside|at|by|near)\b/u);
/** The writer insists: laughter no longer lowers the score. */
export const SERIOUS = cue('', /\b(?:not (?:joking|kidding|playing)|no joke|i mean it|i'?m (?:being )?(?:serious|deadass)|deadass|this (?:isn'?t|is not) a joke|dead serious)\b/u);
export const SWEAR = cue('swear god', /\b(?:i swear|swear (?:to god|down|on)|on god)\b/u);
/** Laughter and joke markers: banter, not a threat (the score drops, it does not vanish). */
export const LAUGHTER = cue('', /\b(?:lol|lmao|lmfao|rofl|haha\w*|hehe\w*|jk|(?<!not )joking|(?<!not )kidding|xd)\b|[😂🤣💀😭😆😜😝🙃]/u);
/** "If you spoil the ending I'll kill you": a conditional over something trivial marks hyperbole. */
export const TRIVIAL_IF = cue(
  '',
  /\bif (?:you|u|ya|anyone|someone|he|she|they)\b[^.!?\n]{0,30}\b(?:spoil|eat|drink|touch|take|steal|finish|forget|wear|borrow|skip|cancel|bail|leave me on read|late|don'?t (?:reply|text|answer|come|call|show)|hurts?|mess(?:es)? with|upsets?|breaks? (?:her|his|your) heart)/u,
);
/** Games: "I'll kill you in fortnite", "I'm coming for you next round". */
export const GAME = cue(
  '',
  /\b(?:fortnite|fifa|minecraft|roblox|cod|call of duty|warzone|valorant|apex|overwatch|among us|mario ?kart|smash bros|gta|pubg|rocket league|the game|this game|in game|ingame|round|respawn|lobby|server|level|boss|1v1|gg|noob|squad|spawn|loot|tower|ps5|ps4|xbox|controller|chess|monopoly|uno|paintball|laser ?tag|dodgeball|airsoft|nerf)\b/u,
);
/** Sport: "we're gonna kill them in the final". Weaker than a game, and no excuse for a knife. */
export const SPORT = cue(
  '',
  /\b(?:match|final|semi|tournament|league|cup|derby|pitch|team|season|score|goals?|training|kick ?off|coach)\b/u,
);
/** News, stories and lyrics about a threat, not one. */
export const REPORTED = cue(
  '',
  /\b(?:police|cops|news|headline|reported|reports say|article|breaking|according to|charged|arrested|sentenced|convicted|trial|court|jury|allegedly|threatened to|threatening to|accused|in the (?:film|movie|show|book|game|song|trailer|episode|series|story|news)|the (?:film|movie|show|book|song|lyrics?|villain|character|trailer|episode|story|line|quote) (?:says?|goes|was|is|about)|(?:he|she|they|someone|the man|the woman|a man|a guy) (?:said|says|told|texted|wrote|posted|yelled|shouted)|lyrics?|sings?|sang)\b/u,
);
/** "I would never hurt you", "nobody is going to hurt you". */
export const NEGATED = cue(
  '',
  /\b(?:won'?t|wont|will not|would never|'?d never|will never|never|not (?:gonna|going to)|wouldn'?t|don'?t want to|didn'?t mean to|no(?: ?one|body) (?:is |'?s )?(?:gonna|going to|will|would)|not let (?:anyone|anybody|them))\b[^.!?\n]{0,15}\b(?:kill|hurt|stab|shoot|harm|touch|jump|beat|hit|bomb|attack)/u,
);
/** Friendly reasons to know an address: a party, a lift, a parcel. */
export const FRIENDLY = cue(
  '',
  /\b(?:invite|invitation|party|birthday|card|present|gift|parcel|package|deliver\w*|post (?:it|you)|come round|come over|pop round|tea|dinner|sleepover|revision|homework|pick (?:you|u) up|lift|ride|visit|neighbou?rs?|miss (?:you|u)|hang out|can i come|borrow)\b/u,
);

/** The writer announces something, anywhere in the message: makes a school or group attack theirs. */
export const SPEAKER = cue('', rx(String.raw`${WILL}|\b(?:i'?m|im|we'?re|were) (?:bringing|taking|planning|gonna|going)\b`));
