import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractLinks, MAX_LINKS_PER_MESSAGE } from '../../src/links/extract.js';

const urls = (text: string) => extractLinks(text).map((link) => link.url);

describe('extractLinks', () => {
  it('finds links with and without a scheme', () => {
    expect(urls('log in at paypa1.com/restore now')).toEqual(['http://paypa1.com/restore']);
    expect(urls('see bit.ly/x and https://example.org/a?b=1#c')).toEqual(['http://bit.ly/x', 'https://example.org/a?b=1#c']);
    expect(urls('www.example.com.')).toEqual(['http://www.example.com']);
  });

  it('marks scheme-less links and keeps their offsets', () => {
    const [link] = extractLinks('go: paypa1.com/restore');
    expect(link).toMatchObject({ text: 'paypa1.com/restore', schemeless: true, index: 4 });
  });

  it('finds IDNs, punycode, IP hosts and userinfo URLs', () => {
    expect(urls('пример.рф and xn--pypal-4ve.com')).toEqual(['http://пример.рф', 'http://xn--pypal-4ve.com']);
    expect(urls('router at 192.168.0.1/admin')).toEqual(['http://192.168.0.1/admin']);
    expect(urls('update to version 1.2.3.4 today')).toEqual([]);
    expect(urls('https://www.paypal.com@evil.ru/login')).toEqual(['https://www.paypal.com@evil.ru/login']);
  });

  it('uses the full TLD list for scheme-less links', () => {
    expect(urls('visit shop.dev or news.museum')).toEqual(['http://shop.dev', 'http://news.museum']);
    expect(urls('the file is notes.txt and version 1.2.3')).toEqual([]);
  });

  it('finds javascript: and data: URIs, which are never safe to open', () => {
    expect(urls('click javascript:alert(1) or data:text/html;base64,PHA+')).toEqual(['javascript:alert(1)', 'data:text/html;base64,PHA+']);
  });

  it('ignores e-mail addresses and plain words', () => {
    expect(urls('mail me at someone@example.com, ok? mailto:a@b.co')).toEqual([]);
    expect(urls('hello there, how are you')).toEqual([]);
  });

  it('drops duplicates and keeps order', () => {
    expect(urls('a.com b.com a.com')).toEqual(['http://a.com', 'http://b.com']);
  });

  it(`caps the number of links at ${MAX_LINKS_PER_MESSAGE}`, () => {
    const text = Array.from({ length: 100 }, (_, i) => `site${i}.com`).join(' ');
    expect(extractLinks(text)).toHaveLength(MAX_LINKS_PER_MESSAGE);
    expect(extractLinks(text, 3)).toHaveLength(3);
  });

  it('finds links beyond the first chunk of a long message, in bounded time', () => {
    const started = performance.now();
    const text = `${'word '.repeat(20_000)}evil.com/login ${'x'.repeat(50_000)} end`;
    expect(urls(text)).toEqual(['http://evil.com/login']);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.webUrl().map((u) => `see ${u}!`)), (text) => {
        expect(Array.isArray(extractLinks(text))).toBe(true);
      }),
      { seed: 3, numRuns: 150 },
    );
    expect(extractLinks(undefined as unknown as string)).toEqual([]);
    expect(extractLinks('\uD800 http://a.com \uDFFF')).toHaveLength(1);
    expect(() => extractLinks('\uD800http://a.com\uDFFF')).not.toThrow();
  });
});
