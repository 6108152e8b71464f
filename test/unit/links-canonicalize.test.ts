import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalizeUrl, canonicalPath, MAX_URL_CHARS } from '../../src/links/canonicalize.js';
import { exactExpression, hostSuffixes, pathPrefixes, urlExpressions } from '../../src/links/expressions.js';
import { parseIpv4 } from '../../src/links/ip.js';

/**
 * Canonicalisation vectors copied verbatim from Google Safe Browsing v4, "URLs and Hashing",
 * section "Canonicalization" (https://developers.google.com/safe-browsing/v4/urls-hashing), the
 * same list as the v2 protocol spec §6.1 and Mozilla's toolkit/components/url-classifier
 * tests/unit/test_canonicalization.js, which cites that page.
 */
const SAFE_BROWSING_V4_VECTORS: ReadonlyArray<readonly [input: string, expected: string]> = [
  ['http://host/%25%32%35', 'http://host/%25'],
  ['http://host/%25%32%35%25%32%35', 'http://host/%25%25'],
  ['http://host/%2525252525252525', 'http://host/%25'],
  ['http://host/asdf%25%32%35asd', 'http://host/asdf%25asd'],
  ['http://host/%%%25%32%35asd%%', 'http://host/%25%25%25asd%25%25'],
  ['http://www.google.com/', 'http://www.google.com/'],
  [
    'http://%31%36%38%2e%31%38%38%2e%39%39%2e%32%36/%2E%73%65%63%75%72%65/%77%77%77%2E%65%62%61%79%2E%63%6F%6D/',
    'http://168.188.99.26/.secure/www.ebay.com/',
  ],
  [
    'http://195.127.0.11/uploads/%20%20%20%20/.verify/.eBaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx/',
    'http://195.127.0.11/uploads/%20%20%20%20/.verify/.eBaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx/',
  ],
  [
    'http://host%23.com/%257Ea%2521b%2540c%2523d%2524e%25f%255E00%252611%252A22%252833%252944_55%252B',
    'http://host%23.com/~a!b@c%23d$e%25f^00&11*22(33)44_55+',
  ],
  ['http://3279880203/blah', 'http://195.127.0.11/blah'],
  ['http://www.google.com/blah/..', 'http://www.google.com/'],
  ['www.google.com/', 'http://www.google.com/'],
  ['www.google.com', 'http://www.google.com/'],
  ['http://www.evil.com/blah#frag', 'http://www.evil.com/blah'],
  ['http://www.GOOgle.com/', 'http://www.google.com/'],
  ['http://www.google.com.../', 'http://www.google.com/'],
  ['http://www.google.com/foo\tbar\rbaz\n2', 'http://www.google.com/foobarbaz2'],
  ['http://www.google.com/q?', 'http://www.google.com/q?'],
  ['http://www.google.com/q?r?', 'http://www.google.com/q?r?'],
  ['http://www.google.com/q?r?s', 'http://www.google.com/q?r?s'],
  ['http://evil.com/foo#bar#baz', 'http://evil.com/foo'],
  ['http://evil.com/foo;', 'http://evil.com/foo;'],
  ['http://evil.com/foo?bar;', 'http://evil.com/foo?bar;'],
  ['http://notrailingslash.com', 'http://notrailingslash.com/'],
  ['http://www.gotaport.com:1234/', 'http://www.gotaport.com:1234/'],
  ['  http://www.google.com/  ', 'http://www.google.com/'],
  ['http:// leadingspace.com/', 'http://%20leadingspace.com/'],
  ['http://%20leadingspace.com/', 'http://%20leadingspace.com/'],
  ['%20leadingspace.com/', 'http://%20leadingspace.com/'],
  ['https://www.securesite.com/', 'https://www.securesite.com/'],
  ['http://host.com/ab%23cd', 'http://host.com/ab%23cd'],
  ['http://host.com//twoslashes?more//slashes', 'http://host.com/twoslashes?more//slashes'],
];

describe('canonicalizeUrl: Safe Browsing v4 vectors', () => {
  it.each(SAFE_BROWSING_V4_VECTORS)('%j → %j', (input, expected) => {
    expect(canonicalizeUrl(input)?.url).toBe(expected);
  });

  it('adapts the one byte-level vector: input is text, so U+0080 is escaped as its UTF-8 bytes', () => {
    // The spec's `Canonicalize("http://\x01\x80.com/") = "http://%01%80.com/"` treats \x80 as one byte.
    expect(canonicalizeUrl('http://\x01\x80.com/')?.url).toBe('http://%01%C2%80.com/');
  });
});

