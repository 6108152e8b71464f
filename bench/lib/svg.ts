/**
 * The results chart, `bench/results/latest.svg`, written by hand: p50 bars with a p95 whisker on
 * a log scale for the headline rows of each environment, then the targets.
 */
import { BUCKET_LABELS } from './inputs.js';
import { COLD_VERDICT, findResult, TYPICAL_INCOMING, type BenchFile } from './report.js';
import { BACKENDS, type Env, type Result } from './results.js';
import { sig } from './stats.js';

const COLOURS: Readonly<Record<string, string>> = {
  node: '#2b6cb0',
  'node-worker': '#805ad5',
  'chromium-worker': '#dd6b20',
  peer: '#718096',
};

interface Row {
  readonly label: string;
  readonly result: Result | undefined;
  readonly colour: string;
  /** Plot `cold_ms` instead of p50 (cold starts). */
  readonly cold?: boolean;
  /** A target on this row, drawn as a dashed mark: the limit in ms and what it bounds. */
  readonly limit?: { readonly ms: number; readonly of: string };
}

interface Group {
  readonly title: string;
  readonly rows: readonly Row[];
}

const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function groups(file: BenchFile): Group[] {
  const r = file.results;
  const row = (label: string, name: string, env: Env, backend: string = BACKENDS.ortWeb1, colour = COLOURS[env] as string, cold = false): Row => ({
    label,
    result: findResult(r, name, env, backend),
    colour,
    cold,
  });
  const withLimit = (base: Row, ms: number, of: string): Row => ({ ...base, limit: { ms, of } });
  return [
    {
      title: 'Whole checkIncoming, typical message (≈100 chars, 1 link)',
      rows: [
        withLimit(row('Node, in-process', TYPICAL_INCOMING, 'node'), 0.3, 'p50'),
        row('Node, through the worker', TYPICAL_INCOMING, 'node-worker'),
        withLimit(row('Chromium worker, 1 thread', TYPICAL_INCOMING, 'chromium-worker'), 2, 'p95'),
        row('Chromium worker, 2 threads', TYPICAL_INCOMING, 'chromium-worker', BACKENDS.ortWeb2),
      ],
    },
    {
      title: 'Each model on its own',
      rows: [
        row('text-linear score, typical (Node)', `text-linear score ${BUCKET_LABELS.typical}`, 'node'),
        row('text-linear score, typical (Chromium)', `text-linear score ${BUCKET_LABELS.typical}`, 'chromium-worker'),
        row('url checkUrl (Node)', 'url checkUrl (blocklist + heuristics + url-linear)', 'node'),
        row('blocklist lookup (Node)', 'url blocklist lookup (canonicalise + every expression)', 'node', BACKENDS.js),
        row('nsfw int8, 224×224 (Node)', 'nsfw-mobilenet-v2-int8 scoreImage 224×224', 'node'),
        row('nsfw int8, 224×224 (Chromium)', 'nsfw-mobilenet-v2-int8 scoreImage 224×224', 'chromium-worker'),
      ],
    },
    {
      title: 'Image path vs nsfwjs (224×224, Node, 1 thread)',
      rows: [
        row('ChatGuard ONNX int8', 'image path 224×224: ChatGuard int8 scoreImage (RGBA → classes)', 'node'),
        row('nsfwjs on tfjs (cpu)', 'image path 224×224: nsfwjs classify (RGBA → classes)', 'node', BACKENDS.tfjsCpu, COLOURS['peer']),
      ],
    },
    {
      title: 'onnxruntime-web vs onnxruntime-node (session.run, Node)',
      rows: [
        row('nsfw int8, ort-web wasm', 'nsfw-mobilenet-v2-int8 session.run', 'node'),
        row('nsfw int8, ort-node cpu', 'nsfw-mobilenet-v2-int8 session.run', 'node', BACKENDS.ortNode1, COLOURS['peer']),
        row('text-linear, ort-web wasm', 'text-linear session.run', 'node'),
        row('text-linear, ort-node cpu', 'text-linear session.run', 'node', BACKENDS.ortNode1, COLOURS['peer']),
      ],
    },
    {
      title: 'Cold start to first verdict (median of fresh starts)',
      rows: [
        row('Node, in-process', COLD_VERDICT, 'node', BACKENDS.ortWeb1, COLOURS['node'], true),
        withLimit(row('Node, worker', COLD_VERDICT, 'node-worker', BACKENDS.ortWeb1, COLOURS['node-worker'], true), 300, 'cold'),
        withLimit(row('Chromium, 1 thread', COLD_VERDICT, 'chromium-worker', BACKENDS.ortWeb1, COLOURS['chromium-worker'], true), 1000, 'cold'),
        row('Chromium, 2 threads', COLD_VERDICT, 'chromium-worker', BACKENDS.ortWeb2, COLOURS['chromium-worker'], true),
      ],
    },
  ];
}

