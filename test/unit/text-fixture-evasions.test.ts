import { describe, expect, it } from 'vitest';
import { fixtureEvasions, type EvasionFixture } from '../../scripts/text-training/fixture-evasions.js';

describe('fixtureEvasions', () => {
  it('counts, per evasion and label, the positives detected as written that stay detected', async () => {
    const fixtures: EvasionFixture[] = [
      { text: 'send the code now', direction: 'incoming', expect: ['scam'] },
      { text: 'nothing to see', direction: 'incoming', expect: ['scam'] }, // missed as written: not counted
      { text: 'hello there friend', direction: 'incoming', expect: [] },
    ];
    // A toy detector: flags scam when the text holds the word "code" in lower case.
    const flags = async (text: string, _direction: string, label: string) => label === 'scam' && /\bcode\b/.test(text);
    const table = { kept: (word: string) => word, shouted: (word: string) => word.toUpperCase() };
    const result = await fixtureEvasions(fixtures, table, flags, 1);
    expect(result.overall.clean).toBe(2);
    expect(result.by_evasion['kept']).toEqual({ clean: 1, perturbed: 1, ratio: 1 });
    // "shouted" rewrites about half the words, at least one; whether "code" is among them depends on the seed.
    const shouted = result.by_evasion['shouted'];
    expect(shouted?.clean).toBe(1);
    expect(result.by_label['scam']?.['shouted']).toEqual(shouted);
    expect(result.overall.perturbed).toBe(1 + (shouted?.perturbed ?? 0));
    // Seeded: the same counts every run.
    expect(await fixtureEvasions(fixtures, table, flags, 1)).toEqual(result);
  });
});
