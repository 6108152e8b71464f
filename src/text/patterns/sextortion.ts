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

/** Intimate by themselves. */
const INTIMATE = cue(
  'nude naked nsfw intimate explicit private sexy dirty sex video webcam cam facetime record screen touching clothes',
  /\b(?:nudes?|naked|nsfw|intimate (?:pics?|pictures?|photos?|images?|videos?|vids?)|explicit (?:pics?|pictures?|photos?|images?|videos?|vids?)|private (?:pics?|pictures?|photos?|images?|videos?|vids?|parts)|sexy (?:pics?|photos?|videos?)|dirty (?:pics?|photos?|videos?)|sex (?:tape|video)|(?:video|webcam|cam|facetime) (?:call|chat|show|recording) (?:of you|you did)|(?:recorded|recording|screen ?recorded|screenshotted) (?:you|u|our (?:video|cam|facetime) call)|touching yourself|without (?:your |ur )?clothes)\b/u,
);
/** The target's own images in ordinary words: "your pics", "a video of you". */
const YOUR_IMAGES = cue(
  'pic picture photo image video vid snap screenshot recording selfie ones stuff what everything',
  /\b(?:(?:all )?(?:your|ur) (?:pics?|pictures?|photos?|images?|videos?|vids?|snaps?|screenshots?|recordings?|selfies?)|(?:pics?|pictures?|photos?|images?|videos?|vids?|recording) of (?:you|u)\b|\b(?:the ones|the pics|the stuff|what|everything) (?:you|u) (?:sent|showed|shared)(?: me)?\b)/u,
);
/** Images pointed at ("these pics"): they only count under pressure. */
const POINTED_IMAGES = cue(
  '',
  /\b(?:these|those|the|them|it|this) (?:pics?|pictures?|photos?|images?|videos?|vids?|screenshots?|recordings?)\b|\b(?:them|it all|everything)\b/u,
);
/** Spreading something, by the writer, now or if ("I'll post", "or I'm sending", "everyone sees"). */
const SPREAD = cue(
  'send shar post leak upload forward show spread expos releas publish put sell dm se get find nude pic picture photo video vid they them it',
  /\b(?:i'?ll|ill|i will|i'?m gonna|im gonna|i'?m going to|im going to|gonna|going to|i can|i could|i'?m about to|about to|i'?ll just|or i|or ill|or i'?ll|i swear i'?ll)\b[^.!?\n]{0,20}\b(?:send|share|post|leak|upload|forward|show|spread|expose|release|publish|put|sell|dm)\b|\b(?:i'?m|im|i am) (?:\w+ )?(?:sending|sharing|posting|leaking|uploading|forwarding|showing|spreading|exposing|releasing)\b|\b(?:every(?:one|body)|(?:your|ur) (?:whole )?(?:family|friends|parents|mum|mom|dad|school|followers|contacts|boyfriend|girlfriend|teachers?|class)|the whole (?:school|internet)) (?:sees?|will see|gets? (?:it|them|to see)|will get (?:it|them)|is (?:going|gonna) (?:to )?see|finds? out|will find out)\b|\b(?:nudes?|pics?|pictures?|photos?|videos?|vids?) (?:are|is|will be|are gonna be|are going to be|go|goes|will go|going|get sent|gets sent|get posted|gets posted) (?:going )?(?:on|to|online|everywhere|public|viral)\b|\b(?:they|them|it) (?:go|goes|will go|are going|get sent|gets sent|get posted|gets posted|will be) (?:online|everywhere|public|viral|to (?:your|ur|everyone|every))\b/u,
);
/** Who would see it. */
const AUDIENCE = cue(
  '',
  /\b(?:(?:to |with )?(?:all |every(?: one)? of )?(?:your|ur) (?:followers|friends|family|parents|mum|mom|dad|school|classmates|contacts|teachers?|boss|girlfriend|boyfriend|gf|bf|wife|husband|church|college|uni|team|coach|instagram|insta|snap|snapchat|tiktok|facebook|story|page|profile)|everyone (?:you know|at (?:your|ur) school|in (?:your|ur) (?:contacts|class|school|family))|every(?:one|body)|all over (?:the )?(?:internet|school|insta|instagram|tiktok|snap)|online|on (?:instagram|insta|snap|snapchat|tiktok|facebook|twitter|x|reddit|the internet|porn sites?)|(?:porn|adult) sites?|public(?:ly)?)\b/u,
);
/** "I have your pics", "I saved everything", "I screenshotted it all". */
const POSSESSION = cue(
  'nude pic picture photo image video vid snap recording call facetime saved recorded screenshot screen kept copies filmed',
  /\b(?:i(?:'ve| have)?|i got|i'?ve got|i saved|i recorded|i screenshotted|i screen ?recorded|i kept|i still have) (?:got |saved |recorded |screenshotted )?(?:all |every one of |each of )?(?:your|ur|the|those|these|our) (?:\w+ )?(?:nudes?|pics?|pictures?|photos?|images?|videos?|vids?|snaps?|recording|call|video call|facetime)\b|\bi (?:saved|recorded|screenshotted|screen ?recorded|kept) (?:it all|everything|all of it|the whole (?:call|thing|video call|facetime|chat))\b|\bi (?:have|'ve got|got) (?:screenshots?|screen ?recordings?|recordings?|copies|videos?|a video|a recording) of (?:everything|it all|all of it|what you sent|you|our|(?:your|ur) (?:\w+ )?(?:nudes?|pics?|pictures?|photos?|videos?|body))\b|\bi (?:have )?(?:screen ?recorded|recorded|screenshotted|filmed) (?:you|u|us|our|everything)\b/u,
);
/** Ordinary ownership of someone's photos: a trip, a party, a match. */
const ORDINARY_PHOTOS = cue(
  '',
  /\b(?:from|of|at) (?:the|our|last|your|ur|my|that|this) (?:trip|party|holiday|vacation|wedding|game|match|birthday|prom|concert|beach|weekend|night|graduation|shoot|gig|hike|festival|school trip|day out)\b/u,
);
/** Pay or send more, or else. */
const MONEY_DEMAND = cue(
  '',
  /\b(?:pay(?: me)?|send (?:me )?(?:the )?(?:money|cash|funds|bitcoin|btc|crypto|gift ?cards?|[£$€]\s?\d+)|transfer|venmo|cash ?app|paypal|zelle|gift ?cards?|bitcoin|btc|wallet address)\b/u,
);
const MORE_IMAGES = cue(
  '',
  /\b(?:send (?:me )?(?:more|another|a new|one more|a (?:naked|nude|full body|better))(?: \w+)?|more (?:pics|nudes|photos|videos|vids)|(?:send|show) (?:me )?(?:your|ur) (?:body|boobs|tits|dick|ass))\b/u,
);
const CONDITION = cue(
  '',
  /\b(?:or (?:else|i|ill|i'?ll|everyone|your|ur|they|it)|otherwise|unless|if (?:you|u) (?:don'?t|dont|do not|won'?t|refuse|block|ignore|tell|report|stop)|if not|don'?t (?:want|let) (?:everyone|your|ur)|(?:want|would you like) (?:everyone|your|ur) (?:\w+ )?to see)\b/u,
);
const DEADLINE = cue(
  '',
  /\b(?:(?:you(?:'ve)?|u) (?:have|got|get) (?:\d+|one|two|three|five|ten|twenty|thirty) ?(?:minutes?|mins?|hours?|hrs?|seconds?|secs?|h|m)\b|\d+ ?(?:minutes?|mins?|hours?|hrs?|h) (?:left|to pay|to decide|to send|or|before)|clock(?:'s| is) ticking|tick ?tock|time(?:'s| is) running out|running out of time|before (?:midnight|tonight|tomorrow|the end of (?:the )?day)|by (?:tonight|tomorrow|midnight|\d{1,2} ?(?:am|pm)|the end of (?:the )?day)|countdown|last chance)\b|[⏰⏳⌛]/u,
);
/** A friend joking about an embarrassing photo, not coercion. */
const BANTER = cue('', /\b(?:lol|lmao|haha\w*|jk|just kidding|joking)\b|[😂🤣]/u);

interface Parts {
  readonly threat: number;
  readonly demand: number;
  readonly countdown: number;
}

function scoreParts(read: CueReader): Parts {
  const intimate = read(INTIMATE);
  const yours = read(YOUR_IMAGES);
  const possession = read(POSSESSION);
  const spread = read(SPREAD);
  if (!intimate && !yours && !possession && !spread) return { threat: 0, demand: 0, countdown: 0 };
  const audience = read(AUDIENCE);
  const ordinary = !intimate && read(ORDINARY_PHOTOS);
  const coercion = read(CONDITION);
  const money = read(MONEY_DEMAND) || read(MONEY_AMOUNT);
  const more = read(MORE_IMAGES);
  const deadline = read(DEADLINE);
  const pressure = coercion || money || more || deadline;

  let threat = 0;
  if (spread) {
    if (intimate) threat = audience ? 0.9 : 0.75;
    else if (yours) threat = audience ? 0.5 : 0.35;
    // "pay or I post them everywhere": pointed-at images under pressure, in front of an audience.
    else if (pressure && audience && read(POINTED_IMAGES)) threat = 0.45;
    // "Send another one or I post it": demanding more images under a spread threat is the scheme itself.
    else if (more && coercion) threat = 0.5;
  }
  if (possession) threat = noisyOr(threat, intimate ? 0.5 : ordinary ? 0.05 : 0.3);
  if (ordinary) threat *= 0.4;
  if (threat > 0 && pressure) threat = noisyOr(threat, intimate || possession ? 0.6 : 0.45);
  if (read(BANTER) && !intimate && !money) threat *= 0.5;

  // Demands and deadlines only mean sextortion next to a threat or the images themselves.
  const leverage = threat >= 0.3 || (intimate && (spread || possession));
  const demand = leverage && (money || more) ? noisyOr(threat, 0.5) : 0;
  const countdown = leverage && deadline ? noisyOr(threat, 0.45) : 0;
  return { threat, demand, countdown };
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
