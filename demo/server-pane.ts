/**
 * "What the server sees": every request body the relay and the report collector received, exactly
 * as received, streamed by the demo server from `/server-view/events`. A real server would not
 * offer this stream; the demo shows it so a visitor can check that only ciphertext and
 * metadata-only reports ever arrive.
 */
import { h } from './dom.js';
import { icon, type IconName } from './icons.js';

/** One body a server received (mirrors `demo/server.ts`). */
export interface ServerEntry {
  readonly seq: number;
  readonly server: 'relay' | 'collector';
  readonly at: number;
  readonly method: string;
  readonly path: string;
  readonly body: string;
  readonly accepted: boolean;
}

const PREVIEW_CHARS = 120;

function parse(body: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(body) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function field(label: string, value: string, long = false): HTMLElement {
  if (!long || value.length <= PREVIEW_CHARS) return h('div', { class: 'field' }, h('span', { class: 'field-name' }, label), h('code', {}, value));
  return h(
    'div',
    { class: 'field' },
    h('span', { class: 'field-name' }, label),
    h('details', {}, h('summary', {}, h('code', {}, `${value.slice(0, PREVIEW_CHARS)}…`), ` (${value.length} chars)`), h('code', { class: 'all' }, value)),
  );
}

function describe(entry: ServerEntry): HTMLElement {
  const body = parse(entry.body);
  const when = new Date(entry.at).toLocaleTimeString();
  const head = (name: IconName, title: string) =>
    h('div', { class: 'entry-head' }, icon(name, 14), ` ${title}`, h('span', { class: 'entry-meta' }, ` · ${entry.method} ${entry.path} · ${new TextEncoder().encode(entry.body).length} bytes · ${when}`));
  if (entry.server === 'relay' && entry.path.startsWith('/relay/keys/') && body) {
    return h('li', { class: 'entry key', 'data-server': 'relay' }, head('key', `${entry.path.split('/').pop() ?? '?'} published a public key`), field('publicKey', String(body['publicKey'])));
  }
  if (entry.server === 'relay' && body) {
    return h(
      'li',
      { class: 'entry envelope', 'data-server': 'relay' },
      head('mail', `${String(body['from'])} → ${String(body['to'])}: an encrypted message`),
      field('id', String(body['id'])),
      field('iv', String(body['iv'])),
      field('ciphertext', String(body['ciphertext']), true),
    );
  }
  const reports = Array.isArray(body?.['reports']) ? (body['reports'] as Array<Record<string, unknown>>) : undefined;
  if (entry.server === 'collector' && reports) {
    return h(
      'li',
      { class: 'entry reports', 'data-server': 'collector' },
      head('chart', `${reports.length} metadata-only report${reports.length === 1 ? '' : 's'}`),
      ...reports.map((report) => {
        const labels = Array.isArray(report['labels']) ? (report['labels'] as Array<{ label?: string; flagged?: boolean }>).filter((l) => l.flagged).map((l) => l.label) : [];
        const decision = report['decision'] === null ? '' : ` · ${String(report['decision'])}`;
        return h(
          'details',
          { class: 'report' },
          h('summary', {}, `${String(report['kind'])} · ${String(report['direction'])} · ${String(report['action'])}${decision}${labels.length > 0 ? ` · ${labels.join(', ')}` : ''}`),
          h('pre', {}, JSON.stringify(report, null, 1)),
        );
      }),
    );
  }
  return h('li', { class: 'entry other', 'data-server': entry.server }, head('alert', entry.accepted ? 'a request' : 'a refused request'), field('body', entry.body, true));
}

/** Renders the pane into `root` and subscribes to the stream. Returns a function that closes it. */
export function createServerPane(root: HTMLElement): () => void {
  const counts = { envelopes: 0, reports: 0 };
  const summary = h('p', { class: 'server-counts', role: 'status' }, 'Nothing received yet.');
  const list = h('ol', { class: 'server-log', role: 'log', 'aria-live': 'off', 'aria-label': 'Bodies received by the servers' });
  root.replaceChildren(
    h(
      'header',
      { class: 'server-header' },
      h('h2', {}, 'What the server sees'),
      h('p', {}, 'Every byte that reached the chat relay and the report collector. Messages arrive as AES-GCM ciphertext; reports carry labels, buckets and codes — never text, links or images.'),
      summary,
    ),
    list,
  );
  const source = new EventSource('/server-view/events');
  source.addEventListener('entry', (event) => {
    const entry = JSON.parse((event as MessageEvent<string>).data) as ServerEntry;
    const body = parse(entry.body);
    if (entry.server === 'relay' && entry.path === '/relay/messages') counts.envelopes += 1;
    if (entry.server === 'collector' && Array.isArray(body?.['reports'])) counts.reports += (body['reports'] as unknown[]).length;
    summary.textContent = `${counts.envelopes} encrypted message${counts.envelopes === 1 ? '' : 's'} · ${counts.reports} report${counts.reports === 1 ? '' : 's'}`;
    list.prepend(describe(entry));
  });
  return () => source.close();
}
