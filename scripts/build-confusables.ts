/**
 * Builds `src/text/confusables-data.ts`, the Latin skeleton table used by `normalizeText`, from
 * Unicode's UTS #39 `confusables.txt`.
 *
 * Usage: `npm run build:confusables [-- --data DIR]`, where DIR is the datasets folder holding
 * `unicode/confusables.txt` (default: `../shared/datasets` next to the repository).
 *
 * Only mappings that help a Latin-script skeleton are kept, and only those the pipeline can reach:
 * - the source is one non-ASCII letter (ASCII is left to the context-aware leetspeak step, and
 *   symbols such as `×` or `∞` are ordinary text far more often than disguise);
 * - the source is stable under NFKC and NFD: the pipeline applies NFKC first (which already turns
 *   mathematical alphanumerics and full-width forms into ASCII) and looks characters up after NFD
 *   (so `ѐ` is handled through `е`); any other entry could never match;
 * - the target is made of ASCII letters and digits only; it is stored lower-cased, as the pipeline
 *   lower-cases right after.
 * An upper-case letter takes its lower-case form's target where that has one (Cyrillic `І` gives
 * `i`, like `і`, not the skeleton's `l`), and an upper-case letter without an entry inherits its
 * lower-case form's: the table is closed under lower-casing, which keeps `normalizeText` idempotent.
 * A few letters with a stroke, which neither NFD nor confusables.txt reduce, are added by hand.
 * Decimal digits of every script are stored separately, as the first code point of each run of ten.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT = join(repoRoot, 'src/text/confusables-data.ts');

/** Stroked and ligature letters that read as Latin but have no decomposition or ASCII skeleton. */
const EXTRA_FOLDS: Readonly<Record<string, string>> = {
  'ß': 'ss',
  'ø': 'o',
  'ł': 'l',
  'đ': 'd',
  'ð': 'd',
  'ħ': 'h',
  'ŧ': 't',
  'þ': 'th',
  'ƀ': 'b',
  'ɨ': 'i',
};

const LETTER = /^\p{L}$/u;
const DECIMAL_DIGIT = /^\p{Nd}$/u;
const ASCII_ALNUM = /^[A-Za-z0-9]+$/;

/**
 * Symbols from the Letterlike Symbols and Miscellaneous Technical blocks (℮, ℯ, APL's ⍺ ⍳ ⍴) with a
 * letter skeleton: drawn as letters and almost never written as themselves in chat, unlike the
 * arithmetic and currency signs the letter rule keeps out.
 */
function isLetterLikeSymbol(char: string): boolean {
  const cp = char.codePointAt(0) ?? 0;
  return /^\p{S}$/u.test(char) && ((cp >= 0x2100 && cp <= 0x214f) || (cp >= 0x2300 && cp <= 0x23ff));
}

function isStable(char: string): boolean {
  return char.normalize('NFKC') === char && char.normalize('NFD') === char;
}

function fromHex(field: string): string {
  return String.fromCodePoint(...field.trim().split(/\s+/u).map((hex) => Number.parseInt(hex, 16)));
}

/** The single code point a letter lower-cases to, or undefined when it has none or several. */
function lowerOf(char: string): string | undefined {
  const lower = char.toLowerCase();
  return lower !== char && [...lower].length === 1 ? lower : undefined;
}

interface Parsed {
  readonly version: string;
  readonly date: string;
  readonly table: Map<string, string>;
  readonly read: number;
}

function parse(text: string): Parsed {
  const version = /^#\s*Version:\s*(\S+)/mu.exec(text)?.[1] ?? 'unknown';
  const date = /^#\s*Date:\s*(.+)$/mu.exec(text)?.[1]?.trim() ?? 'unknown';
  const table = new Map<string, string>();
  const nfkcForms = new Map<string, string>();
  let read = 0;
  for (const line of text.split('\n')) {
    const match = /^([0-9A-F ]+);\s*([0-9A-F ]+);/u.exec(line);
    if (!match?.[1] || !match[2]) continue;
    read += 1;
    const source = fromHex(match[1]);
    const target = fromHex(match[2]);
    if ([...source].length !== 1 || (source.codePointAt(0) ?? 0) < 0x80 || !ASCII_ALNUM.test(target)) continue;
    if (!LETTER.test(source) && !isLetterLikeSymbol(source)) continue;
    if (isStable(source)) {
      table.set(source, target.toLowerCase());
      continue;
    }
    // NFKC runs first, so an entry only reaches what NFKC makes of it: Greek lunate sigma ϲ (→ c)
    // becomes final sigma ς, which has no entry of its own. Give that form the target.
    const folded = source.normalize('NFKC');
    if ([...folded].length === 1 && (folded.codePointAt(0) ?? 0) >= 0x80 && LETTER.test(folded) && isStable(folded)) {
      nfkcForms.set(folded, nfkcForms.get(folded) ?? target.toLowerCase());
    }
  }
  for (const [folded, target] of nfkcForms) if (!table.has(folded)) table.set(folded, target);
  return { version, date, table, read };
}

