import type { Report } from '../../src/reports/schema.js';
import type { TelemetryRecord } from '../../src/reports/telemetry.js';

/** Which ids a batch added, and which were already stored. */
export interface InsertResult {
  readonly accepted: readonly string[];
  readonly duplicates: readonly string[];
}

/** Reports counted by kind, flagged label (`none` when nothing was flagged) and decision (`none` when null). */
export interface ReportCell {
  readonly kind: string;
  readonly label: string;
  readonly decision: string;
  readonly count: number;
}

/** Telemetry records sharing a model version and ε, with how many had each cell set. */
export interface TelemetryGroup {
  readonly versions: string;
  readonly epsilon: number;
  readonly records: number;
  readonly ones: readonly number[];
}

/**
 * What the collector needs from a database. Inserts are all-or-nothing per batch and idempotent per
 * id: an id already stored is reported as a duplicate and left as it was.
 */
export interface CollectorStore {
  insertReports(reports: readonly Report[], receivedAt: number): Promise<InsertResult>;
  insertTelemetry(records: readonly TelemetryRecord[], receivedAt: number): Promise<InsertResult>;
  reportCells(): Promise<readonly ReportCell[]>;
  telemetryGroups(): Promise<readonly TelemetryGroup[]>;
  /** Stored report ids, oldest first; for operators and tests. */
  reportIds(): Promise<readonly string[]>;
  close(): Promise<void>;
}

/** Sums noisy bit strings per (versions, ε). Shared by the stores, which only hand over rows. */
export function groupTelemetry(rows: Iterable<{ versions: string; epsilon: number; cells: string }>): TelemetryGroup[] {
  const groups = new Map<string, { versions: string; epsilon: number; records: number; ones: number[] }>();
  for (const row of rows) {
    const key = `${row.versions}|${row.epsilon}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { versions: row.versions, epsilon: row.epsilon, records: 0, ones: new Array<number>(row.cells.length).fill(0) }));
    group.records += 1;
    for (let i = 0; i < row.cells.length; i += 1) if (row.cells[i] === '1') group.ones[i] = (group.ones[i] ?? 0) + 1;
  }
  return [...groups.values()];
}

/** The flagged labels a report is counted under; `none` when it has none. */
export function flaggedLabels(report: Report): string[] {
  const labels = report.labels.filter((entry) => entry.flagged).map((entry) => entry.label);
  return labels.length > 0 ? labels : ['none'];
}
