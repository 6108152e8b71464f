// Stage signals in one message: each family on what it must and must not see, the detector's shape,
// the stages read from other detectors' results, and the word prefilter of every stage cue.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DetectorResult } from '../../src/engine/detector.js';
import type { Direction } from '../../src/engine/message.js';
import { signalsFromResults } from '../../src/conversation/result-signals.js';
import { STAGE_CUES } from '../../src/conversation/stage-patterns.js';
import { createStageDetector } from '../../src/conversation/stage-detector.js';
import { BARE_AGE, STAGES, isStageCode, type StageHit } from '../../src/conversation/stages.js';
import { collapseRepeats } from '../../src/text/normalize.js';
import { armedCues, cueMatches } from '../../src/text/patterns/cue.js';
import { foldedPattern } from '../../src/text/patterns/fold-pattern.js';

const detector = createStageDetector();

function stages(text: string, direction: Direction = 'incoming'): Map<string, number> {
  const result = detector.detect({ message: { text }, text, direction }) as DetectorResult;
  return new Map((result.signals ?? []).map((hit) => [hit.stage, hit.strength]));
}

/** stage → [texts that must show it (with at least this strength), texts that must not]. */
const CASES: Record<StageHit['stage'], { readonly yes: readonly (readonly [string, number])[]; readonly no: readonly string[] }> = {
  rapport: {
    yes: [["you're so beautiful", 0.6], ['nobody understands you like i do', 1], ["you're not like other girls", 0.9], ['hey cutie', 0.6], ["you're really good at this", 0.4]],
    no: ['the weather is beautiful today', 'this song is so good', 'she is pretty tall'],
  },
  age_probe: {
    yes: [['how old are you?', 0.7], ['how old r u', 0.7], ['asl?', 0.7], ['you seem mature for your age', 1], ['age is just a number', 1], ['what grade are you in', 0.6]],
    no: ['how old is your brother?', 'the old school', 'what grade did you get on the test'],
  },
  minor_age: {
    yes: [["i'm 14", 1], ['im 13 lol', 1], ["I'm fifteen", 1], ['12 years old', 1], ["i'm in year 8", 0.5]],
    no: ["i'm 15 minutes late", 'im 16 hours into this game', "I'm 25", 'i am 18', 'call me at 14:30', "i'm 14th in the queue"],
  },
  [BARE_AGE]: {
    yes: [['14', 1], ['15 u?', 1], ['16 hbu', 1], ['12!', 1]],
    no: ['14 apples', '25', 'room 14 please', '2014'],
  },
  secrecy: {
    yes: [
      ["don't tell your parents about us", 1], ['delete our messages after', 1], ['this stays between us', 0.7], ["it's our little secret", 0.7], ["they wouldn't understand", 0.8],
      // "X don't need to know": the recipient's parents, or anyone.
      ["ur parents dont need to know, they'd just say no", 1], ["your mum can't find out about this", 1], ['no need for your parents to know', 1],
      ["what your dad doesn't know won't hurt him", 1], ["they don't need to know", 0.7], ['nobody else has to find out', 0.7],
    ],
    no: [
      'I told my parents', 'tell your mum I said hi', 'the secret ingredient is garlic',
      // Hard negatives: the writer's own parents, a permission slip, a question.
      "my parents don't need to know I failed the test lol", 'your parents need to know by friday, the slip is in your bag', 'do your parents know you are coming?',
    ],
  },
  platform_switch: {
    yes: [['add me on snap', 0.6], ['do you have telegram?', 0.6], ["let's talk somewhere more private", 0.5], ['whats your insta? lets talk somewhere private', 1]],
    no: ['I saw it on the news', 'snap out of it', 'send me the link'],
  },
  gift_offer: {
    yes: [['i can get you robux', 0.9], ["i'll buy you something nice", 0.5], ['want free vbucks?', 0.3], ['sent you 800 robux', 0.9]],
    no: ['I bought a new phone', 'she gave me a lift'],
  },
  image_request: {
    yes: [['what are you wearing?', 1], ['send a pic in your underwear', 1], ['send me a pic', 0.6], ['send me a selfie', 0.7], ['can we video call', 0.5], ['show me your body', 1], ['turn on your cam', 1], ['wanna trade pics? 😏', 0.7], ['swap snaps?', 0.7]],
    no: ['I saw the pics from the party', 'nice photo!', 'I am wearing a coat', 'wanna trade pokemon cards?'],
  },
  image_shared: { yes: [], no: ['here is the photo'] },
  sexual: {
    yes: [['are you a virgin?', 1], ['have you ever kissed anyone', 1], ['i want to kiss you', 0.8], ['you were very naughty', 0.6]],
    no: ['I kissed my mum goodbye', 'the exam was hard'],
  },
  meeting: {
    yes: [
      ['are you home alone?', 1], ["let's meet up, just us", 1], ['i can pick you up after school', 1], ['we should meet sometime', 0.6], ['where do you live?', 0.6],
      // Public places, and coming alone.
      ['see u at the mall saturday', 0.6], ['hang at the skate park later?', 0.6], ["i'll wait outside the station", 0.6], ['come to the cinema with me', 0.6],
      ['wanna meet at the mall saturday? dont bring anyone', 1], ['meet me at the park, come by yourself', 1], ['meet at maccies, just you and me', 1],
    ],
    no: ['nice to meet you', 'the planning meeting is at 10', 'see you later', 'the mall was packed today', 'I was at the park with my dog', 'bring anyone you like to the party'],
  },
  personal_info: {
    yes: [['my parents are at work', 1], ["i'm home alone", 1], ['i live near the station', 0.7], ['14 Mill Lane', 0.7]],
    no: ['my parents are great', 'I live for pizza'],
  },
  threat: {
    yes: [
      ["i'll send it to all your followers", 0.9], ['i have screenshots of everything', 0.7], ['your friends list is interesting', 0.6], ["let's make a deal", 0.7], ["you'll be in so much trouble", 0.7],
      // Exposure to an audience as the consequence, and control once leverage is held.
      ['i want 100 in steam cards or ur whole school sees it', 0.9], ['pay up or everyone at your school gets the pics', 0.9], ['do it or your followers will find out', 0.9],
      ['the pics go to ur whole class tonight', 0.9], ['now ur gonna do what i say', 0.7],
      // "Everyone will see" with a condition or a demand beside it.
      ['send $200 or everyone will see', 0.7], ['if you block me your family will know', 0.7], ['everyone will see it unless you pay', 0.7],
    ],
    no: [
      "I'll send it to you tomorrow", 'I have screenshots of the bug',
      'finish the slides or the whole class sees our mess', 'hurry or everyone gets the good seats', 'your whole school sees the play on friday', 'it goes to your whole family tonight',
    ],
  },
  images_held: {
    yes: [
      ['i recorded our video call', 1], ['i have screenshots of everything', 1], ['i screenshotted ur pics', 1],
      // A threat that names the images as what is spread.
      ["pay or i'll send your pics to your mum", 0.8], ['the nudes go to ur whole class tonight', 0.8], ['send $200 or everyone will see the video', 0.8],
    ],
    no: [
      // Images named without a threat, and threats without images.
      'send me the pics from the trip', 'your photos are lovely', 'everyone will see them on the club website next week',
      'send me 400 robux friday or everyone in the server finds out u lost to a bot', "do it or your followers will find out", 'I have screenshots of the bug',
    ],
  },
  countdown: { yes: [['you have 2 hours', 0.8], ['tick tock', 0.8], ['then pay. you have until midnight', 0.8]], no: ['see you in 2 hours at the park', 'the match is tonight'] },
  plea: { yes: [['please dont do this', 0.8], ['i only have $50', 0.8], ['what do you want', 0.8]], no: ['please pass the salt'] },
  wrong_number: { yes: [['sorry, wrong number', 1], ['I got your number from a friend', 0.5]], no: ['what is your number?'] },
  family_claim: { yes: [['hi mum, this is my new number', 1], ["it's dad", 0.5], ['I dropped my phone', 1]], no: ['my mum says hi'] },
  affinity: { yes: [['where are you from?', 0.5], ['have you eaten breakfast?', 0.6], ['it must be fate', 0.7], ['nice to meet you', 0.4]], no: ['I am from Leeds'] },
  love_declaration: { yes: [['I love you', 0.7], ['you are my soulmate', 1], ["I've never felt this way", 1], ['my darling', 0.4]], no: ['I love pizza', 'love this song'] },
  hardship: { yes: [["I'm stuck at customs", 0.7], ['my account is frozen', 0.7], ['my banking app won\'t let me in', 0.7]], no: ['the lake is frozen'] },
  investment_pitch: {
    yes: [['we trade BTC on a platform, I made 30% last week', 0.8], ['my uncle is an analyst, we trade BTC on a platform', 1], ['you can start small with $500 and withdraw anytime', 0.8], ['guaranteed returns', 0.8]],
    no: ['I put my savings in an index fund', 'the stock market fell today'],
  },
  money_request: {
    yes: [
      ['can you lend me £50?', 0.7], ['only accept steam gift cards', 1], ['pay $300 or else', 0.8], ["I'll pay you back tomorrow", 0.7], ['what are your bank details', 0.6],
      // Gift cards and game currency demanded.
      ['i want 100 in steam cards', 1], ['send me 2000 robux', 1], ['pay $50 in google play codes', 1], ['give me 50 worth of itunes cards', 1],
    ],
    no: ['we pay £12 an hour', 'I paid for lunch', "i'll get you robux", 'my brother wants a steam card for his birthday', 'i want a new game'],
  },
  code_request: { yes: [['send me the code', 0.8], ['tell me the 6 digit code', 0.8]], no: ['the dress code is smart'] },
  payment: { yes: [['how do i pay', 0.8], ['I just transferred $500', 0.8], ['what are the bank details?', 0.8], ['482913', 0.6]], no: ['I paid attention'] },
};

