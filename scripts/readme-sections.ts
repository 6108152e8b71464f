// Regenerates the README's generated sections (policy table, …) between their markers.
// Usage: npm run docs   (checks only with --check, for CI)
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LABELS } from '../src/engine/labels.js';
import { DEFAULT_ACTIONS, DEFAULT_THRESHOLDS, PROFILES, TRUST_RELAXED_LABELS } from '../src/engine/policy-table.js';
import { LABEL_EXPLANATIONS } from '../src/engine/explanations.js';
import type { BinaryMetrics } from './text-training/metrics.js';
import type { SliceResult } from './text-training/fixture-slices.js';

const README = new URL('../README.md', import.meta.url);

function policyTable(): string {
  const header = '| label | thresholds child / teen / adult | incoming action child / teen / adult | outgoing action child / teen / adult |';
  const rows = LABELS.map((label) => {
    const thresholds = PROFILES.map((p) => DEFAULT_THRESHOLDS[label][p].toFixed(2)).join(' / ');
    const incoming = PROFILES.map((p) => DEFAULT_ACTIONS.incoming[label][p]).join(' / ');
    const outgoing = PROFILES.map((p) => DEFAULT_ACTIONS.outgoing[label][p]).join(' / ');
    return `| \`${label}\` | ${thresholds} | ${incoming} | ${outgoing} |`;
  });
  const trusted = `Trusted contacts relax the threshold halfway to 1 for: ${TRUST_RELAXED_LABELS.map((l) => `\`${l}\``).join(', ')}.`;
  return [header, '|---|---|---|---|', ...rows, '', trusted].join('\n');
}

function explanationsTable(): string {
  const rows = LABELS.map((label) => `| \`${label}\` | ${LABEL_EXPLANATIONS[label].incoming} | ${LABEL_EXPLANATIONS[label].outgoing} |`);
  return ['| label | shown on an incoming message | shown on an outgoing message |', '|---|---|---|', ...rows].join('\n');
}

interface ManifestSource {
  readonly name: string;
  readonly licence: string;
}
interface ManifestModel {
  readonly id: string;
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly rebuild: string;
  readonly training_data?: readonly ManifestSource[];
  readonly sources?: readonly ManifestSource[];
  readonly source?: ManifestSource;
}

function modelsTable(): string {
  const manifest = JSON.parse(readFileSync(new URL('../models/manifest.json', import.meta.url), 'utf8')) as { models: ManifestModel[] };
  const rows = manifest.models.map((model) => {
    const sources = model.training_data ?? model.sources ?? (model.source ? [model.source] : []);
    const data = sources.map((source) => `${source.name} (${source.licence})`).join('; ');
    const size = `${(model.bytes / 1024).toFixed(0)} KiB`;
    return `| \`${model.id}\` | \`models/${model.path}\` | ${size} | \`${model.sha256.slice(0, 12)}…\` | ${data} | \`${model.rebuild}\` |`;
  });
  return ['| id | file | size | sha256 | data (licence) | rebuilt by |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

type LabelMetrics = Pick<BinaryMetrics, 'positives' | 'negatives' | 'threshold' | 'precision' | 'recall' | 'f1' | 'rocAuc'>;
interface TextEvalReport {
  readonly model: { readonly sha256: string };
  readonly targets: readonly {
    readonly name: string;
    readonly min: number;
    readonly measured: number;
    readonly met: boolean;
    readonly interval95?: { readonly low: number; readonly high: number; readonly resamples: number };
  }[];
  readonly labels: Readonly<Record<string, LabelMetrics>>;
  readonly fixtures: { readonly benign: { readonly total: number; readonly falseAlarms: number } };
  readonly held_out_slices?: readonly SliceResult[];
}

/** The text model's measured targets and per-label metrics, from the report `npm run eval:text` writes. */
function textEvalTables(): string {
  const report = JSON.parse(readFileSync(new URL('../models/reports/text-eval.json', import.meta.url), 'utf8')) as TextEvalReport;
  const f = (value: number) => value.toFixed(4);
  const targets = report.targets.map(
    (t) => `| ${t.name} | ≥ ${t.min} | ${f(t.measured)} | ${t.interval95 ? `${f(t.interval95.low)}–${f(t.interval95.high)}` : '—'} | ${t.met ? 'met' : '**not met**'} |`,
  );
  const labels = Object.entries(report.labels).map(
    ([label, m]) => `| \`${label}\` | ${m.positives} / ${m.negatives} | ${m.threshold.toFixed(3)} | ${m.recall === 0 ? '— (nothing flagged)' : f(m.precision)} | ${f(m.recall)} | ${f(m.f1)} | ${f(m.rocAuc)} |`,
  );
  const benign = report.fixtures.benign;
  return [
    `Model \`${report.model.sha256.slice(0, 12)}…\`, validation split (20% of each data set by hashed id; thresholds calibrated on it).`,
    '',
    '| target | wanted | measured | 95% interval (bootstrap over the validation texts, 1,000 resamples) | |',
    '|---|---|---|---|---|',
    ...targets,
    '',
    '| label | positives / negatives | threshold | precision | recall | F1 | ROC AUC |',
    '|---|---|---|---|---|---|---|',
    ...labels,
    '',
    `Benign and hard-negative fixtures flagged by the model or the patterns: ${benign.falseAlarms}/${benign.total} (${((100 * benign.falseAlarms) / benign.total).toFixed(1)}%).`,
    ...slicesTable(report.held_out_slices ?? []),
  ].join('\n');
}

/** Held-out slices: what the rules caught before anyone tuned on them, and now. */
function slicesTable(slices: readonly SliceResult[]): string[] {
  if (slices.length === 0) return [];
  const run = (c: SliceResult['now']) => `${c.caught}/${c.positives} | ${c.false_alarms}/${c.negatives}`;
  const author = { 'rules-author': 'the rules\' author, before a change', 'blind-helper': 'a helper that never saw the rules' } as const;
  return [
    '',
    'Held-out slices (`test/fixtures/text/slices.json`; a positive counts when any detector scores the slice\'s label ≥ 0.5, a negative when the label reaches 0.5 either way). Only a slice never tuned on measures how the rules generalise:',
    '',
    '| label | slice | written by | first run: caught | false alarms | now: caught | false alarms | tuned on since |',
    '|---|---|---|---|---|---|---|---|',
    ...slices.map((s) => `| \`${s.label}\` | \`${s.positives}\` | ${author[s.author]} | ${run(s.first_run)} | ${run(s.now)} | ${s.tuned_on ? 'yes' : '**no**'} |`),
  ];
}

const SECTIONS: Record<string, () => string> = {
  policy: policyTable,
  explanations: explanationsTable,
  models: modelsTable,
  'text-eval': textEvalTables,
};

function render(readme: string): string {
  let out = readme;
  for (const [name, build] of Object.entries(SECTIONS)) {
    const pattern = new RegExp(`(<!-- generated:${name} -->\\n)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    if (!pattern.test(out)) throw new Error(`README.md has no <!-- generated:${name} --> section`);
    out = out.replace(pattern, `$1<!-- Auto-generated by scripts/readme-sections.ts. Do not edit. -->\n${build()}\n$2`);
  }
  return out;
}

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
const current = readFileSync(README, 'utf8');
const next = render(current);
if (values.check) {
  if (next !== current) {
    console.error('README.md generated sections are stale: run `npm run docs`.');
    process.exit(1);
  }
} else {
  writeFileSync(README, next);
}
