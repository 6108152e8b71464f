import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createBrandIndex, isOneEditApart } from '../../src/links/brands.js';
import { linkFindings, isShortener, tldPrior } from '../../src/links/heuristics.js';
import { createLinkLists, isPopularSite } from '../../src/links/lists.js';
import { skeletonOf, substitutionVariants } from '../../src/links/lookalike.js';
import { decodePunycode, toUnicodeHost } from '../../src/links/punycode.js';
import { analyzeUrl } from '../../src/links/url-facts.js';
import { LURE_DOMAIN_SCORE } from '../../src/links/lure-domain.js';

const lists = createLinkLists(readFileSync('models/url-top-sites.txt', 'utf8'), readFileSync('models/url-shorteners.txt', 'utf8'));
const codes = (url: string) => linkFindings(analyzeUrl(url), lists).map((finding) => finding.code);
const finding = (url: string, code: string) => linkFindings(analyzeUrl(url), lists).find((f) => f.code === code);

describe('punycode', () => {
  it('decodes xn-- labels (RFC 3492 sample and look-alikes)', () => {
    expect(decodePunycode('egbpdaj6bu4bxfgehfvwxn')).toBe('ليهمابتكلموشعربي؟');
    expect(toUnicodeHost('xn--pple-43d.com')).toBe('\u0430pple.com');
    expect(toUnicodeHost('xn--e1afmkfd.xn--p1ai')).toBe('пример.рф');
    expect(toUnicodeHost('xn--!!!.com')).toBe('xn--!!!.com');
  });
});

describe('brands', () => {
  const brands = createBrandIndex();

  it('holds top-site brands with their genuine domains, not generic words', () => {
    expect(brands.domainsOf('paypal')).toContain('paypal.com');
    expect(brands.domainsOf('google')).toContain('google.com');
    expect(brands.domainsOf('news')).toBeUndefined();
    expect(brands.domainsOf('live')).toBeUndefined();
    expect(brands.size).toBeGreaterThan(500);
  });

  it('finds brands one edit away, only for brands of 5+ letters', () => {
    expect(brands.nearBrand('paypai')).toBe('paypal');
    expect(brands.nearBrand('amazom')).toBe('amazon');
    expect(brands.nearBrand('faecbook')).toBe('facebook');
    expect(brands.nearBrand('paypal')).toBeNull();
    expect(brands.nearBrand('zzzzzzz')).toBeNull();
    expect(brands.nearBrand('bign')).toBeNull(); // `bing` has 4 letters
  });

  it('isOneEditApart counts a swap of neighbours as one edit', () => {
    expect(isOneEditApart('paypla', 'paypal')).toBe(true);
    expect(isOneEditApart('pyapal', 'paypal')).toBe(true);
    expect(isOneEditApart('papyal', 'paypal')).toBe(true);
    expect(isOneEditApart('pyapla', 'paypal')).toBe(false);
    expect(isOneEditApart('paypal', 'paypal')).toBe(false);
    expect(isOneEditApart('paypall', 'paypal')).toBe(true);
  });
});

describe('homographs', () => {
  it.each(['https://аpple.com/', 'https://xn--pypal-4ve.com/', 'http://раураl.com/', 'https://xn--80ak6aa92e.com/', 'https://gооgle.com/'])('flags %s', (url) => {
    expect(finding(url, 'link.homograph')?.score).toBeGreaterThanOrEqual(0.85);
  });

  it('leaves genuine non-Latin domains and the brands themselves alone', () => {
    expect(codes('http://пример.рф/')).not.toContain('link.homograph');
    expect(codes('https://яндекс.рф/')).not.toContain('link.homograph');
    expect(codes('https://apple.com/')).toEqual([]);
  });

  it('folds look-alike letters with the shared confusable skeleton', () => {
    expect(skeletonOf('раураl')).toBe('paypal');
    expect(skeletonOf('пример')).toBe('пример');
  });
});

