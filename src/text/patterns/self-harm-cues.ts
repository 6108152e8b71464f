/**
 * The cues of the self-harm families (see self-harm.ts). Rules are written in plain lower-case English
 * and run on normalised, letter-collapsed text, so a doubled letter must never be split across regex
 * groups ("stepping", not "step(?:ping)?"). They want the writer speaking about themselves: "I", a
 * dropped "I" after chat fillers ("ngl been thinking about…"), "myself" or "my" plus a body part.
 * Each rule names a concept, and its hard negatives sit in test/fixtures/text/self_harm-negative.jsonl.
 */
import { cue, type Cue } from './cue.js';

/** The three families a cue can add to (self-harm.ts names and explains them). */
export type SelfHarmPart = 'intent' | 'plan' | 'goodbye';

/** One rule and how much it says on its own; a part's cues add up by noisy-OR. */
export interface SelfHarmCue {
  readonly part: SelfHarmPart;
  readonly pattern: Cue;
  readonly weight: number;
}

/** Who is speaking: the rules only count the writer talking about themselves. */
const I = "(?:i|i'?m|im|i am|i'?ve been|ive been|i have been|i'?ve|ive|i have|i'?ll|ill|i will|i'?d|i would|i just|i really|i honestly|i seriously|i still|i kinda|i kind of|part of me|sometimes i)";
/** After "hurt/cut myself": an accident, sport or chore, not self-harm ("I hurt myself at the gym"). */
const ACCIDENT =
  "(?! (?:at|playing|during|while|shaving|cooking|chopping|opening|training|lifting|running|skating|falling|by accident|accidentally|laughing|lol|lmao|in (?:the )?(?:gym|game|match|practice|training|kitchen|garden|pe)|on (?!purpose)))";
/** After "cutting": a haircut, a lesson skipped, a budget ("been cutting my own hair"), not the skin. */
const CUT_OBJECT =
  "(?! (?:(?:my|your|her|his|the|a|some) (?:own )?(?:hair|fringe|bangs|nails|food|meat|veg\\w*|onions?|paper|wood|grass|hedge|cake|pizza|costs|budget|lessons?|class)|class|classes|school|down|back|out|carbs|sugar|it|up|off|hair|onions|in|through|across|corners|ties))";
/** Ways of ending one's life or hurting oneself, in the first person. */
const ACT =
  "(?:kill(?:ing)? myself(?! laughing| with laughter| trying| doing| working| studying| over)|unalive myself|end(?:ing)? (?:it all|my life|my own life|everything|it tonight|it now|it soon|it (?:on|this|by|before|next) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|the weekend|week))|commit(?:t?ing)? suicide|take my (?:own )?life|hurt(?:ing)? myself" +
  ACCIDENT +
  "|harm(?:ing)? myself|cut(?:t?ing)? myself(?! (?:on|while|shaving|cooking|with a knife|by accident|accidentally))|self[- ]?harm(?:ing)?|overdos(?:e|ing)(?! on (?:caffeine|coffee|sugar|chocolate|energy drinks?|red bull|monster|netflix|anime|tiktok|memes|vitamins?))|hang(?:ing)? myself|jump(?:ing)? (?:off (?:a|the|my) (?:[a-z-]+ ){0,2}(?:bridge|building|roof|cliff|car park|multistorey|multi-storey|tower|balcony|parking garage)|in front of (?:a|the) (?:train|bus|car))|tak(?:e|ing) (?:all|a bunch|loads|a load|every one|a handful) (?:of )?(?:my |the |[a-z]+'?s |my [a-z]+'?s )?(?:pills|tablets|meds|medication|painkillers|paracetamol|antidepressants|insulin|sleeping (?:pills|tablets))|stop(?:p?ing)? existing|disappear(?:ing)? (?:forever|for good|permanently|and never come back)|walk(?:ing)? into the (?:sea|ocean|river|lake|traffic)|driv(?:e|ing) (?:my car )?(?:into|off) (?:oncoming traffic|traffic|a wall|a tree|a bridge|a cliff)|(?:stepping|step) (?:off (?:the|a) (?:ledge|edge|platform|roof|bridge)|in front of (?:a|the) (?:train|bus|lorry|truck|car))|throw(?:ing)? myself (?:off|in front of|under)|kms)";
/** The few words that may stand between "I" and the act: modality and time, not a topic ("an essay on"). */
const ADVERBS = "really|seriously|honestly|just|actually|literally|so|kinda|kind of|still|often|sometimes|always";
const INTENT_WORDS =
  "gonna|going to|want to|wanna|wanted to|need to|have to|should|will|might|could|feel like|felt like|thinking (?:about|of|abt)|thought (?:about|abt)|planning (?:to|on)|plan to|about to|ready to|decided to|tempted to|the urge to|keep thinking about|can'?t stop thinking about|been|started|almost|nearly|tried to|try to|to|going|gonna go";
