/**
 * Looks for plaintext in what left the page: a canary in any form a careless client could send it
 * in (as is, URL-encoded, JSON-escaped, UTF-16, base64 or base64url at any byte alignment).
 */

/** Something that must never leave the page, with every form it could leave in. */
export interface Canary {
  readonly label: string;
  readonly forms: readonly string[];
}

/** Base64 and base64url of `bytes` at each of the three alignments a surrounding encoder could put them at, trimmed to the characters that depend on `bytes` alone. */
function base64Forms(bytes: Buffer): string[] {
  const forms: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
    const start = Math.ceil((shift * 4) / 3) + 1;
    const end = Math.floor(((shift + bytes.length) * 4) / 3) - 1;
    for (const encoding of ['base64', 'base64url'] as const) {
      const core = padded.toString(encoding).slice(start, end);
      if (core.length >= 12) forms.push(core);
    }
  }
  return forms;
}

/** A text canary: a message, a URL. */
export function textCanary(secret: string): Canary {
  const forms = new Set<string>([
    secret,
    encodeURIComponent(secret),
    encodeURI(secret),
    JSON.stringify(secret).slice(1, -1),
    secret.replace(/ /g, '+'),
    Buffer.from(secret, 'utf16le').toString('latin1'),
    ...base64Forms(Buffer.from(secret, 'utf8')),
  ]);
  return { label: secret, forms: [...forms].filter((form) => form.length >= 6) };
}

/** A binary canary: image bytes. `bytes` should be a distinctive slice of at least 16 bytes. */
export function bytesCanary(label: string, bytes: Buffer): Canary {
  return { label, forms: [bytes.toString('latin1'), bytes.toString('hex'), ...base64Forms(bytes)] };
}

/** The first canary found in `haystack` (a URL or a body), and the form it was found in. */
export function findLeak(haystack: string | Buffer, canaries: readonly Canary[]): { label: string; form: string } | undefined {
  const texts = typeof haystack === 'string' ? [haystack] : [haystack.toString('latin1'), haystack.toString('utf8')];
  const lowered = texts.map((text) => text.toLowerCase());
  for (const canary of canaries) {
    for (const form of canary.forms) {
      // Base64 is case-sensitive; text forms are compared case-insensitively too.
      const caseless = /[^A-Za-z0-9+/_=-]/.test(form);
      if (texts.some((text) => text.includes(form)) || (caseless && lowered.some((text) => text.includes(form.toLowerCase())))) {
        return { label: canary.label, form };
      }
    }
  }
  return undefined;
}
