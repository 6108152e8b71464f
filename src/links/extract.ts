/**
 * Finds every URL in chat text that a person would see as a link: `https://…`, `www.…`,
 * scheme-less `paypa1.com/restore` and `bit.ly/x` (checked against the full IANA TLD list from
 * `tlds`), IDNs (`пример.рф`) and punycode, IP hosts, `user@host` URLs, plus `javascript:` and
 * `data:` URIs, which are never safe to open from a chat. E-mail addresses are not links.
 *
 * linkify-it does the matching (its cheap `test()` runs before the full `match()`); this module
 * bounds the work: text is scanned in chunks of {@link EXTRACT_CHUNK_CHARS} cut at whitespace,
 * and scanning stops after {@link MAX_LINKS_PER_MESSAGE} distinct links. Never throws.
 */
import { LinkifyIt, type SchemaOpts } from 'linkify-it';
import tlds from 'tlds' with { type: 'json' };

/**
 * The most distinct links checked per message. A chat message with more is spam-like already;
 * the first 32 are checked and the rest ignored, so one message cannot cost more than 32 lookups.
 */
export const MAX_LINKS_PER_MESSAGE = 32;
/** Text is handed to linkify-it in chunks of about this many UTF-16 code units, cut at whitespace. */
export const EXTRACT_CHUNK_CHARS = 8192;
/** The longest link kept; linkify-it stops a match here. */
export const MAX_LINK_CHARS = 2048;

/** A link found in a message. */
export interface ExtractedLink {
  /** The link as written in the message. */
  readonly text: string;
  /** The link with a scheme: `http://` is added to scheme-less links. */
  readonly url: string;
  /** UTF-16 offset of the link in the text. */
  readonly index: number;
  /** True when the message had no scheme (`paypa1.com/restore`). */
  readonly schemeless: boolean;
}

/** `javascript:` and `data:` run to the next whitespace; they need no host. */
const opaqueScheme: SchemaOpts = {
  validate: (text, pos) => {
    const tail = /^[^\s<>"'`]+/.exec(text.slice(pos, pos + MAX_LINK_CHARS));
    return tail ? tail[0].length : 0;
  },
};

function createLinkify(): LinkifyIt {
  const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: false, fuzzyIP: true, urlAuth: true, maxLength: MAX_LINK_CHARS });
  linkify.tlds(tlds, false).tlds('onion', true);
  linkify.add('mailto:', null);
  linkify.add('javascript:', opaqueScheme);
  linkify.add('data:', opaqueScheme);
  return linkify;
}

let shared: LinkifyIt | undefined;
const BARE_IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** Splits `text` into chunks of about `size` code units, each ending at whitespace when one is near. */
function* chunks(text: string, size: number): Generator<{ chunk: string; offset: number }> {
  let offset = 0;
  while (offset < text.length) {
    let end = Math.min(text.length, offset + size);
    if (end < text.length) {
      const space = text.slice(offset, end).search(/\s\S*$/);
      if (space > size / 2) end = offset + space;
    }
    yield { chunk: text.slice(offset, end), offset };
    offset = end;
  }
}

/**
 * The links in `text`, in order, without duplicates, at most {@link MAX_LINKS_PER_MESSAGE}.
 *
 * @example extractLinks('log in at paypa1.com/restore now')[0]?.url // 'http://paypa1.com/restore'
 */
export function extractLinks(text: string, limit = MAX_LINKS_PER_MESSAGE): ExtractedLink[] {
  if (typeof text !== 'string' || text === '') return [];
  const linkify = (shared ??= createLinkify());
  const out: ExtractedLink[] = [];
  const seen = new Set<string>();
  try {
    for (const { chunk, offset } of chunks(text, EXTRACT_CHUNK_CHARS)) {
      if (!linkify.test(chunk)) continue;
      for (const match of linkify.match(chunk) ?? []) {
        // A bare dotted quad is as often a version number as an address; with a path or port it is a link.
        if (match.schema === '' && BARE_IPV4.test(match.raw)) continue;
        if (seen.has(match.url)) continue;
        seen.add(match.url);
        out.push({ text: match.raw, url: match.url, index: offset + match.index, schemeless: match.schema === '' });
        if (out.length >= limit) return out;
      }
    }
  } catch {
    // linkify-it does not throw on text it was built for; if a future version does, keep what was found.
  }
  return out;
}
