/** Message bubbles: text with links made safe to click, an image, and the "checked on this device" details. */
import type { LinkVerdict, Verdict } from '../src/index.js';
import { h } from './dom.js';
import { icon } from './icons.js';

const LINK_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi;

/** The URLs in `text` as a person would see them, trailing punctuation trimmed. For display only: detection is the guard's job. */
export function displayedLinks(text: string): string[] {
  return [...text.matchAll(LINK_PATTERN)].map((match) => match[0].replace(/[.,!?;:)\]]+$/, ''));
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(/^https?:\/\//i.test(url) ? url : `http://${url}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** The guard's verdict for a link as displayed: same URL, else same host, else the only verdict there is. */
export function linkVerdictFor(verdict: Verdict | undefined, url: string, linksInMessage: number): LinkVerdict | undefined {
  if (!verdict) return undefined;
  const exact = verdict.links.find((link) => link.url === url);
  if (exact) return exact;
  const host = hostOf(url);
  const sameHost = verdict.links.find((link) => host !== undefined && hostOf(link.url) === host);
  if (sameHost) return sameHost;
  return linksInMessage === 1 && verdict.links.length === 1 ? verdict.links[0] : undefined;
}

/**
 * The message text with each link as a button: links never navigate by themselves, a click goes
 * through `onLink`, which shows the interstitial for a risky link.
 */
export function textWithLinks(text: string, verdict: Verdict | undefined, onLink: (url: string, link: LinkVerdict | undefined) => void): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const count = displayedLinks(text).length;
  let last = 0;
  for (const match of text.matchAll(LINK_PATTERN)) {
    const url = match[0].replace(/[.,!?;:)\]]+$/, '');
    const start = match.index;
    fragment.append(text.slice(last, start));
    const link = linkVerdictFor(verdict, url, count);
    const risky = link !== undefined && link.verdict !== 'safe';
    fragment.append(
      h(
        'button',
        {
          type: 'button',
          class: `msg-link${risky ? ` msg-link-${link.verdict}` : ''}`,
          'data-url': url,
          'aria-label': risky ? `${url} (ChatGuard: ${link.verdict} link)` : url,
          onclick: () => onLink(url, link),
        },
        risky ? icon('alert', 14) : null,
        url,
      ),
    );
    last = start + url.length;
  }
  fragment.append(text.slice(last));
  return fragment;
}

const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** The line under a bubble: time and the lock. */
export function metaLine(sentAt: number, note?: string): HTMLElement {
  return h(
    'div',
    { class: 'meta' },
    h('time', { datetime: new Date(sentAt).toISOString() }, TIME.format(sentAt)),
    h('span', { class: 'lock', title: 'End-to-end encrypted' }, ' ', icon('lock', 11), h('span', { class: 'visually-hidden' }, 'end-to-end encrypted')),
    note ? h('span', { class: 'meta-note' }, ` · ${note}`) : null,
  );
}

function percent(score: number): string {
  return `${Math.round(score * 100)}%`;
}

/** "Checked on this device": the top scores, the detectors that ran, and the metadata-only report this message would queue. */
export function verdictDetails(verdict: Verdict, elapsedMs: number): HTMLDetailsElement {
  const top = Object.entries(verdict.scores)
    .filter(([, score]) => score >= 0.05)
    .sort(([, a], [, b]) => b - a)
    .slice(0, 4);
  const detectors = Object.entries(verdict.versions);
  const failed = [...new Set(verdict.reasons.filter((reason) => reason.code.startsWith('system.')).map((reason) => `${reason.message}${reason.detector ? ` (${reason.detector})` : ''}`))];
  return h(
    'details',
    { class: 'why' },
    h('summary', {}, `Checked on this device · ${Math.max(1, Math.round(elapsedMs))} ms`),
    h(
      'dl',
      {},
      h('dt', {}, 'Action'),
      h('dd', {}, `${verdict.action}${verdict.flags.length > 0 ? ` (${verdict.flags.join(', ')})` : ''}${verdict.degraded ? ' · partial check' : ''}`),
      h('dt', {}, 'Scores'),
      h('dd', {}, top.length > 0 ? top.map(([label, score]) => `${label} ${percent(score)}`).join(', ') : 'all low'),
      h('dt', {}, 'Checked by'),
      h('dd', {}, detectors.length > 0 ? detectors.map(([id, version]) => `${id} ${version}`).join(', ') : 'no detectors loaded'),
      failed.length > 0 && h('dt', {}, 'Partial'),
      failed.length > 0 && h('dd', { class: 'partial' }, failed.join(' ')),
    ),
    verdict.report
      ? h('div', {}, h('p', { class: 'report-note' }, 'The only thing about this message that may leave the phone (no text, no links):'), h('pre', { class: 'report' }, JSON.stringify(verdict.report, null, 1)))
      : h('p', { class: 'report-note' }, 'Nothing about this message leaves the phone.'),
  );
}
