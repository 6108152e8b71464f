/**
 * Reason codes of the link checker and the sentence shown for each. Messages never quote the URL,
 * the brand it imitates or anything else taken from the message: reasons end up in reports.
 */

/** Every reason code a link verdict can carry. */
export const LINK_REASONS = {
  blocklist: 'link.blocklist',
  homograph: 'link.homograph',
  typosquat: 'link.typosquat',
  brandInSubdomain: 'link.brand_in_subdomain',
  brandInPath: 'link.brand_in_path',
  lureDomain: 'link.lure_domain',
  userinfo: 'link.userinfo',
  ipHost: 'link.ip_host',
  shortener: 'link.shortener',
  dangerousDownload: 'link.dangerous_download',
  riskyTld: 'link.risky_tld',
  nonStandardPort: 'link.non_standard_port',
  scriptScheme: 'link.script_scheme',
  model: 'link.model',
} as const;

/** One of {@link LINK_REASONS}. */
export type LinkReasonCode = (typeof LINK_REASONS)[keyof typeof LINK_REASONS];

/** A sentence per reason, readable by a teenager, free of message content. */
export const LINK_REASON_MESSAGES: Readonly<Record<LinkReasonCode, string>> = {
  'link.blocklist': 'This link is on a list of known phishing or malware sites.',
  'link.homograph': 'This link uses look-alike letters from another alphabet to imitate a well-known site.',
  'link.typosquat': 'This link imitates the name of a well-known site with a small misspelling or extra words.',
  'link.brand_in_subdomain': 'This link puts a well-known name in front of a different, unrelated website.',
  'link.brand_in_path': 'This link mentions a well-known site, but it goes to a different website.',
  'link.lure_domain': 'This link goes to a website named with words scammers use, like fees, redelivery or account unlocking.',
  'link.userinfo': 'This link hides its real destination behind an @ sign.',
  'link.ip_host': 'This link goes to a bare number address instead of a named website.',
  'link.shortener': 'This is a shortened link, so its real destination is hidden.',
  'link.dangerous_download': 'This link downloads a program or app file that could harm your device.',
  'link.risky_tld': 'This link ends in a domain ending that is often used for scams.',
  'link.non_standard_port': 'This link uses an unusual network port, which normal websites rarely do.',
  'link.script_scheme': 'This is not a web address: opening it would run code or show hidden content.',
  'link.model': 'The way this address is built looks like known phishing links.',
};
