/**
 * IPv4 literals in every form `inet_aton` and browsers accept: 1–4 parts, each decimal, octal
 * (leading `0`) or hex (`0x`), the last part filling the remaining bytes (`http://3279880203/`
 * is `195.127.0.11`). Safe Browsing requires them normalised to dotted decimal so that one address
 * has one hash.
 */

const PART = /^(?:0x[0-9a-f]*|0[0-7]*|[1-9][0-9]*)$/i;

function parsePart(part: string): number | null {
  if (!PART.test(part)) return null;
  if (/^0x/i.test(part)) return part.length === 2 ? 0 : parseInt(part.slice(2), 16);
  if (part.length > 1 && part.startsWith('0')) return parseInt(part.slice(1), 8);
  return parseInt(part, 10);
}

/**
 * The dotted-decimal form of an IPv4 literal, or `null` when `host` is not one.
 *
 * @example parseIpv4('0x7f.1') // '127.0.0.1'
 */
export function parseIpv4(host: string): string | null {
  // A trailing dot is allowed (`1.2.3.4.`); anything longer than the longest encoding is not an address.
  const text = host.endsWith('.') ? host.slice(0, -1) : host;
  if (text === '' || text.length > 64) return null;
  const parts = text.split('.');
  if (parts.length > 4) return null;
  const values: number[] = [];
  for (const part of parts) {
    const value = parsePart(part);
    if (value === null || !Number.isFinite(value)) return null;
    values.push(value);
  }
  const last = values.pop() as number;
  if (values.some((value) => value > 255)) return null;
  const lastBytes = 4 - values.length;
  if (last >= 256 ** lastBytes) return null;
  const bytes = [...values];
  for (let i = lastBytes - 1; i >= 0; i--) bytes.push(Math.floor(last / 256 ** i) % 256);
  return bytes.join('.');
}

/** True for a host that is an IPv4 literal in dotted-decimal form or a bracketed IPv6 literal. */
export function isIpLiteral(host: string): boolean {
  return host.startsWith('[') || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host);
}
