import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { collapseRepeats, normalizeText, stripInvisible, toLatinSkeleton } from '../../src/text/normalize.js';
import { DECIMAL_DIGIT_ZEROS, SKELETON_TABLE } from '../../src/text/confusables-data.js';

/** Asserts that every disguised form normalises exactly like the plain word. */
function expectSameAs(plain: string, disguised: readonly string[]): void {
  const expected = normalizeText(plain);
  for (const text of disguised) expect(normalizeText(text), JSON.stringify(text)).toBe(expected);
}

describe('normalizeText: NFKC', () => {
  it('folds full-width, mathematical, circled letters and ligatures', () => {
    expect(normalizeText('ＦＲＥＥ ＣＡＳＨ')).toBe('fre cash');
    expect(normalizeText('\u{1D41F}\u{1D42B}\u{1D41E}\u{1D41E}')).toBe('fre'); // mathematical bold "free"
    expect(normalizeText('ⓕⓡⓔⓔ')).toBe('fre');
    expect(normalizeText('ﬁnd')).toBe('find');
    expect(normalizeText('Ｃ４ｒｄ')).toBe('card');
  });

  it('leaves plain ASCII words alone', () => {
    expect(normalizeText('the cat sat on the mat')).toBe('the cat sat on the mat');
  });
});

describe('normalizeText: invisible characters', () => {
  const invisible = [
    ...[0x200b, 0x200c, 0x200d, 0x200e, 0x200f],
    ...[0x202a, 0x202b, 0x202c, 0x202d, 0x202e],
    ...[0x2060, 0x2061, 0x2062, 0x2063, 0x2064],
    ...[0x2066, 0x2067, 0x2068, 0x2069],
    0xfeff, 0x00ad, 0x034f, 0x061c, 0x180e, 0xfe0f, 0xe0041, 0x0000, 0x0007, 0x007f, 0x009b,
  ];

  it('removes zero-width, bidi-control, soft hyphen, CGJ, variation selectors, tags and controls', () => {
    for (const cp of invisible) {
      const mark = String.fromCodePoint(cp);
      expect(normalizeText(`c${mark}at`), cp.toString(16)).toBe('cat');
      expect(stripInvisible(`c${mark}at`), cp.toString(16)).toBe('cat');
    }
    expect(normalizeText('f\u200Br\u00ADe\u202Ee')).toBe(normalizeText('free'));
  });

  it('keeps visible text, line breaks and emoji', () => {
    expect(stripInvisible('a b\nc 😂')).toBe('a b\nc 😂');
    expect(normalizeText('c at')).toBe('c at');
  });
});

describe('normalizeText: confusable skeleton', () => {
  it('maps Cyrillic, Greek and other look-alikes to Latin', () => {
    expect(normalizeText('раураl')).toBe('paypal'); // Cyrillic р, а, у
    expect(normalizeText('ορen')).toBe('open'); // Greek ο, ρ
    expectSameAs('free', ['frее', 'ｆrее', 'FRЕЕ']);
    expectSameAs('sex', ['ѕех', 'ЅЕХ']);
    expectSameAs('bitch', ['bіtch', 'bɪtch']);
  });

  it('maps look-alikes that NFKC reaches in another form, and letter-like symbols', () => {
    expect(normalizeText('\u03F2ode')).toBe('code'); // Greek lunate sigma ϲ, which NFKC turns into final sigma ς
    expect(normalizeText('p\u237Ass avenu\u212E')).toBe('pas avenue'); // APL alpha ⍺, estimated sign ℮
    // Arithmetic signs stay what they are.
    expect(normalizeText('2 × 3 < ∞ °C')).toBe('2 × 3 < ∞ °c');
    // A real Greek word that ends in ς keeps it.
    expect(normalizeText('λόγος')).toBe('λογος');
  });

  it('maps decimal digits of any script to ASCII', () => {
    expect(normalizeText('call ٠٨٠٠ ١٢٣')).toBe('cal 0800 123');
    expect(normalizeText('०१२३')).toBe('0123');
  });

  it('keeps genuine Russian, Greek and Arabic words', () => {
    expect(normalizeText('Привет, мир')).toBe('привет, мир');
    expect(normalizeText('Αθήνα')).toBe('αθηνα');
    expect(normalizeText('مرحبا')).toBe('مرحبا');
  });

  it('is exposed on its own, without lower-casing', () => {
    expect(toLatinSkeleton('Frее Café')).toBe('Free Cafe');
    expect(toLatinSkeleton('plain')).toBe('plain');
  });

  it('ships a table of letters and digit runs', () => {
    expect(SKELETON_TABLE).toMatch(/(?:^|\|)a=[^|]*\b430\b/u); // Cyrillic а → a
    expect(DECIMAL_DIGIT_ZEROS.split(' ')).toContain('660'); // Arabic-Indic digits
  });
});