const BRIDGE = `(?:(?:${ADVERBS}|${INTENT_WORDS}) ){0,4}`;
/** With "I" dropped, a word of intent must come first: "just commit suicide" is said to someone else. */
const DROPPED_I_BRIDGE = `(?:(?:${ADVERBS}) )*(?:(?:${INTENT_WORDS}) )(?:(?:${ADVERBS}|${INTENT_WORDS}) ){0,3}`;

/** Chat fillers before a dropped "I" ("ngl been thinking about…", "honestly planning to…"). */
const FILLERS = "(?:(?:ngl|tbh|honestly|bro|mate|idk|fr|so|and|but|just|literally|omg|ok|okay|yeah|hey|dude|man|like|i think) )*";

const rx = (source: string): RegExp => new RegExp(source, 'u');

/** Weights: 0.5 and above flag on their own; a vague phrase sits below and needs a second cue. */
export const SELF_HARM_CUES: readonly SelfHarmCue[] = [
  // Intent: wanting to die or to hurt oneself.
  { part: 'intent', weight: 0.75, pattern: cue('myself end commit tak self overdos jump stop existing disappear kms walk driv step throw', rx(`(?:\\b${I} ${BRIDGE}|(?:^|[.!?,] +)${FILLERS}(?:${DROPPED_I_BRIDGE}|(?:(?:${ADVERBS}) )*(?=(?:kil|hurt|harm|cut|hang|unalive)\\w* myself)))${ACT}\\b`)) },
  { part: 'intent', weight: 0.75, pattern: cue('die dead', rx(`\\b(?:i|i really|i just|i honestly|part of me|i kinda|i seriously|i sometimes) (?:want|wanna|wish i could|would rather|'?d rather) (?:to )?(?:die|be dead)\\b(?! (?:of|from|laughing|for|on|in|at|with|when|if|before|cause|because|trying|doing|(?:my|her|his|your|the) (?:\\w+ )?hair|hair))`)) },
  { part: 'intent', weight: 0.7, pattern: cue('dead born disappear sleep wake exist', /\bi wish i (?:was|were) dead\b|\bi wish i (?:was|were|had) never (?:been )?born\b|\bi wish i could (?:disappear forever|sleep forever|not wake up|just not exist)\b/u) },
  { part: 'intent', weight: 0.7, pattern: cue('live alive exist wake here', /\b(?:i )?(?:don'?t|do not|dont) (?:think i |really |even |honestly )?(?:want|wanna) (?:to )?(?:live|be alive|exist|wake up)(?: (?:anymore|any more|tomorrow|again))?\b|\b(?:i )?(?:don'?t|do not|dont) (?:think i |really |even |honestly )?(?:want|wanna) (?:to )?be here (?:anymore|any more)\b/u) },
  { part: 'intent', weight: 0.65, pattern: cue('reason point', /\bno (?:reason|point) (?:to|in|for) (?:live|living|going on|being alive|being here|me to (?:live|be here|go on)|me (?:being here|being alive|living|existing|staying))\b/u) },
  { part: 'intent', weight: 0.5, pattern: cue('can cannot cant', /\b(?:i )?(?:can'?t|cannot|cant) (?:go on|keep going|live like this|keep living)(?: (?:anymore|any more|much longer))?\b/u) },
  { part: 'intent', weight: 0.3, pattern: cue('can cannot cant', /\b(?:i )?(?:can'?t|cannot|cant|don'?t think i can|dont think i can|can no longer) (?:do this|take (?:it|this)|cope) (?:anymore|any more)\b/u) },
  { part: 'intent', weight: 0.55, pattern: cue('want wanna', /\b(?:i )?(?:just )?(?:want|wanna) (?:it all|everything|my life|the pain|all of (?:it|this)) to (?:end|stop|be over)\b/u) },
  { part: 'intent', weight: 0.65, pattern: cue('see', /\b(?:don'?t|do not|dont|can'?t|cannot|cant) see (?:the|any) point (?:in|of) (?:living|life|going on|being alive|being here|anything anymore)\b/u) },
  { part: 'intent', weight: 0.7, pattern: cue('sleep asleep', /\b(?:sleep|go to sleep|fall asleep) and (?:never|not) wake up\b/u) },
  { part: 'intent', weight: 0.75, pattern: cue('better happier', /\b(?:better off|happier) if i (?:(?:was|were|'?m) (?:dead|gone|not here|not around|never born)|killed myself|died|disappeared|wasn'?t (?:here|around|alive))\b/u) },
  { part: 'intent', weight: 0.75, pattern: cue('without', /\b(?:everyone|they|you all|you guys|the world|my family|you|people|my friends|my parents)(?:'d|'ll| would| will)?(?: all)? be (?:better off|happier|better|a better place) without me\b/u) },
  { part: 'intent', weight: 0.5, pattern: cue('tired sick burden', /\b(?:i'?m|im|i am) (?:so )?(?:tired|sick) of (?:living|being alive|life|existing|being here)\b|\b(?:i'?m|im|i am|i feel like|feel like) (?:just |such |a huge |a )?(?:a )?burden\b|\bsorry for being a burden\b/u) },
  { part: 'intent', weight: 0.7, pattern: cue('nobody no', /\b(?:nobody|no one|no-one)(?: would| will)? (?:care|notice|miss me|even notice) if i (?:died|was gone|disappeared|wasn'?t here|killed myself|was dead)\b/u) },
  { part: 'intent', weight: 0.75, pattern: cue('suicid', /(?:^|[.!?,] )(?:so |really |very |feeling )?suicidal (?:again|tonight|rn|today|lately)\b|\b(?:i'?m|im|i am|feeling|feel|i feel|i'?ve been|been) (?:so |really |very |kind of |kinda )?suicidal\b|\b(?:having|had|have) suicidal thoughts\b|\bthinking about suicide\b/u) },
  { part: 'intent', weight: 0.75, pattern: cue('deserve should shouldn', /\bi (?:deserve to die|(?:really |just )?should (?:just )?(?:die|be dead|not be alive|not exist)|shouldn'?t (?:be alive|exist|have been born)|don'?t deserve to (?:live|be alive|exist))\b/u) },
  { part: 'intent', weight: 0.6, pattern: cue('think thinking thought', /(?:^|\b(?:i|every day i|all i do is|i always|i keep|i often|i still|i just|i constantly|i can'?t stop|i cant stop|i'?ve been|ive been|been|keep|i'?ve|ive|i have) )(?:think|thinking|thought) (?:a lot |so much |constantly )?about (?:dying|being dead|ending it|ending my life|killing myself|suicide|not being here|not existing)\b(?! (?:my|your|it|her|his|the|them)\b)/u) },
  { part: 'intent', weight: 0.6, pattern: cue('done finished', /\b(?:i'?m|im|i am) (?:so |just )?(?:done|finished) with (?:life|living|being alive|existing|this life)\b/u) },
  { part: 'intent', weight: 0.55, pattern: cue('easy', /\b(?:so|too|really|how) easy (?:it )?(?:would be |it'?d be |'?d be )?to (?:just )?(?:end it|end it all|end my life|die|kill myself|disappear forever|step off|jump|let go|swerve|drive off)\b(?! with| between| on| in| into the pool| the queue)/u) },
  { part: 'intent', weight: 0.4, pattern: cue('what point', /\bwhat'?s the point (?:(?:of|in) (?:anything|living|life|going on|being alive|trying)(?: anymore| any more)?|anymore|any more)\b/u) },
  { part: 'intent', weight: 0.3, pattern: cue('want need', /\bi (?:just )?(?:want|need) (?:it|it all|this|everything) to (?:stop|end|be over)\b/u) },
  { part: 'intent', weight: 0.3, pattern: cue('waste', /\b(?:i'?m|im|i am) (?:such |just )?a waste of (?:space|oxygen|air|life)\b/u) },
  { part: 'intent', weight: 0.8, pattern: cue('cut burn scratch slit slash', /\bi (?:cut|burned|burnt|scratched) myself (?:again|on purpose|deliberately|with (?:a |my )?(?:lighter|razor|blades?|compass|cigarette|sharpener))\b|\b(?:cut|cutting|scratch|scratching|burn|burning) (?:my|my own) (?:arms?|wrists?|legs?|thighs?|skin)\b[^.!?\n]{0,25}\b(?:until|till|til) (?:they|it) bleed|\b(?:slit|slitting|slash|slashing) my wrists\b/u) },
  { part: 'intent', weight: 0.55, pattern: cue('myself unalive end take', /\b(?:kill(?:ing)? myself|unalive myself|end(?:ing)? my (?:own )?life|take my (?:own )?life)\b(?! laughing| with laughter| trying| doing| working| studying| over| in (?:minecraft|fortnite|roblox|gta|the game|game|this game))/u) },
  { part: 'intent', weight: 0.8, pattern: cue('only', /\bonly (?:way out|option left|escape|thing left) (?:is|would be|left is) (?:to )?(?:die|death|dying|suicide|kill(?:ing)? myself|end(?:ing)? (?:it|my life))\b/u) },
  { part: 'intent', weight: 0.55, pattern: cue('feel feeling', /\bi (?:feel|'?m feeling|am feeling|keep feeling) like dying\b(?! (?:of|from|laughing|when|because|cause|cos|after|in))/u) },
  { part: 'intent', weight: 0.7, pattern: cue('ready', /\b(?:i'?m|im|i am) (?:so |just |finally |honestly )?ready to (?:die|end it|end it all|end my life|leave this world)\b(?! (?:for|of|laughing|if))/u) },
  { part: 'intent', weight: 0.55, pattern: cue('why', /\bwhy (?:am i (?:even |still )*alive|do i (?:even |still )*exist|was i (?:even )?born|should i (?:even |keep )?(?:live|living|stay alive|go on))\b/u) },
  { part: 'intent', weight: 0.6, pattern: cue('nobody no', /\b(?:nobody|no one|no-one) (?:cares|would care|will care|gives a \w+) (?:if|whether) i (?:live or die|lived or died|die|died|exist|am alive)\b/u) },
  { part: 'intent', weight: 0.7, pattern: cue('myself', rx(`(?:(?:^|[.!?,] )|\\b(?:i|i'?ve|ive|i have|been|keep|started|still)\\b(?: \\w+){0,2} )(?:(?:hit|punch|slap|scratch|bit|starv|burn|bruis|hurt|harm|cut)(?:ing|e|es|s)?|cut|hit) myself\\b${ACCIDENT}`)) },
  { part: 'intent', weight: 0.7, pattern: cue('cut sh self harm', rx(`(?:(?:^|[.!?,] )|\\b(?:i|i'?ve|ive|i have|been|keep|started|still)\\b(?: \\w+){0,2} )(?:cutting|self[- ]?harming|sh'?ing) again\\b|\\b(?:i'?ve|ive|i have|i) started (?:cutting${CUT_OBJECT}|self[- ]?harming)|\\bi cut (?:tonight|today|last night|again|deep|deeper)\\b`)) },
  { part: 'intent', weight: 0.6, pattern: cue('tw sh self relaps', /\btw:? ?(?:sh|self[- ]?harm)\b|\b(?:sh|self[- ]?harm) relapse\b|\brelapsed (?:on|with|into) (?:sh|self[- ]?harm|cutting)\b/u) },
  { part: 'intent', weight: 0.6, pattern: cue('cut carv slic burn stub scratch slash bang punch hit deep', /(?:(?:^|[.!?,] )|\b(?:i|i'?ve|ive|i have|been|keep|started|still)\b (?:\w+ ){0,3})(?:cut|cuts|cutting|carved|carving|sliced|slicing|burned|burnt|burning|stubb\w* (?:cigarettes?|it|them) out on|scratch\w*|slash\w*|banging|punching|hitting)\b[^.!?\n]{0,25}\bmy (?:own )?(?:arms?|wrists?|thighs?|legs?|stomach|skin|hips?|head|face|knuckles)\b(?<!scratch\w* my head)(?![^.!?\n]{0,30}\b(?:on (?!purpose)|cooking|by accident|accidentally|at the gym|playing|football|rugby|hockey|netball|basketball|training|shaving))|\b(?:stubb\w* (?:cigarettes?|it|them) out on|carv\w* [^.!?\n]{0,20}into|slic\w*) my (?:own )?(?:arms?|wrists?|thighs?|legs?|stomach|skin)\b|\b(?:deeper|deep) with the (?:knife|blade|razor)\b/u) },
  { part: 'intent', weight: 0.6, pattern: cue('my', /\bmy (?:arms?|wrists?|thighs?|legs?|stomach|skin|hips?) (?:are|is) (?:covered in|full of) (?:cuts|scars|burns|bruises)\b/u) },
  { part: 'intent', weight: 0.7, pattern: cue('kms suicide killing ending dying death mind', /\b(?:kms|suicide|killing myself|ending it(?: all)?|ending my life|dying|death) (?:has been|is|'?s been|keeps being|is always|was) (?:on my mind|in my head)\b/u) },
  { part: 'intent', weight: 0.75, pattern: cue('hope hoping pray praying wish wishing', /\b(?:hop(?:e|ing)|pray(?:ing)?|wish(?:ing)?) (?:that )?i (?:won'?t|don'?t|do not|wont|dont|never|will not) wake up\b/u) },
  { part: 'intent', weight: 0.7, pattern: cue('wake', /\bif i (?:don'?t|dont|didn'?t|never|do not) wake up\b[^.!?\n]{0,40}\b(?:fine|ok|okay|good|better|relief|wouldn'?t mind|hoping)\b/u) },
  { part: 'intent', weight: 0.55, pattern: cue('life worth', /\b(?:my life|life) (?:isn'?t|is not|ain'?t|isnt) worth living\b/u) },
  { part: 'intent', weight: 0.35, pattern: cue('go going through', /\b(?:go|going|gonna go) through with it\b/u) },
  { part: 'intent', weight: 0.2, pattern: cue('not ok okay alright', /\b(?:i'?m|im|i am) (?:really |so )?not (?:ok|okay|alright|fine)\b/u) },
  { part: 'intent', weight: 0.7, pattern: cue('thought think', /\b(?:thoughts?|thinking|thinkin) (?:about|abt|of) (?:ending it|ending my life|killing myself|suicide|kms|dying|not being here)\b(?! (?:my|your|it|her|his|the|them)\b)/u) },
  { part: 'intent', weight: 0.35, pattern: cue('dark', /\b(?:really |very |so )?dark thoughts\b/u) },
  { part: 'intent', weight: 0.7, pattern: cue('if car bus truck train something hit', /\bif (?:a (?:car|bus|truck|lorry|train)|something) (?:hit|hits|killed|kills|ran me over)(?: me)?\b[^.!?\n]{0,30}\b(?:glad|fine|relief|relieved|happy|wouldn'?t mind|ok|okay)\b|\bwouldn'?t mind if i (?:died|didn'?t wake up|got hit|never woke up)\b/u) },
  { part: 'intent', weight: 0.75, pattern: cue('myself', /\b(?:use|using|turn|turning) (?:it|that|them|a gun|the gun|the knife|the rifle|the blade) on myself\b/u) },
  { part: 'intent', weight: 0.7, pattern: cue('pray praying wish god', /\b(?:pray|praying|wish|wishing|hope|hoping) (?:that )?god (?:would |will )?(?:just )?(?:takes?|took) me\b/u) },
  { part: 'intent', weight: 0.55, pattern: cue('picturing imagining planning thinking funeral', /\b(?:picturing|imagining|planning|thinking about|think about) my (?:own )?funeral\b/u) },
  { part: 'intent', weight: 0.7, pattern: cue('cutting self sh hurting burning', /\b(?:cutting|self[- ]?harm(?:ing)?|sh|hurting myself|burning myself) (?:is|was|'?s) the only (?:thing|way)\b|(?:^|[.!?,] )sh again\b/u) },
  { part: 'intent', weight: 0.6, pattern: cue('myself punish', /\b(?:making|make|made) myself (?:throw up|sick|vomit|puke)\b|\bto punish myself\b|\bpunishing myself\b(?! (?:at|with) (?:the gym|workouts?|training))/u) },
  { part: 'intent', weight: 0.55, pattern: cue('deserve', /\b(?:i )?(?:don'?t|dont|do not) deserve (?:to eat|food|to be happy|to be loved)\b/u) },
  { part: 'intent', weight: 0.45, pattern: cue('haven havent eaten', /\b(?:haven'?t|havent|have not|not) eaten (?:in|for) (?:\d+|two|three|four|five|six|seven|days|a week)\b[^.!?\n]{0,20}\b(?:on purpose|deliberately|and i won'?t|to punish)/u) },
  { part: 'intent', weight: 0.8, pattern: cue('cut myself self', rx(`\\b(?:i'?ve been|ive been|i have been|i keep|i started|been) (?:cutting${CUT_OBJECT}|hurting myself${ACCIDENT}|self[- ]?harming|burning myself${ACCIDENT})|\\bi (?:cut|hurt|burned) myself (?:again|last night|today|yesterday)\\b|\\bcut again\\b`)) },
  { part: 'intent', weight: 0.3, pattern: cue('kms hate', /\bkms\b|\bi hate (?:my life|myself|being alive)\b/u) },
  // Plan: means, method, timing.
  { part: 'plan', weight: 0.6, pattern: cue('pill tablet paracetamol tylenol painkiller med', /\b(?:enough|saved up|saving up|collecting|stockpil\w*|hoarding|stashed|a whole (?:bottle|box|pack) of)(?: all)?(?: (?:my|the|of my|of the))? (?:\w+ )?(?:pills|tablets|paracetamol|tylenol|painkillers|meds|medication|sleeping pills)\b|\b(?:pills|tablets|meds|painkillers)\b[^.!?\n]{0,20}\b(?:saved up|stockpiled|hidden away|stashed)\b/u) },
  { part: 'plan', weight: 0.8, pattern: cue('took swallowed downed', /\bi (?:just |already )?(?:took|swallowed|downed) (?:a bunch|loads|a load|a handful|a whole bottle|a whole box|a whole pack|too many|\d{2,}|twenty|thirty|forty|fifty) (?:of )?(?:my |the |[a-z]+'?s )?(?:pills|tablets|meds|medication|painkillers|paracetamol|tylenol|sleeping pills)\b/u) },
  { part: 'plan', weight: 0.7, pattern: cue('pill tablet meds blade razor rope', /\b(?:the|all the|my|all my) (?:pills|tablets|meds|blade|blades|razor|rope)\b (?:are |is )?(?:in my hand|in front of me|ready|next to me|lined up|right here)\b/u) },
  { part: 'plan', weight: 0.7, pattern: cue('looked googled searched research read', /\b(?:looked up|googled|searched|been researching|researched|read up on) (?:how (?:many|much) (?:\w+ )?(?:pills|tablets|paracetamol|painkillers)|how to (?:die|kill myself|overdose|end it)|(?:lethal|fatal|deadly) doses?|ways to die|painless ways)\b/u) },
  { part: 'plan', weight: 0.6, pattern: cue('find body', /\b(?:someone|they|you|my (?:mum|mom|dad|parents|sister|brother|family))(?:'ll| will| are going to| is going to) find (?:me|my body) (?:dead|in the morning|tomorrow morning|when it'?s (?:too late|over))\b|\bfind my body\b|\bmy body (?:would|will|'?ll) be found\b/u) },
  { part: 'plan', weight: 0.7, pattern: cue('got have holding gun pistol rifle', /\b(?:i'?ve got|i have|i got|holding|got) (?:my \w+'?s |the |a )?(?:gun|pistol|rifle)\b (?:out|in my hand|loaded|next to me|here|with me)\b/u) },
  { part: 'plan', weight: 0.55, pattern: cue('edge', /\b(?:i'?m|im|i am|been|sitting|sat|standing|stood) (?:\w+ ){0,2}(?:on )?the edge of (?:the|a|my) (?:roof|bridge|cliff|building|platform|balcony|car park)\b/u) },
  { part: 'plan', weight: 0.6, pattern: cue('wrote written writing left finished', /\b(?:wrote|written|writing|left|finished) (?:my |a |the )?(?:notes?|letters?) (?:for|to) (?:everyone|all of you|my (?:family|parents|mum|mom|dad|friends|sister|brother))\b|\b(?:wrote|written|finished) my note\b/u) },
  { part: 'plan', weight: 0.45, pattern: cue('wrote written writing left letters', /\b(?:wrote|written|writing|left) letters (?:for|to) (?:mum|mom|dad|my (?:family|parents|mum|mom|dad|sister|brother|kids|friends))\b/u) },
  { part: 'plan', weight: 0.6, pattern: cue('counted counting', /\b(?:counted|counting) (?:out )?(?:all )?(?:my|the|of my) (?:\w+ )?(?:pills|tablets|meds|antidepressants|painkillers|sleeping pills)\b/u) },
  { part: 'plan', weight: 0.45, pattern: cue('got have holding knife blade razor', /\b(?:i'?ve got|i have|i got|holding|got) (?:my \w+'?s |the |a )?(?:knife|blade|razor)\b[^.!?\n]{0,20}\b(?:in my hand|next to me|with me|on my lap)\b/u) },
  { part: 'plan', weight: 0.35, pattern: cue('found', /\bfound (?:my \w+'?s? |the |all the )(?:pills|tablets|meds|gun|rifle|razor blades)\b/u) },
  { part: 'plan', weight: 0.3, pattern: cue('holding', /\b(?:i'?m|im|i am) holding (?:them|it|the \w+) (?:rn|right now|now)\b/u) },
  { part: 'plan', weight: 0.35, pattern: cue('planned', /\b(?:i'?ve|ive|i have) planned it (?:for|on) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tonight|tomorrow|the weekend|this weekend|next week)\b/u) },
  { part: 'plan', weight: 0.85, pattern: cue('how way', /\bhow (?:many|much) (?:\w+ )?(?:pills|tablets|paracetamol|tylenol|ibuprofen|painkillers|sleeping pills)\b[^.!?\n]{0,40}\b(?:die|dead|kill|lethal|fatal|overdose|od|not wake up|end it)\b|\b(?:painless|quickest|quick|easiest|best|fastest|surest) way to (?:die|kill myself|end it|end my life|commit suicide)\b|\bhow (?:to|do (?:i|you|people)|can i) (?:kill (?:myself|yourself)|commit suicide|end (?:my|your) life|hang (?:myself|yourself)|overdose)\b|\bhow (?:high|tall) (?:does|do|would) (?:a )?(?:bridge|building|drop|fall) (?:need|have) to be\b/u) },
  { part: 'plan', weight: 0.85, pattern: cue('decided plan picked chosen know', /\b(?:i'?ve decided|i decided|i'?ve planned|i have planned|i'?ve picked|i have picked|i'?ve chosen|i have a plan|i'?ve got a plan|my plan is|i know (?:how|when|where) i'?m going)\b[^.!?\n]{0,30}\b(?:kill myself|end my life|end it all|take my life|die|commit suicide)\b/u) },
  { part: 'plan', weight: 0.35, pattern: cue('rope noose razor blade gun', /\b(?:i(?:'ve| have)?|i'?ve got|i got|i bought|i found) (?:the|a|some) (?:rope|noose|razor blades?|blades?|gun)\b/u) },
  { part: 'plan', weight: 0.35, pattern: cue('know', /\bi know (?:where|when|how) (?:i'?m going to|i'?m gonna|i'?ll|i will|to) (?:do it|end it)\b/u) },
  { part: 'plan', weight: 0.3, pattern: cue('decided plan night day bridge roof ledge track railway cliff', /\b(?:i'?ve decided|i decided|i'?ve planned|i have a plan|i'?ve got a plan|my plan is)\b[^.!?\n]{0,20}\b(?:end it|do it)\b|\b(?:(?:tonight|tomorrow|this weekend|today) (?:is|will be)|tonight'?s|today'?s) the (?:night|day)\b|\b(?:i'?m|im|i am) (?:on|at|standing on|sitting on) (?:the )?(?:edge of the )?(?:bridge|roof|ledge|tracks|railway|cliff)\b/u) },
  { part: 'plan', weight: 0.85, pattern: cue('note letter', /\b(?:suicide|goodbye|farewell) (?:note|letter)s?\b|\b(?:wrote|written|writing|left|leaving) (?:a|my|the) (?:last |final )(?:note|letter)\b/u) },
  // Goodbye: last messages, arrangements for afterwards.
  { part: 'plan', weight: 0.85, pattern: cue('note letter', /\b(?:notes?|letters?) (?:to|for) [^.!?\n]{0,25}\b(?:for |from )?(?:when|after|once) i'?m (?:gone|dead|not here)\b/u) },
  { part: 'intent', weight: 0.45, pattern: cue('jump', /\b(?:i'?m|im|i am) (?:going to|gonna|about to|ready to) jump(?=\s*(?:$|[.!?,]|and |now\b|tonight\b|off (?:a |the )?(?:bridge|building|roof|cliff|ledge)))/u) },
  { part: 'goodbye', weight: 0.55, pattern: cue('won wont will not plan', /\b(?:i won'?t|i wont|i will not|i don'?t plan on|i dont plan on)(?: be)? (?:here|around|alive|being around|being here)\s*(?:$|[.!]|anymore|any more|after (?:tonight|today)|much longer)/u) },
  { part: 'goodbye', weight: 0.8, pattern: cue('time', /\bby the time (?:you|u) (?:read|see|get) (?:this|it|my message),? i'?(?:ll| will) (?:be )?(?:gone|dead|not here|at peace|somewhere better)\b/u) },
  { part: 'goodbye', weight: 0.4, pattern: cue('don dont do', /\b(?:don'?t|dont|do not) (?:try to |come )?(?:find|look for|save|stop) me\b/u) },
  { part: 'goodbye', weight: 0.75, pattern: cue('sorry forgive', /\b(?:sorry|forgive me) for what i'?m (?:about to|going to|gonna) do\b/u) },
  { part: 'goodbye', weight: 0.35, pattern: cue('if anything something', /\bif (?:anything|something) (?:happens|were to happen|should happen)(?: to me)?\b(?! (?:at|in|on|with|during|while) )/u) },
  { part: 'goodbye', weight: 0.6, pattern: cue('me', /\b(?:you|u|everyone|nobody|no one)(?:'ll| will)? (?:won'?t|wont|will not|never) (?:have to )?(?:deal with|worry about|put up with|hear from) me (?:again|anymore|any more|after (?:tonight|today)|much longer)\b/u) },
  { part: 'goodbye', weight: 0.3, pattern: cue('ready peace', /\b(?:i'?m|im|i am) (?:so |finally )?ready(?: to go)?\s*(?:$|[.!])|\b(?:i'?m|im|i am) at peace with (?:it|this|my decision)\b/u) },
  { part: 'goodbye', weight: 0.3, pattern: cue('delet wiped', /\b(?:deleted|deleting|wiped) (?:everything|all my (?:accounts|stuff|socials|photos))\b/u) },
  { part: 'goodbye', weight: 0.55, pattern: cue('ill will be gone', /\b(?:i'?ll|ill|i will) be gone (?:soon|by (?:tomorrow|tonight|morning|the morning))\b/u) },
  { part: 'goodbye', weight: 0.45, pattern: cue('before affairs', /\b(?:tidying|sorting|wrapping) (?:things|everything|stuff) up before i go\b|\b(?:getting|putting|sorting) my affairs in order\b/u) },
  { part: 'goodbye', weight: 0.4, pattern: cue('tell', /\b(?:please )?tell (?:amma|ammi|mum|mom|mam|dad|papa|my \w+) (?:i'?m|im|that i'?m) sorry\b/u) },
  { part: 'goodbye', weight: 0.45, pattern: cue('fault', /\b(?:none of (?:this|it)|it) (?:was|is|wasn'?t|isn'?t) (?:ever )?(?:your|ur) fault\b/u) },
  { part: 'goodbye', weight: 0.35, pattern: cue('if reply answer', /\bif i (?:don'?t|dont|do not) (?:reply|answer|text back|message you) (?:tomorrow|again|ever)\b/u) },
  { part: 'goodbye', weight: 0.3, pattern: cue('thank thanks', /\b(?:thank you|thanks|thank u) for being (?:a good|my|the best|such a good) friend\b/u) },
  { part: 'goodbye', weight: 0.25, pattern: cue('goodbye', /\bgoodbye\s*(?:x+|❤️?|💔|🖤)?\s*$/u) },
  { part: 'goodbye', weight: 0.6, pattern: cue('this goodbye', /\b(?:this is|this'?s|consider this) (?:my )?goodbye\b/u) },
  { part: 'goodbye', weight: 0.4, pattern: cue('blame sorry', /\b(?:please )?(?:don'?t|do not) blame (?:yourself|yourselves)\b|\bi'?m sorry i (?:couldn'?t|could not|wasn'?t|was not) (?:be )?(?:better|enough|stronger)\b/u) },
  { part: 'goodbye', weight: 0.65, pattern: cue('last final never', /\b(?:this is|consider this|this'?ll be|this will be) (?:my|the) (?:last|final) (?:message|goodbye|text|post|time (?:you'?ll|you will) hear from me)\b|\byou(?:'ll| will) never (?:hear from|see) me again\b|\b(?:the )?last time (?:you'?ll|ull|u'?ll|you will|u will|anyone will) (?:hear from|see) me\b/u) },
  { part: 'goodbye', weight: 0.7, pattern: cue('goodbye bye', /\b(?:goodbye|bye) (?:forever|world|for good|for ever)\b/u) },
  { part: 'goodbye', weight: 0.25, pattern: cue('goodbye bye remember thank giving', /\b(?:goodbye|bye) (?:everyone|all of you|all)\b|\bremember me\b|\b(?:thank you|thanks) for everything\b|\bi'?m giving away (?:my|all my) (?:stuff|things|games|clothes)\b/u) },
  { part: 'goodbye', weight: 0.35, pattern: cue('sorry', /\b(?:i'?m|im|i am) (?:so )?sorry for everything\b|(?:^|[.!?,] )sorry for everything\b|\b(?:i'?m |im )?sorry for being (?:such )?a (?:mess|burden|failure|disappointment|bad friend|shit friend)\b/u) },
  { part: 'goodbye', weight: 0.35, pattern: cue('love', /\b(?:i )?love (?:you|u) all\b/u) },
  { part: 'goodbye', weight: 0.55, pattern: cue('make live alive', /\b(?:i )?(?:don'?t think i'?ll|i won'?t|i'?m not going to|i'?m not gonna|im not gonna) (?:make it|live|be alive) (?:to|for|until|till|til|through|past) (?:my (?:next )?birthday|christmas|next (?:week|month|year)|the end of the (?:week|month|year)|new year)\b(?! (?:party|dinner|drinks|meal|celebration|sleepover|plans))/u) },
  { part: 'goodbye', weight: 0.3, pattern: cue('gave given giving', /(?:\b(?:i|i'?ve|ive|i have|i'?m|im|i am) (?:just )?|^|[.!?] )(?:gave|given|giving) away (?:all |most |some )?(?:of )?my \w+|(?:gave|given|giving) (?:all |most |some )?(?:of )?my (?:\w+ )?(?:stuff|things|games|clothes|xbox|ps5|playstation|switch|console|phone|books|jewellery|jewelry|cat|dog|savings|guitar)\b/u) },
  { part: 'goodbye', weight: 0.4, pattern: cue('need needing', /\b(?:i )?(?:won'?t|wont|will not) (?:be )?need(?:ing)? (?:it|them|this|that|these|those|my \w+|any of (?:it|this|my stuff))(?: where i'?m going| after (?:tonight|today)| anymore| any more)?\b/u) },
  { part: 'goodbye', weight: 0.75, pattern: cue('do', /\b(?:don'?t|do not|dont) (?:be sad|cry|miss me|forget me|feel bad|be upset) (?:when|after|once) i'?m (?:gone|dead|not here)\b/u) },
  { part: 'goodbye', weight: 0.6, pattern: cue('when after once', /\b(?:when|after|once) i'?m (?:dead|no longer (?:here|alive)|not alive)\b/u) },
  { part: 'goodbye', weight: 0.8, pattern: cue('reading', /\bif (?:you'?re|you are|ur) reading this\b[^.!?\n]{0,30}\b(?:gone|dead|too late|not here|not alive)\b/u) },
  { part: 'goodbye', weight: 0.8, pattern: cue('won not', /\bi won'?t be (?:alive|breathing)\b|\b(?:i won'?t|i'?m not (?:going to|gonna)|im not (?:going to|gonna)) be (?:here|around|alive) (?:much longer|anymore|any more|for much longer|after tonight|by tomorrow)\b/u) },
  { part: 'goodbye', weight: 0.8, pattern: cue('gone dead here', /\b(?:take care of|look after|feed|love|tell) (?:my|the) (?:\w+ )?(?:cat|dog|pets?|sister|brother|family|mum|mom|dad)\b[^.!?\n]{0,30}\b(?:when|after|once|for me when) i'?m (?:gone|dead|not here anymore|no longer here)\b/u) },
];