function addExtrasAndCaseClosure(table: Map<string, string>): void {
  for (const [source, target] of Object.entries(EXTRA_FOLDS)) if (!table.has(source)) table.set(source, target);
  for (const [source] of table) {
    const lower = lowerOf(source);
    const lowerTarget = lower === undefined ? undefined : table.get(lower);
    if (lowerTarget !== undefined) table.set(source, lowerTarget);
  }
  // Upper-case letters whose lower-case form is mapped; one sweep suffices as lower-casing is idempotent.
  for (let cp = 0x80; cp <= 0x10ffff; cp += 1) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const char = String.fromCodePoint(cp);
    if (table.has(char) || !LETTER.test(char) || !isStable(char)) continue;
    const lower = lowerOf(char);
    const lowerTarget = lower === undefined ? undefined : table.get(lower);
    if (lowerTarget !== undefined) table.set(char, lowerTarget);
  }
}

/** First code point of each run of ten non-ASCII decimal digits that NFKC leaves alone. */
function decimalZeros(): number[] {
  const zeros: number[] = [];
  for (let cp = 0x80; cp <= 0x10ffff; cp += 1) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const char = String.fromCodePoint(cp);
    if (!DECIMAL_DIGIT.test(char) || !isStable(char)) continue;
    const previous = String.fromCodePoint(cp - 1);
    if (DECIMAL_DIGIT.test(previous) && isStable(previous)) continue;
    // Unicode allocates decimal digits in complete, contiguous 0–9 runs; check rather than trust.
    for (let digit = 0; digit < 10; digit += 1) {
      if (!DECIMAL_DIGIT.test(String.fromCodePoint(cp + digit))) throw new Error(`digit run at U+${cp.toString(16)} is not 0-9`);
    }
    zeros.push(cp);
  }
  return zeros;
}

/** Groups sources by target: `target=cp cp cp|target=…`, code points in hex, sorted. */
function encodeTable(table: Map<string, string>): string {
  const byTarget = new Map<string, number[]>();
  for (const [source, target] of table) {
    const list = byTarget.get(target) ?? [];
    list.push(source.codePointAt(0) ?? 0);
    byTarget.set(target, list);
  }
  return [...byTarget.keys()]
    .sort()
    .map((target) => `${target}=${(byTarget.get(target) ?? []).sort((a, b) => a - b).map((cp) => cp.toString(16)).join(' ')}`)
    .join('|');
}

/** Splits the encoded table into source lines of about 100 characters, at group or code point boundaries. */
function chunkGroups(encoded: string): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const piece of encoded.split(/(?<=[| ])/u)) {
    if (current.length + piece.length > 96 && current !== '') {
      chunks.push(current);
      current = '';
    }
    current += piece;
  }
  if (current !== '') chunks.push(current);
  if (chunks.join('') !== encoded) throw new Error('chunking lost characters');
  return chunks;
}

function render(parsed: Parsed, zeros: number[]): string {
  const major = parsed.version.split('.')[0] ?? parsed.version;
  const chunks = chunkGroups(encodeTable(parsed.table));
  return `// Auto-generated by scripts/build-confusables.ts from Unicode confusables.txt v${major}. Do not edit.
// Source: Unicode UTS #39 confusables.txt, version ${parsed.version} (${parsed.date}), © Unicode, Inc.,
// used under the Unicode licence (https://www.unicode.org/terms_of_use.html).
// Rebuild: npm run build:confusables. ${parsed.read} mappings read, ${parsed.table.size} letters kept.

/**
 * Latin skeleton of non-ASCII letters, grouped by target: \`target=cp cp …|…\`, code points in hex.
 * Targets are lower-case ASCII letters or digits; sources are NFKC- and NFD-stable letters.
 */
export const SKELETON_TABLE: string =
${chunks.map((chunk) => `  '${chunk}'`).join(' +\n')};

/** First code point (the digit zero) of each run of ten non-ASCII decimal digits, in hex. */
export const DECIMAL_DIGIT_ZEROS: string =
  '${zeros.map((cp) => cp.toString(16)).join(' ')}';
`;
}

function main(): void {
  const { values } = parseArgs({ options: { data: { type: 'string' } } });
  const dataDir = values.data !== undefined ? resolve(values.data) : resolve(repoRoot, '../shared/datasets');
  const input = join(dataDir, 'unicode/confusables.txt');
  const parsed = parse(readFileSync(input, 'utf8'));
  addExtrasAndCaseClosure(parsed.table);
  const zeros = decimalZeros();
  writeFileSync(OUTPUT, render(parsed, zeros));
  console.log(`${input}: ${parsed.read} mappings, ${parsed.table.size} letters and ${zeros.length * 10} digits kept -> ${OUTPUT}`);
}

main();