describe('normalizeText: diacritics', () => {
  it('drops accents and zalgo marks', () => {
    expect(normalizeText('café')).toBe('cafe');
    expect(normalizeText('naïve Ångström')).toBe('naive angstrom');
    expect(normalizeText('z̵̢a̷l̸g̶o̴')).toBe('zalgo');
    expect(normalizeText('f̸r̸e̸e̸')).toBe(normalizeText('free'));
    expect(normalizeText('łódź')).toBe('lodz');
    expect(normalizeText('straße')).toBe(normalizeText('strasse'));
  });

  it('keeps vowel signs of other scripts', () => {
    expect(normalizeText('नमस्ते')).toBe('नमस्ते');
    expect(normalizeText('สวัสดี')).toBe('สวัสดี');
  });
});

describe('normalizeText: lower-casing and whitespace', () => {
  it('lower-cases', () => {
    expect(normalizeText('The CAT')).toBe('the cat');
  });

  it('collapses whitespace runs to one space and trims', () => {
    expect(normalizeText('  hey\t\tthere \n you\u00A0now\u3000ok  ')).toBe('hey there you now ok');
    expect(normalizeText(' \n\t ')).toBe('');
  });
});

describe('normalizeText: leetspeak', () => {
  it('decodes digits and symbols inside words', () => {
    expectSameAs('free', ['fr33', 'FR33']);
    expect(normalizeText('b!tch')).toBe('bitch');
    expect(normalizeText('h4ck')).toBe('hack');
    expect(normalizeText('$ex')).toBe('sex');
    expect(normalizeText('b@d')).toBe('bad');
    expect(normalizeText('5h1t')).toBe('shit');
    expect(normalizeText('h4x0r')).toBe('haxor');
    expectSameAs('kill', ['ki11', 'k1ll']);
    expectSameAs('ass', ['a55', 'a$$']);
    expectSameAs('noob', ['n00b']);
  });

  it('leaves numbers, prices, times, phone numbers and codes alone', () => {
    expect(normalizeText('call 0800 123 456')).toBe('cal 0800 123 456');
    expect(normalizeText('£3.50 or $5k or €20')).toBe('£3.50 or $5k or €20');
    expect(normalizeText('10:30 +44 7911 123456')).toBe('10:30 +44 7911 123456');
    expect(normalizeText('code 482913, ref A1B2C3')).toBe('code 482913, ref a1b2c3');
    expect(normalizeText('4th 10am 5g 90s mp3 win10 covid19 2fa gr8 b4')).toBe('4th 10am 5g 90s mp3 win10 covid19 2fa gr8 b4');
  });

  it('treats edge symbols as punctuation or a mention', () => {
    expect(normalizeText('@john hi!')).toBe('@john hi!');
    expect(normalizeText('so fr33!!')).toBe('so fre!!');
    expect(normalizeText('why?!')).toBe('why?!');
  });

  it('leaves URLs, e-mail addresses and domains intact', () => {
    expect(normalizeText('https://x.co/a1')).toBe('https://x.co/a1');
    expect(normalizeText('go to https://www.fr33-money.com/claim?id=a1b3 now')).toBe('go to https://www.fr33-money.com/claim?id=a1b3 now');
    expect(normalizeText('mail john.doe1@mail.co.uk')).toBe('mail john.doe1@mail.co.uk');
    expect(normalizeText('visit paypal-l0gin.xyz or www.google.com')).toBe('visit paypal-l0gin.xyz or www.google.com');
  });
});

describe('normalizeText: spaced-out letters', () => {
  it('joins single letters separated by one space or punctuation character', () => {
    expectSameAs('free', ['f r e e', 'f.r.e.e', 'f-r-e-e', 'f_r_e_e', 'f  r  e  e', 'F*R*E*E', 'f r e e e e']);
    expect(normalizeText('get f r e e stuff')).toBe(normalizeText('get free stuff'));
  });

  it('leaves initials, abbreviations, contractions and pairs alone', () => {
    expect(normalizeText('J. K. Rowling')).toBe('j. k. rowling');
    expect(normalizeText('e.g. this')).toBe('e.g. this');
    expect(normalizeText("i'm a big fan")).toBe("i'm a big fan");
    expect(normalizeText('a b')).toBe('a b');
    expect(normalizeText('x 1 y')).toBe('x 1 y');
  });
});