describe('canonicalizeUrl: hosts', () => {
  it.each([
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://0xC0A80001/', '192.168.0.1'],
    ['http://192.168.0.1./', '192.168.0.1'],
  ])('normalises the IP literal %s', (input, host) => {
    const url = canonicalizeUrl(input);
    expect(url?.host).toBe(host);
    expect(url?.isIp).toBe(true);
  });

  it('turns IDNs into punycode and keeps punycode as is', () => {
    expect(canonicalizeUrl('http://пример.рф/')?.host).toBe('xn--e1afmkfd.xn--p1ai');
    expect(canonicalizeUrl('http://%D0%BF%D1%80%D0%B8%D0%BC%D0%B5%D1%80.%D1%80%D1%84/')?.host).toBe('xn--e1afmkfd.xn--p1ai');
    expect(canonicalizeUrl('http://xn--pypal-4ve.com/')?.host).toBe('xn--pypal-4ve.com');
  });

  it('drops userinfo and default ports, keeps other ports', () => {
    expect(canonicalizeUrl('https://www.paypal.com@evil.ru/login')?.url).toBe('https://evil.ru/login');
    expect(canonicalizeUrl('http://example.com:80/')?.url).toBe('http://example.com/');
    expect(canonicalizeUrl('https://example.com:8443/x')?.port).toBe('8443');
  });

  it('treats a backslash like a slash, as browsers do', () => {
    expect(canonicalizeUrl('http://evil.com\\@bank.com/')?.host).toBe('evil.com');
  });

  it('returns null for schemes without a host and for empty hosts', () => {
    expect(canonicalizeUrl('javascript:alert(1)')).toBeNull();
    expect(canonicalizeUrl('data:text/html,hi')).toBeNull();
    expect(canonicalizeUrl('mailto:a@b.com')).toBeNull();
    expect(canonicalizeUrl('http:///path')).toBeNull();
    expect(canonicalizeUrl('')).toBeNull();
  });

  it('reads host:port without a scheme as a host', () => {
    expect(canonicalizeUrl('localhost:8080/x')?.url).toBe('http://localhost:8080/x');
  });
});

describe('parseIpv4', () => {
  it('rejects what is not an address', () => {
    for (const host of ['1.2.3.4.5', '256.1.1.1', '1.2.3.999', '08.1.1.1', 'example.com', '', '0x']) {
      expect(parseIpv4(host), host).toBe(host === '0x' ? '0.0.0.0' : null);
    }
  });
});

describe('canonicalPath', () => {
  it.each([
    ['/a/./b', '/a/b'],
    ['/a/b/../c', '/a/c'],
    ['/../..', '/'],
    ['/a//b///c/', '/a/b/c/'],
    ['/a/b/.', '/a/b/'],
  ])('%s → %s', (input, expected) => expect(canonicalPath(input)).toBe(expected));
});

describe('expressions (Safe Browsing v4, "Suffix/Prefix Expressions" examples)', () => {
  it('http://a.b.c/1/2.html?param=1', () => {
    expect(urlExpressions(canonicalizeUrl('http://a.b.c/1/2.html?param=1')!)).toEqual([
      'a.b.c/1/2.html?param=1',
      'a.b.c/1/2.html',
      'a.b.c/',
      'a.b.c/1/',
      'b.c/1/2.html?param=1',
      'b.c/1/2.html',
      'b.c/',
      'b.c/1/',
    ]);
  });

  it('http://a.b.c.d.e.f.g/1.html', () => {
    expect(urlExpressions(canonicalizeUrl('http://a.b.c.d.e.f.g/1.html')!)).toEqual([
      'a.b.c.d.e.f.g/1.html',
      'a.b.c.d.e.f.g/',
      'c.d.e.f.g/1.html',
      'c.d.e.f.g/',
      'd.e.f.g/1.html',
      'd.e.f.g/',
      'e.f.g/1.html',
      'e.f.g/',
      'f.g/1.html',
      'f.g/',
    ]);
  });

  it('http://1.2.3.4/1/', () => {
    expect(urlExpressions(canonicalizeUrl('http://1.2.3.4/1/')!)).toEqual(['1.2.3.4/1/', '1.2.3.4/']);
  });

  it('caps hosts at 5 and paths at 6, so at most 30 expressions', () => {
    const url = canonicalizeUrl('http://a.b.c.d.e.f.g.h/1/2/3/4/5/6/7.html?q=1')!;
    expect(hostSuffixes(url.host, false)).toHaveLength(5);
    expect(pathPrefixes(url.path, url.query)).toEqual(['/1/2/3/4/5/6/7.html?q=1', '/1/2/3/4/5/6/7.html', '/', '/1/', '/1/2/', '/1/2/3/']);
    expect(urlExpressions(url)).toHaveLength(30);
    expect(exactExpression(url)).toBe('a.b.c.d.e.f.g.h/1/2/3/4/5/6/7.html?q=1');
  });
});

describe('canonicalizeUrl never throws', () => {
  it('on arbitrary strings, and its output is ASCII and stable', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.string({ unit: 'grapheme' })), (input) => {
        const url = canonicalizeUrl(input);
        if (url) {
          expect(url.url).toMatch(/^[\x21-\x7e]*$/);
          expect(canonicalizeUrl(url.url)?.url).toBe(url.url);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('on huge and pathological input, in bounded time', () => {
    const started = performance.now();
    expect(canonicalizeUrl(`http://a.com/${'%25'.repeat(200_000)}`)?.url.length).toBeLessThanOrEqual(MAX_URL_CHARS * 3);
    expect(canonicalizeUrl('.'.repeat(100_000))).toBeNull();
    expect(canonicalizeUrl(`http://${'a.'.repeat(50_000)}com/`)).not.toBeNull();
    expect(canonicalizeUrl(42 as unknown as string)).toBeNull();
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