describe('stage signals', () => {
  for (const [stage, { yes, no }] of Object.entries(CASES)) {
    it(`${stage}: seen where it is, not where it is not`, () => {
      for (const [text, strength] of yes) expect(stages(text).get(stage), text).toBeGreaterThanOrEqual(strength);
      for (const text of no) expect(stages(text).get(stage), text).toBeUndefined();
    });
  }

  it('covers every stage code with a case', () => {
    expect(Object.keys(CASES).sort()).toEqual([...STAGES, BARE_AGE].sort());
  });

  it('reports an attached image as image_shared, and nothing for empty text', () => {
    const image = { type: 'image', data: new Uint8Array(4), width: 1, height: 1 } as const;
    const result = detector.detect({ message: { text: '', attachments: [image] }, text: '', direction: 'outgoing' }) as DetectorResult;
    expect(result).toEqual({ scores: {}, reasons: [], signals: [{ stage: 'image_shared', strength: 1 }] });
  });

  it('sees disguised spellings through the shared normalisation', () => {
    expect(stages('ｈｏｗ ｏｌｄ ａｒｅ ｕ??').get('age_probe')).toBe(0.7);
    expect(stages('DON’T TELL YOUR PARENTS').get('secrecy')).toBe(1);
    expect(stages('whaaaat are youuu wearing').get('image_request')).toBe(1);
  });

  it('declares itself as a detector of grooming with no message-level score', () => {
    expect(detector).toMatchObject({ id: 'conversation-stages', labels: ['grooming'] });
    expect(typeof detector.version).toBe('string');
  });

  it('answers in bounded time on long adversarial input', () => {
    const text = `${'how old are you '.repeat(2000)}${'a'.repeat(30_000)} ${"don't ".repeat(3000)}`;
    const start = performance.now();
    stages(text);
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe('sextortion leverage in one message', () => {
  it('"everyone will see" alone is news, not a threat; with a condition or a demand it is one', () => {
    expect(stages('Everyone will see them on the club website next week').get('threat')).toBeLessThanOrEqual(0.3);
    expect(stages('your family will know soon, we announce it sunday').get('threat')).toBeLessThanOrEqual(0.3);
    expect(stages('pay me $100. everyone will see otherwise').get('threat')).toBeGreaterThanOrEqual(0.7);
  });

  it('photos of an event are a photo of a thing, not of the person', () => {
    for (const text of ["can someone send me the pics from Sunday's match?", 'send me the photos from yesterday', "send the vids from jake's party"]) {
      expect(stages(text).get('image_request') ?? 0, text).toBeLessThan(0.5);
    }
    expect(stages('send me a selfie from yesterday').get('image_request') ?? 0).toBeGreaterThanOrEqual(0.5);
  });
});

describe('stages from other detectors', () => {
  const result = (over: Partial<DetectorResult>): DetectorResult => ({ scores: {}, reasons: [], ...over });

  it('maps pattern reason codes and model scores to stages', () => {
    const hits = signalsFromResults([
      result({ reasons: [{ code: 'sextortion.payment_demand', label: 'sextortion', message: 'x' }] }),
      result({ reasons: [{ code: 'scam.wrong_number_opener', label: 'scam', message: 'x' }] }),
      result({ scores: { sexual: 0.6, pii: 0.7 } }),
    ]);
    expect(new Map(hits.map((h) => [h.stage, h.strength]))).toEqual(
      new Map([
        ['threat', 0.8],
        ['money_request', 0.9],
        ['images_held', 0.8],
        ['wrong_number', 1],
        ['affinity', 0.6],
        ['sexual', 0.8],
        ['personal_info', 0.8],
      ]),
    );
  });

  it('keeps the strongest sighting per stage and ignores malformed detector signals', () => {
    const odd = { scores: {}, reasons: [], signals: [{ stage: 'secrecy', strength: 0.4 }, { stage: 'secrecy', strength: 0.9 }, { stage: 'nonsense', strength: 1 }, { stage: 'rapport', strength: 7 }, null] };
    expect(signalsFromResults([odd as unknown as DetectorResult])).toEqual([{ stage: 'secrecy', strength: 0.9 }]);
    expect(isStageCode('secrecy')).toBe(true);
    expect(isStageCode('toString')).toBe(false);
  });
});

/** A cue's pattern without `\b` and lookarounds, which fast-check cannot generate from; matches are checked on the real pattern. */
function withoutAssertions(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; ) {
    if (source[i] === '\\') {
      if (source[i + 1] !== 'b') out += source.slice(i, i + 2);
      i += 2;
    } else if (/^\(\?<?[=!]/u.test(source.slice(i, i + 4))) {
      let depth = 0;
      let j = i;
      for (; j < source.length; j += 1) {
        if (source[j] === '\\') j += 1;
        else if (source[j] === '[') while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
        else if (source[j] === '(') depth += 1;
        else if (source[j] === ')' && --depth === 0) break;
      }
      i = j + 1;
    } else {
      out += source[i];
      i += 1;
    }
  }
  return out.replace(/\^|\$/gu, '');
}

describe('stage cue stems', () => {
  it('never skip a cue that would have matched (text generated from each pattern, seeded)', () => {
    let matched = 0;
    for (const entry of STAGE_CUES) {
      if (entry.stems.length === 0) continue;
      const source = entry.on === 'raw' ? entry.pattern.source : foldedPattern(entry.pattern).source;
      const generator = new RegExp(`^(?:${withoutAssertions(source)})$`, 'u');
      for (const sample of fc.sample(fc.stringMatching(generator, { size: 'small' }), { numRuns: 150, seed: entry.id + 1 })) {
        for (const text of [` ${sample} `, `x ${sample}.`, `🔥${sample}`]) {
          const raw = entry.on === 'raw' ? text : text.toLowerCase();
          const view = { norm: collapseRepeats(raw.toLowerCase()), raw, digits: 99 };
          if (!cueMatches(entry, view)) continue;
          matched += 1;
          expect(armedCues(view)[entry.id], `cue ${entry.pattern.source.slice(0, 60)} matched ${JSON.stringify(raw)} unarmed`).toBe(1);
        }
      }
    }
    expect(matched).toBeGreaterThan(5_000);
  });

  it('never skip a cue on the case texts', () => {
    for (const { yes, no } of Object.values(CASES)) {
      for (const text of [...yes.map(([t]) => t), ...no]) {
        const view = { norm: collapseRepeats(text.toLowerCase()), raw: text, digits: 99 };
        for (const entry of STAGE_CUES) if (cueMatches(entry, view)) expect(armedCues(view)[entry.id], `${entry.pattern.source.slice(0, 50)} on ${text}`).toBe(1);
      }
    }
  });
});
