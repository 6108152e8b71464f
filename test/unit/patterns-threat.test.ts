import { describe, expect, it } from 'vitest';
import { allCues, armedCues, cueMatches } from '../../src/text/patterns/cue.js';
import { createTextViewer } from '../../src/text/patterns/text-view.js';
import { THREAT_FAMILIES, createThreatDetector } from '../../src/text/patterns/threat.js';
import { THRESHOLD, falseAlarms, fixtureRateTests, readFixtures, recall, run, scoreOf } from './patterns-fixtures.js';

const threat = createThreatDetector();
const score = (text: string, direction: 'incoming' | 'outgoing' = 'incoming'): number => scoreOf(threat, 'threat', text, direction);
const codes = (text: string): string[] => run(threat, text, 'incoming').reasons.map((reason) => reason.code);

describe('patterns-threat', () => {
  it('declares its id, label and reason codes', () => {
    expect(threat.id).toBe('patterns-threat');
    expect(threat.labels).toEqual(['threat']);
    expect(threat.reasonCodes).toEqual(['threat.violence', 'threat.stalking', 'threat.mass_violence']);
  });

  fixtureRateTests(threat, 'threat', 'threat');

  it('exercises every family on the positive fixtures', () => {
    const seen = new Set(readFixtures('threat.jsonl').flatMap((fixture) => codes(fixture.text)));
    for (const family of Object.values(THREAT_FAMILIES)) expect(seen, family.code).toContain(family.code);
  });

  it.each([
    "I'm going to kill you",
    "you're dead when I find you",
    'I know where you live, watch your back',
    "I'll stab you tomorrow after school",
    "I'm going to shoot up the school",
  ])('flags the explicit threat %j', (text) => {
    expect(score(text)).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it.each([
    "I'm g0nna k1ll y0u",
    'i will $tab you',
    "i'm gonnaaaa killll youuuu",
    "I'M GOING TO KILL YOU",
    'I am going to k-i-l-l you',
    'i will k.i.l.l you',
    'i will kіll уou', // Cyrillic і and у
    'I\u2019ll stab you', // curly apostrophe
    'I\u200B\'ll st\u200Bab you', // zero-width spaces
    'Ｉ\'ｌｌ ｓｈｏｏｔ ｙｏｕ', // full-width
    "1'll sh00t u",
    'y o u r e  d e a d',
    'imma merk u',
    'sh00t1ng up the sch00l tmrw',
  ])('sees through the evasion %j', (text) => {
    expect(score(text)).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it.each([
    'this game is killing me',
    "I'll kill you if you spoil the ending lol",
    'my mum is going to kill me',
    'your mum is gonna kill you lol',
    'you killed it on stage',
    "I'm dead 😂",
    'shoot me a text',
    "I'll shoot you a message later",
    "knock 'em dead",
    'I beat you at fifa',
    'drop dead gorgeous',
    "we're gonna destroy them on saturday",
    'I could murder a pizza',
    'police said the man threatened to kill his neighbour',
    "I'll snipe you from the tower",
    "you're dead funny",
    "you're dead to me lol",
    'I would never hurt you',
    'nobody is going to hurt you',
    "I'm going to kill you at chess",
    'I know where you are coming from',
    'I got a new nerf gun',
    'we have a school shooting drill tomorrow',
    'what do we do if there is ever a shooting at school?',
    'the lyrics go "I\'m gonna kill you with my love"',
    'I know your address, I will send the invitation there',
  ])('keeps the idiom, banter or report %j under the lowest threshold', (text) => {
    expect(score(text)).toBeLessThan(0.3);
  });

  it('scores a threat against a school or a group highest, and explains it in both directions', () => {
    for (const text of ["I'm going to shoot up the school", 'gonna bring a gun to school and shoot everyone', 'I planted a bomb in the school']) {
      expect(score(text), text).toBeGreaterThanOrEqual(0.8);
      expect(codes(text)[0], text).toBe('threat.mass_violence');
    }
    const text = "I'm going to shoot up the school";
    expect(run(threat, text, 'outgoing').reasons[0]?.message).toBe(THREAT_FAMILIES.massViolence.text.outgoing);
    expect(run(threat, text, 'incoming').reasons[0]?.message).toBe(THREAT_FAMILIES.massViolence.text.incoming);
  });

  it('lowers a joke marker, but a school attack "as a joke" stays flagged', () => {
    expect(score("i'm going to kill you lol")).toBeLessThan(score("i'm going to kill you"));
    expect(score("i'm going to kill you lol")).toBeGreaterThan(0);
    expect(score("i'm going to shoot up the school lol")).toBeGreaterThanOrEqual(THRESHOLD);
    expect(score("not joking lol, i'm going to kill you")).toBe(score("not joking, i'm going to kill you"));
  });

  it('raises a threat with a time, a place or a weapon, never a plain plan', () => {
    expect(score("I'll hurt you after school tomorrow")).toBeGreaterThan(score("I'll hurt you"));
    expect(score("I'll be waiting outside your house with a knife")).toBeGreaterThanOrEqual(THRESHOLD);
    expect(score("I'll be waiting outside your house at 8 for the lift")).toBe(0);
    expect(score('see you at your house tomorrow after school')).toBe(0);
  });

  it('lowers sport talk, but not a knife after practice', () => {
    expect(score("we're gonna kill them in the final")).toBeLessThan(0.3);
    expect(score("I'll stab you after practice")).toBeGreaterThanOrEqual(THRESHOLD);
    expect(score("I'm going to kill him")).toBeLessThan(score('gonna stab him'));
  });

  it('adds families up: an address with menace scores above either alone', () => {
    const stalking = score('I know where you live');
    const menace = score('watch your back');
    const both = score('I know where you live, watch your back');
    expect(both).toBeGreaterThan(Math.max(stalking, menace));
    expect(codes('I know where you live, watch your back').sort()).toEqual(['threat.stalking', 'threat.violence']);
  });

  it('words its reasons for the person threatened and for the writer', () => {
    const text = 'I will hurt you';
    expect(run(threat, text, 'incoming').reasons[0]?.message).toBe(THREAT_FAMILIES.violence.text.incoming);
    expect(run(threat, text, 'outgoing').reasons[0]?.message).toMatch(/^This reads like a threat\. Threats can hurt people and can get you in real trouble/u);
  });

  it('never skips a threat cue that would have matched on its fixtures (the word prefilter)', () => {
    const view = createTextViewer();
    let matched = 0;
    for (const name of ['threat.jsonl', 'threat-negative.jsonl', 'threat-heldout.jsonl', 'threat-heldout-negative.jsonl']) {
      for (const fixture of readFixtures(name)) {
        for (const text of [fixture.text, fixture.text.toUpperCase(), fixture.text.replace(/'/gu, '\u2019')]) {
          const textView = view(text);
          const armed = armedCues(textView);
          for (const entry of allCues()) {
            if (!cueMatches(entry, textView)) continue;
            matched += 1;
            expect(armed[entry.id], `cue ${entry.pattern.source.slice(0, 60)} matched ${JSON.stringify(textView.norm)} unarmed`).toBe(1);
          }
        }
      }
    }
    expect(matched).toBeGreaterThan(300);
  });

  /**
   * The held-out slice was written and committed before any threat rule existed and was run once,
   * after the rules were final; nothing was changed because of it. These are the numbers of that run,
   * pinned so a later change that moves them shows up (a fall is a regression, a rise must not come
   * from tuning to these lines).
   */
  it('held-out slice: measured once, reported apart', () => {
    const positives = recall(threat, 'threat', readFixtures('threat-heldout.jsonl'));
    const negatives = falseAlarms(threat, 'threat', readFixtures('threat-heldout-negative.jsonl'));
    console.info(
      `[threat held-out] recall ${positives.rate.toFixed(3)} (misses ${JSON.stringify(positives.misses)}); false alarms ${negatives.rate.toFixed(3)} (${JSON.stringify(negatives.alarms)})`,
    );
    expect(positives.misses).toEqual(HELD_OUT_MISSES);
    expect(negatives.alarms).toEqual(HELD_OUT_ALARMS);
  });
});

/** The held-out run's misses and false alarms, as measured (see above). */
const HELD_OUT_MISSES: readonly string[] = ["we're gonna burn your house down with you in it"];
const HELD_OUT_ALARMS: readonly string[] = [];