describe('typosquats', () => {
  it.each([
    ['http://paypa1.com/restore', 'paypal', 0.9],
    ['https://rnicrosoft.com/', 'microsoft', 0.9],
    ['https://amazon-security-check.com/', 'amazon', 0.9],
    ['https://paypalsecure.net/', 'paypal', 0.9],
    ['https://appleid-verify.com/', 'apple', 0.9],
    ['https://paypai.com/', 'paypal', 0.7],
    ['https://apple-repair-shop.net/', 'apple', 0.6],
  ] as const)('flags %s as imitating %s', (url, brand, score) => {
    expect(finding(url, 'link.typosquat')).toEqual({ code: 'link.typosquat', score, brand });
  });

  it('spells digits and rn/vv out as letters', () => {
    expect(substitutionVariants('paypa1')).toContain('paypal');
    expect(substitutionVariants('rnicrosoft')).toContain('microsoft');
    expect(substitutionVariants('vvikipedia')).toContain('wikipedia');
  });

  it('never flags top sites, short brands by edit distance, or unrelated names', () => {
    for (const url of ['https://paypal.com/', 'https://www.amazon.de/', 'http://www.trend-chaser.com/', 'https://yahoo.com/', 'https://bign.com/', 'https://weather-today.net/', 'https://example.org/']) {
      expect(codes(url), url).not.toContain('link.typosquat');
    }
  });
});

describe('brand in subdomain or path', () => {
  it('flags a brand domain in front of an unrelated domain', () => {
    expect(finding('http://paypal.com.secure-login.info/webscr', 'link.brand_in_subdomain')?.score).toBe(0.9);
    expect(finding('https://netflix.account-update.click/', 'link.brand_in_subdomain')?.score).toBe(0.7);
  });

  it('on a top site only when the brand domain is spelled out (tenant pages)', () => {
    expect(finding('https://paypal-com.web.app/', 'link.brand_in_subdomain')?.score).toBe(0.75);
    expect(codes('https://apple.stackexchange.com/questions/1')).not.toContain('link.brand_in_subdomain');
    expect(codes('https://accounts.google.com/')).toEqual([]);
  });

  it('flags a brand domain, or a brand with a login word, in the path of an unrelated site', () => {
    expect(finding('http://evil-host.xyz/www.paypal.com/login.php', 'link.brand_in_path')?.score).toBe(0.6);
    expect(finding('http://evil-host.xyz/paypal/login', 'link.brand_in_path')?.score).toBe(0.55);
    expect(codes('http://blog-example.net/paypal-fees-explained')).not.toContain('link.brand_in_path');
    expect(codes('https://twitter.com/paypal/status/1')).not.toContain('link.brand_in_path');
  });
});

