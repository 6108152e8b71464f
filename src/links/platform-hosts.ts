/**
 * Hosts a big platform runs for what its users share: its own short links, and the hosts that serve shared
 * documents, files, chats and meetings by opaque id (`docs.google.com/document/d/1x9Z…`). People post these in
 * chat all day, and the link checker's two generic signals say nothing about them:
 *
 * - a first-party short link leads into its own platform only, so the shortener rule's reason, a hidden
 *   destination, does not hold (`youtu.be/…` is always YouTube);
 * - on a share host the URL model sees only the host and an id, and phishing feeds are full of these hosts
 *   while its legitimate training URLs have none (docs.google.com: 24 phishing, 0 legitimate; drive.google.com:
 *   31 and 0), so its score there is the feeds' base rate, not evidence about the link.
 *
 * Abuse of these platforms is real (phishing forms, malware in shared files): the blocklist, the look-alike and
 * brand heuristics, the message's own words and the conversation signals still judge these links; only the two
 * generic signals stand down. A link that hands over to another host (`docs.google.com/url?q=https://…`) gets
 * no such pass.
 */
import { embeddedHosts } from './lists.js';
import type { UrlFacts } from './url-facts.js';

/** Short-link hosts that only lead into their own platform. */
export const FIRST_PARTY_SHORT_HOSTS: ReadonlySet<string> = new Set([
  'youtu.be', // YouTube
  'discord.gg', // Discord invites
  't.me', // Telegram
  'wa.me', // WhatsApp
  'm.me', // Messenger
  'fb.me', // Facebook
  'instagr.am', // Instagram
  'vm.tiktok.com', // TikTok
  'vt.tiktok.com',
  'redd.it', // Reddit
  'pin.it', // Pinterest
  'spoti.fi', // Spotify
  'apple.co', // Apple
  'amzn.to', // Amazon
  'amzn.eu',
  'a.co',
  '1drv.ms', // OneDrive
  'maps.app.goo.gl', // Google Maps
  'photos.app.goo.gl', // Google Photos
  'forms.gle', // Google Forms
]);

/** Hosts a platform serves its users' shared documents, files, chats and meetings from, by opaque id. */
export const PLATFORM_SHARE_HOSTS: ReadonlySet<string> = new Set([
  'docs.google.com',
  'drive.google.com',
  'photos.google.com',
  'meet.google.com',
  'classroom.google.com',
  'chat.whatsapp.com',
  'onedrive.live.com',
  'forms.office.com',
  'teams.microsoft.com',
  'teams.live.com',
]);

/** Zoom's own meeting hosts (`us02web.zoom.us`); other `*.zoom.us` hosts are customers' vanity names. */
const ZOOM_MEETING_HOST = /^us\d{2}web\.zoom\.us$/;

function handsOver(facts: UrlFacts): boolean {
  return embeddedHosts(`${facts.path}?${facts.query ?? ''}`).some((target) => target !== facts.host);
}

/** A first-party short link: not a shortener that hides where it leads. */
export function isFirstPartyShortLink(facts: UrlFacts): boolean {
  return FIRST_PARTY_SHORT_HOSTS.has(facts.host) && !handsOver(facts);
}

/**
 * A platform's own short link or share host, handing over to no other host: the URL model's score is then
 * capped like on a popular site's own host (see `combineLinkEvidence`).
 */
export function isPlatformShareLink(facts: UrlFacts): boolean {
  const host = facts.host.startsWith('www.') ? facts.host.slice(4) : facts.host;
  const known = FIRST_PARTY_SHORT_HOSTS.has(host) || PLATFORM_SHARE_HOSTS.has(host) || ZOOM_MEETING_HOST.test(host);
  return known && !handsOver(facts);
}