/** Renders the chart. */
export function renderSvg(file: BenchFile): string {
  const width = 980;
  const left = 300;
  const plot = 560;
  const rowHeight = 20;
  const min = -2; // 0.01 ms
  const max = 4; // 10 s
  const x = (value: number) => left + ((Math.log10(Math.min(Math.max(value, 10 ** min), 10 ** max)) - min) / (max - min)) * plot;
  const parts: string[] = [];
  let y = 30;
  parts.push(`<text x="20" y="${y}" font-size="18" font-weight="bold">ChatGuard benchmark (npm run bench)</text>`);
  y += 20;
  const m = file.machine;
  parts.push(`<text x="20" y="${y}" font-size="11" fill="#4a5568">${escape(`${m.cpu}, ${m.cores} cores, ${m.memory_gb} GB; Node ${m.node}; ${m.chromium}`)}</text>`);
  y += 15;
  parts.push(
    `<text x="20" y="${y}" font-size="11" fill="#4a5568">${escape(`onnxruntime-web ${m.versions['onnxruntime-web'] ?? '?'}; load average at start ${m.load_average_at_start.join(' / ')} (shared machine); ${m.started_at.slice(0, 16).replace('T', ' ')} UTC; ${file.run.command}, ${Math.round(file.run.duration_s)} s`)}</text>`,
  );
  y += 30;
  const axisTop = y;
  for (const group of groups(file)) {
    parts.push(`<text x="20" y="${y + 12}" font-size="13" font-weight="bold">${escape(group.title)}</text>`);
    y += rowHeight;
    for (const row of group.rows) {
      const value = row.cold ? row.result?.cold_ms : row.result?.p50_ms;
      parts.push(`<text x="${left - 8}" y="${y + 13}" font-size="11" text-anchor="end">${escape(row.label)}</text>`);
      if (value === undefined || !Number.isFinite(value)) {
        parts.push(`<text x="${left + 4}" y="${y + 13}" font-size="11" fill="#a0aec0">not measured</text>`);
      } else {
        parts.push(`<rect x="${left}" y="${y + 3}" width="${(x(value) - left).toFixed(1)}" height="12" fill="${row.colour}" rx="2"/>`);
        const p95 = row.result?.p95_ms;
        if (!row.cold && p95 !== undefined && p95 > value) {
          parts.push(`<line x1="${x(value).toFixed(1)}" y1="${y + 9}" x2="${x(p95).toFixed(1)}" y2="${y + 9}" stroke="${row.colour}" stroke-width="1.5"/>`);
          parts.push(`<line x1="${x(p95).toFixed(1)}" y1="${y + 5}" x2="${x(p95).toFixed(1)}" y2="${y + 13}" stroke="${row.colour}" stroke-width="1.5"/>`);
        }
        const target = row.limit ? ` (target: ${row.limit.of === 'cold' ? '' : `${row.limit.of} `}≤ ${row.limit.ms} ms)` : '';
        const label = `${row.cold ? `${sig(value, 3)} ms` : `p50 ${sig(value, 3)} ms${p95 !== undefined ? `, p95 ${sig(p95, 3)}` : ''}`}${target}`;
        const textX = Math.max(x(value), x(p95 ?? value), row.limit ? x(row.limit.ms) : 0) + 6;
        parts.push(`<text x="${textX.toFixed(1)}" y="${y + 13}" font-size="10" fill="#2d3748">${escape(label)}</text>`);
      }
      if (row.limit) {
        const lx = x(row.limit.ms).toFixed(1);
        parts.push(`<line x1="${lx}" y1="${y}" x2="${lx}" y2="${y + 18}" stroke="#c53030" stroke-width="1.5" stroke-dasharray="3,2"/>`);
      }
      y += rowHeight;
    }
    y += 8;
  }
  const axisBottom = y;
  const grid: string[] = [];
  for (let e = min; e <= max; e++) {
    const gx = x(10 ** e);
    grid.push(`<line x1="${gx}" y1="${axisTop}" x2="${gx}" y2="${axisBottom}" stroke="#e2e8f0"/>`);
    grid.push(`<text x="${gx}" y="${axisBottom + 14}" font-size="10" text-anchor="middle" fill="#4a5568">${10 ** e >= 1 ? `${10 ** e} ms` : `${10 ** e} ms`}</text>`);
  }
  y = axisBottom + 40;
  parts.push(`<text x="20" y="${y}" font-size="13" font-weight="bold">Targets</text>`);
  y += 8;
  for (const target of file.targets) {
    y += 18;
    const mark = target.met === null ? ['n/a', '#a0aec0'] : target.met ? ['met', '#2f855a'] : ['not met', '#c53030'];
    parts.push(`<text x="20" y="${y}" font-size="11" font-weight="bold" fill="${mark[1]}">${mark[0]}</text>`);
    parts.push(`<text x="80" y="${y}" font-size="11">${escape(target.target)}</text>`);
    y += 14;
    parts.push(`<text x="80" y="${y}" font-size="11" fill="#4a5568">${escape(`measured: ${target.measured}`)}</text>`);
  }
  y += 30;
  const legend = [
    ['node', 'Node in-process'],
    ['node-worker', 'Node worker_threads'],
    ['chromium-worker', 'Chromium module worker'],
    ['peer', 'reference / peer'],
  ];
  legend.forEach(([key, label], i) => {
    parts.push(`<rect x="${20 + i * 200}" y="${y - 10}" width="12" height="12" fill="${COLOURS[key as string]}"/>`);
    parts.push(`<text x="${38 + i * 200}" y="${y}" font-size="11">${escape(label as string)}</text>`);
  });
  parts.push(`<text x="20" y="${y + 20}" font-size="10" fill="#718096">Bars: p50 (cold starts: median of fresh starts); whiskers: p95; red dashes: the issue's targets. Log scale. Generated by bench/run.ts from bench/results/latest.json.</text>`);
  const height = y + 36;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...grid,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