describe('other heuristics', () => {
  it('userinfo dressed up as a destination is malicious, plain userinfo suspicious', () => {
    expect(finding('https://www.paypal.com@evil.ru/login', 'link.userinfo')?.score).toBe(0.9);
    expect(finding('http://user:pass@example.org/', 'link.userinfo')?.score).toBe(0.6);
    expect(codes('https://example.org/@user')).not.toContain('link.userinfo');
  });

  it('IP-literal hosts, in any encoding', () => {
    expect(codes('http://192.168.0.1/admin')).toContain('link.ip_host');
    expect(codes('http://3232235521/')).toContain('link.ip_host');
    expect(codes('https://192-168-0-1.example.com/')).not.toContain('link.ip_host');
  });

  it('shortened links, but not a shortener home page', () => {
    expect(codes('https://bit.ly/3xYz12')).toContain('link.shortener');
    expect(isShortener(analyzeUrl('https://bit.ly/'), lists)).toBe(false);
    expect(codes('https://example.org/3xYz12')).not.toContain('link.shortener');
  });

  it('dangerous downloads by file type', () => {
    for (const url of ['http://x.org/app.apk', 'https://x.org/setup.EXE?x=1', 'https://x.org/a/invoice.scr', 'https://x.org/f.docm']) {
      expect(codes(url), url).toContain('link.dangerous_download');
    }
    for (const url of ['https://x.org/report.pdf', 'https://x.org/exe/', 'https://x.org/.apk']) {
      expect(codes(url), url).not.toContain('link.dangerous_download');
    }
  });

  it('non-standard ports, not default ones', () => {
    expect(codes('http://example.org:8080/')).toContain('link.non_standard_port');
    expect(codes('https://example.org:443/')).not.toContain('link.non_standard_port');
  });

  it('javascript: and active data: URIs', () => {
    expect(finding('javascript:alert(1)', 'link.script_scheme')?.score).toBe(0.95);
    expect(finding('data:text/html;base64,PHA+', 'link.script_scheme')?.score).toBe(0.9);
    expect(finding('data:image/png;base64,AAAA', 'link.script_scheme')?.score).toBe(0.6);
  });

  it('risky TLD priors come from the labelled data and stay below the operating point', () => {
    const risky = linkFindings(analyzeUrl('http://something.app/'), lists).find((f) => f.code === 'link.risky_tld');
    expect(risky?.score).toBeLessThan(0.5);
    expect(tldPrior(analyzeUrl('http://x.app/')).rate).toBeGreaterThan(tldPrior(analyzeUrl('http://x.de/')).rate);
    expect(codes('https://example.de/')).not.toContain('link.risky_tld');
  });

  it('popular sites are their own registrable domain, www. host, or a ranked host at its root', () => {
    const popular = (url: string) => isPopularSite(analyzeUrl(url), lists);
    expect(popular('https://www.paypal.com/signin')).toBe(true);
    expect(popular('https://docs.google.com/')).toBe(true);
    expect(popular('https://docs.google.com/forms/d/e/x/viewform')).toBe(false);
    expect(popular('https://tenant.sharepoint.com/')).toBe(false);
    expect(popular('https://paypa1.com/')).toBe(false);
  });

  it("a top site's own sign-in host counts as the site's own, on a path that hands over to no other host", () => {
    const popular = (url: string) => isPopularSite(analyzeUrl(url), lists);
    expect(popular('https://accounts.google.com/signin')).toBe(true);
    expect(popular('https://login.live.com/login.srf')).toBe(true);
    expect(popular('https://appleid.apple.com/sign-in')).toBe(true);
    expect(popular('https://secure.chase.com/web/auth/logon')).toBe(true);
    expect(popular('https://accounts.google.com/ServiceLogin?continue=https://accounts.google.com/')).toBe(true);
    // Hard negatives: handing over to another host, tenant platforms, non-sign-in hosts, look-alikes.
    expect(popular('https://accounts.google.com/ServiceLogin?continue=https://storage.cloud.google.com/u.appspot.com/index.html')).toBe(false);
    expect(popular('https://login.microsoftonline.com/x/oauth2/authorize?redirect_uri=https:%2F%2Fevil.example%2F')).toBe(false);
    expect(popular('https://login.blogspot.com/signin')).toBe(false);
    expect(popular('https://paypal-login.sharepoint.com/signin')).toBe(false);
    expect(popular('https://sites.google.com/view/paypal-login')).toBe(false);
    expect(popular('https://accounts.paypa1.com/signin')).toBe(false);
    expect(popular('https://login.secure.verify.google.com/')).toBe(false);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.string({ unit: 'grapheme' }).map((s) => `http://${s}/`)), (url) => {
        const findings = linkFindings(analyzeUrl(url), lists);
        for (const f of findings) expect(f.score).toBeGreaterThanOrEqual(0);
      }),
      { seed: 11, numRuns: 200 },
    );
  });
});

describe('lure-word domains', () => {
  it.each([
    'https://royalmail-redelivery-fee.com/',
    'https://ezpass-toll-pay.com/',
    'http://postnord-unpaid-customs.net/track',
    'https://kiwibank-account-suspended.co.nz/',
    'https://trustee-wallet-verify-unlock.app/',
  ])('flags %s as suspicious with its own reason', (url) => {
    expect(finding(url, 'link.lure_domain')?.score).toBe(LURE_DOMAIN_SCORE);
  });

  it.each([
    'https://data-recovery-services.com/', // weak words only: a business's name
    'https://fast-pay-online.com/',
    'https://smith-tax-refund.com/', // one lure word next to names
    'https://fine-art-gift.com/',
    'https://toll-free-numbers.com/', // `free` is too common to count as a lure word
    'https://redelivery.com/', // no hyphen-joined name
    'https://verify-unlock.com/', // lure words only, no name
    'https://www.royalmail.com/track-your-item', // a top site
  ])('leaves %s alone (hard negative)', (url) => {
    expect(codes(url)).not.toContain('link.lure_domain');
  });

  it('a named brand is reported as a typosquat, not as lure words', () => {
    expect(codes('https://paypal-account-unlock-verify.com/')).toContain('link.typosquat');
    expect(codes('https://paypal-account-unlock-verify.com/')).not.toContain('link.lure_domain');
  });
});
