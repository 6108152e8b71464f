/**
 * Benchmark of the five pattern detectors per message, on the bench's fixed inputs (short, typical,
 * long), the same typical messages disguised (leetspeak and spaced letters on some words), where
 * the other readings (src/text/patterns/second-reading.ts) run the rules up to three times, and
 * everyday chat in other scripts (Russian, Greek, Arabic).
 *
 * Usage: `npx tsx bench/patterns.bench.ts [--plain] [--iterations N]`. `--plain` times the detectors
 * without the other readings; run both in separate processes (one JIT each) to compare. Prints p50
 * and p95 in µs per message for every detector together.
 */
import { parseArgs } from 'node:util';
import type { Detector, DetectorResult } from '../src/engine/detector.js';
import { createPatternDetectors } from '../src/text/patterns/index.js';
import {
  createPiiDetector,
  createScamDetector,
  createSelfHarmDetector,
  createSextortionDetector,
  createThreatDetector,
} from '../src/text/patterns/index.js';
import { createTextViewer } from '../src/text/patterns/text-view.js';
import { TEXTS } from './lib/inputs.js';

const { values } = parseArgs({ options: { plain: { type: 'boolean', default: false }, iterations: { type: 'string', default: '2000' } } });
const iterations = Number(values.iterations);

function plainDetectors(): Detector[] {
  const view = createTextViewer();
  return [createScamDetector(view), createPiiDetector(view), createSelfHarmDetector(view), createSextortionDetector(view), createThreatDetector(view)];
}

const detectors = values.plain ? plainDetectors() : createPatternDetectors();
/** Every other word of 3+ letters in leetspeak, the one after it spaced out. */
const disguise = (text: string) =>
  text.replace(/\b[a-z]{3,}\b/gi, (word, offset: number) =>
    offset % 3 === 0 ? word.replace(/[aeiost]/gi, (c) => ({ a: '4', e: '3', i: '1', o: '0', s: '5', t: '7' })[c.toLowerCase()] ?? c) : offset % 3 === 1 ? [...word].join(' ') : word,
  );
/** Everyday chat in other scripts: every word has non-ASCII letters, which the look-alike reading folds word by word. */
const OTHER_SCRIPTS = [
  'Привет! Как у тебя дела? Я сегодня вечером буду дома, приходи на ужин, если хочешь. Напиши, когда выйдешь.',
  'Γεια σου! Τι κάνεις; Θα είμαι σπίτι απόψε, έλα για φαγητό αν θέλεις.',
  'مرحبا، كيف حالك؟ سأكون في البيت الليلة، تعال للعشاء إذا أردت.',
];
const sets: Record<string, readonly string[]> = { ...TEXTS, 'typical, disguised': TEXTS.typical.map(disguise), 'other scripts': OTHER_SCRIPTS };

let checksum = 0;
function run(text: string): void {
  for (const detector of detectors) {
    const result = detector.detect({ text, direction: 'incoming', message: { text } }) as DetectorResult;
    for (const score of Object.values(result.scores)) checksum += score ?? 0;
  }
}

console.log(`pattern detectors${values.plain ? ' without the other readings' : ''}, µs per message (all five), Node ${process.version}`);
for (const [name, texts] of Object.entries(sets)) {
  for (let w = 0; w < 200; w++) for (const text of texts) run(text);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    for (const text of texts) {
      const start = process.hrtime.bigint();
      run(text);
      samples.push(Number(process.hrtime.bigint() - start) / 1000);
    }
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) => (samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] as number).toFixed(1);
  console.log(`  ${name.padEnd(20)} p50 ${at(0.5).padStart(6)}  p95 ${at(0.95).padStart(6)}`);
}
console.log(`checksum ${checksum.toFixed(3)}`);
