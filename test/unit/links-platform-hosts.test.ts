import { describe, expect, it } from 'vitest';
import { isFirstPartyShortLink, isPlatformShareLink } from '../../src/links/platform-hosts.js';
import { analyzeUrl } from '../../src/links/url-facts.js';

const share = (url: string) => isPlatformShareLink(analyzeUrl(url));
const firstParty = (url: string) => isFirstPartyShortLink(analyzeUrl(url));

describe('platform share links and first-party short links', () => {
  it('knows a platform’s own short links, and no general shortener', () => {
    expect(firstParty('https://youtu.be/dQw4w9WgXcQ')).toBe(true);
    expect(firstParty('HTTPS://YOUTU.BE/dQw4w9WgXcQ')).toBe(true);
    expect(firstParty('https://bit.ly/3xYz12')).toBe(false);
    expect(firstParty('https://goo.gl/maps/AbCd')).toBe(false);
    // A look-alike of a short host is a different host.
    expect(firstParty('https://youtu.be.example.com/x')).toBe(false);
    expect(firstParty('https://y0utu.be/x')).toBe(false);
  });

  it('knows share hosts by their exact host, with or without www., and Zoom’s own meeting hosts only', () => {
    expect(share('https://docs.google.com/document/d/1x9Z/edit')).toBe(true);
    expect(share('https://www.docs.google.com/document/d/1x9Z/edit')).toBe(true);
    expect(share('https://us02web.zoom.us/j/81234567890')).toBe(true);
    expect(share('https://acme.zoom.us/j/81234567890')).toBe(false);
    expect(share('https://sites.google.com/view/anything')).toBe(false);
    expect(share('https://docs.google.com.evil.example/document/d/1x9Z')).toBe(false);
    expect(share('https://youtu.be/x')).toBe(true);
  });

  it('gives no pass to a link that hands over to another host, plain or %-escaped', () => {
    expect(share('https://docs.google.com/url?q=https://evil.example/login')).toBe(false);
    expect(share('https://docs.google.com/url?q=https%3A%2F%2Fevil.example%2Flogin')).toBe(false);
    expect(firstParty('https://t.me/iv?url=https://evil.example/')).toBe(false);
    // Naming its own host is no hand-over.
    expect(share('https://drive.google.com/open?continue=https://drive.google.com/file/d/1')).toBe(true);
  });
});