describe('normalizeText: stretched letters', () => {
  it('normalises a stretched word like its plain form', () => {
    expectSameAs('so', ['soooo', 'SOOOOOO', 'sooo']);
    expectSameAs('fuck', ['fuuuuck', 'fuuck']);
    expectSameAs('free', ['freeeee', 'ffrreeee']);
    expectSameAs('hey', ['heeeyyy']);
    expect(collapseRepeats('heeeyyy')).toBe('hey');
    expect(collapseRepeats('ТТТут')).toBe('Тут');
  });

  it('leaves digits, punctuation and emoji runs alone', () => {
    expect(normalizeText('000 !!! 😂😂😂 ...')).toBe('000 !!! 😂😂😂 ...');
  });
});

describe('normalizeText: robustness', () => {
  it('handles empty, emoji-only, control and lone-surrogate input', () => {
    expect(normalizeText('')).toBe('');
    expect(normalizeText('😂😂 🎉')).toBe('😂😂 🎉');
    expect(normalizeText('\u0000\u0001\u0002')).toBe('');
    expect(normalizeText('\uD800abc\uDFFF')).toBe('\uFFFDabc\uFFFD');
    expect(normalizeText('\uDE00\uD83D')).toBe('\uFFFD\uFFFD');
  });

  it('handles 64 KiB messages, including adversarial ones', () => {
    const fill = (unit: string): string => unit.repeat(Math.ceil(65536 / unit.length)).slice(0, 65536);
    const units = ['Fr33 Ｍοnеу!! f.r.e.e https://x.co/a1 café ١٢٣ ', 'a.', 'a@', '$', 'a1', 'a ', 'a', '\u200B', '\u0301', '😂', '\uD800', 'www.'];
    for (const unit of units) {
      const text = fill(unit);
      const out = normalizeText(text);
      expect(out.length).toBeLessThanOrEqual(text.length);
      expect(normalizeText(out)).toBe(out);
    }
  });
});

describe('normalizeText: invariants', () => {
  const samples = [
    'FR33 Ｍοnеу!! f.r.e.e', 'Неllо, уоur ассоunt wіll bе ѕuѕреndеd', 'Café à côté 😂😂', 'Привет! Как дела?',
    "hey are we still on for tonight? I'll bring snacks", 'ki11 a55 l33t n00b h4x0r 5h1t $ex b@d', 'u r a b', '가.각',
  ];

  it('is idempotent on examples', () => {
    for (const text of samples) expect(normalizeText(normalizeText(text)), text).toBe(normalizeText(text));
  });

  it('never throws, is idempotent and never grows much (seeded property)', () => {
    // NFKC can expand one character to 18 (U+FDFA); nothing else in the pipeline lengthens text.
    const check = (text: string): boolean => {
      const once = normalizeText(text);
      return normalizeText(once) === once && once.length <= 18 * text.length;
    };
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 64 }), check), { seed: 20240601, numRuns: 3000 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 32 }), check), { seed: 20240602, numRuns: 2000 });
  });

  it('is idempotent on the tricky pieces it combines (seeded property)', () => {
    const pieces = fc.constantFrom(
      'http://', 'www.', '.com', '@', 'x', 'a', 'e', ' ', '  ', '.', '-', '_', '$', '!', '|', '1', '11', '3', '0', '2', 'fr',
      'ЅЕХ', 'е', 'Σ', 'ж', '\u0301', '\u0951', 'गु', '가', 'ᆨ', '\u200B', "'", 'İ', 'ß', '١', '\uD83D', '\uDE02', '\n', '\x85', '😂',
    );
    const text = fc.array(pieces, { maxLength: 20 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (input) => {
        const once = normalizeText(input);
        return normalizeText(once) === once;
      }),
      { seed: 20240603, numRuns: 5000 },
    );
  });

  it('never lengthens ASCII text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 80 }), (text) => normalizeText(text).length <= text.length),
      { seed: 20240604, numRuns: 3000 },
    );
  });
});
