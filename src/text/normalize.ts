/**
 * Text normalisation shared by model training, inference and the pattern detectors.
 *
 * First version: the signature is final; the full pipeline (confusables, leetspeak, stretching,
 * spacing) lands in follow-up commits.
 */

const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/gu;

/** Removes zero-width, bidi-control and other invisible formatting characters. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/**
 * Normalises chat text so that disguised text scores like plain text.
 *
 * @example normalizeText('  Café  ') // 'cafe'
 */
export function normalizeText(text: string): string {
  return stripInvisible(text.normalize('NFKC'))
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}
