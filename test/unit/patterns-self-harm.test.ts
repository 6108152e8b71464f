import { describe, expect, it } from 'vitest';
import { SELF_HARM_FAMILIES, createSelfHarmDetector } from '../../src/text/patterns/self-harm.js';
import { fixtureRateTests, readFixtures, run, scoreOf } from './patterns-fixtures.js';

const selfHarm = createSelfHarmDetector();
const score = (text: string): number => scoreOf(selfHarm, 'self_harm', text, 'outgoing');

describe('patterns-self-harm', () => {
  it('declares its id and label', () => {
    expect(selfHarm.id).toBe('patterns-self-harm');
    expect(selfHarm.labels).toEqual(['self_harm']);
  });

  fixtureRateTests(selfHarm, 'self_harm', 'self_harm');

  it('exercises every family on the positive fixtures', () => {
    const seen = new Set(
      readFixtures('self_harm.jsonl').flatMap((fixture) => run(selfHarm, fixture.text, 'outgoing').reasons.map((r) => r.code)),
    );
    for (const family of Object.values(SELF_HARM_FAMILIES)) expect(seen, family.code).toContain(family.code);
  });

  it.each([
    'this game is killing me',
    'I could die of embarrassment',
    "you're going to kill it at the gig",
    'dying to see you',
    "I'm dead 😂",
    'my feet are killing me',
    'I would kill for a coffee',
    'The report says he killed himself in 1994',
    'Are you thinking about hurting yourself? I am here for you',
  ])('keeps the idiom or third-person %j well under the lowest threshold', (text) => {
    expect(score(text)).toBeLessThan(0.3);
  });

  it('lowers, but does not silence, a joke marker', () => {
    const plain = score('i want to die');
    const joked = score('i want to die lol');
    expect(joked).toBeLessThan(plain);
    expect(joked).toBeGreaterThan(0);
  });

  it('words its reasons for the writer going out and for a friend reading', () => {
    const text = 'I have saved up enough pills to do it';
    const outgoing = run(selfHarm, text, 'outgoing').reasons[0]?.message;
    const incoming = run(selfHarm, text, 'incoming').reasons[0]?.message;
    expect(outgoing).toBe(SELF_HARM_FAMILIES.plan.text.outgoing);
    expect(incoming).toBe(SELF_HARM_FAMILIES.plan.text.incoming);
  });

  it('adds families up: a goodbye with a plan scores above either alone', () => {
    const goodbye = score('this is my last message');
    const plan = score('I have saved up all my pills');
    const both = score('this is my last message. I have saved up all my pills');
    expect(both).toBeGreaterThan(Math.max(goodbye, plan));
  });
});
