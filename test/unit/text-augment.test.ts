import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEXT_MODEL_LABELS } from '../../src/text/text-model-detector.js';
import { augmentExamples, DEFAULT_AUGMENT, upperCaseLookalikes } from '../../scripts/text-training/augment.js';
import type { TextExample } from '../../scripts/text-training/data.js';

/** A confusables.txt excerpt in the Unicode format: two capital-letter look-alikes and one small-letter one. */
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chatguard-augment-'));
  mkdirSync(join(dir, 'unicode'));
  writeFileSync(
    join(dir, 'unicode/confusables.txt'),
    [
      '# confusables excerpt',
      '0430 ;\t0061 ;\tMA\t# ( а → a ) CYRILLIC SMALL LETTER A → LATIN SMALL LETTER A\t#',
      '0410 ;\t0041 ;\tMA\t# ( А → A ) CYRILLIC CAPITAL LETTER A → LATIN CAPITAL LETTER A\t#',
      '0405 ;\t0053 ;\tMA\t# ( Ѕ → S ) CYRILLIC CAPITAL LETTER DZE → LATIN CAPITAL LETTER S\t#',
      '',
    ].join('\n'),
  );
  return dir;
}

function example(id: string, text: string, harassment: 0 | 1): TextExample {
  const targets = new Int8Array(TEXT_MODEL_LABELS.length).fill(-1);
  targets[TEXT_MODEL_LABELS.indexOf('harassment')] = harassment;
  return { id, source: 'davidson', text, split: 'train', targets, davidsonClass: harassment ? 'offensive' : 'neither' };
}

describe('training-time evasion augmentation', () => {
  const dir = dataDir();
  const data = [
    example('a', 'you are a pathetic worthless idiot', 1),
    example('b', 'see you at six for dinner tonight', 0),
    example('c', 'shut up you stupid clown', 1),
  ];

  it('draws only the look-alikes of upper-case letters (disjoint from the evaluation’s selection)', () => {
    const table = upperCaseLookalikes(dir);
    expect(table.get('a')).toEqual(['А']);
    expect(table.get('s')).toEqual(['Ѕ']);
    expect([...table.values()].flat()).not.toContain('а');
  });

  it('is deterministic for a seed, changes the text and keeps the labels', () => {
    const options = { ...DEFAULT_AUGMENT, rate: 2 };
    const first = augmentExamples(data, dir, options);
    const second = augmentExamples(data, dir, options);
    expect(first.map((c) => c.example.text)).toEqual(second.map((c) => c.example.text));
    expect(augmentExamples(data, dir, { ...options, seed: 7 }).map((c) => c.example.text)).not.toEqual(first.map((c) => c.example.text));
    expect(first.length).toBeGreaterThan(0);
    for (const { example: copy, origin } of first) {
      const original = data[origin] as TextExample;
      expect(original.targets[TEXT_MODEL_LABELS.indexOf('harassment')]).toBe(1); // positives only by default
      expect(copy.text).not.toBe(original.text);
      expect(Array.from(copy.targets)).toEqual(Array.from(original.targets));
      expect(copy.davidsonClass).toBe(original.davidsonClass);
      expect(copy.augmented).toBe(true);
      expect(copy.weight).toBe(options.weight);
      expect(copy.id.startsWith(`${original.id}#aug`)).toBe(true);
    }
  });

  it('copies negatives too with scope "all"', () => {
    const copies = augmentExamples(data, dir, { ...DEFAULT_AUGMENT, scope: 'all', rate: 1 });
    expect(copies.some((c) => c.origin === 1)).toBe(true);
  });

  it('with onlyLabels, copies train only the named labels', () => {
    const spam = TEXT_MODEL_LABELS.indexOf('spam');
    const harassment = TEXT_MODEL_LABELS.indexOf('harassment');
    const both = data.map((e) => {
      const targets = Int8Array.from(e.targets);
      targets[spam] = 0;
      const soft = Float32Array.from(targets);
      return { ...e, targets, soft };
    });
    const copies = augmentExamples(both, dir, { ...DEFAULT_AUGMENT, scope: 'all', labels: ['harassment'], rate: 1, onlyLabels: true });
    expect(copies.length).toBeGreaterThan(0);
    for (const { example: copy, origin } of copies) {
      expect(copy.targets[spam]).toBe(-1);
      expect(copy.soft?.[spam]).toBe(-1);
      expect(copy.targets[harassment]).toBe((both[origin] as TextExample).targets[harassment]);
      expect((both[origin] as TextExample).targets[spam]).toBe(0); // the original is untouched
    }
  });
});
