import { estimateTelemetry } from '../../src/reports/telemetry.js';
import type { CollectorStore } from './store.js';

/**
 * Counts for analysts, never rows: report counts per (kind, flagged label, decision) cell and LDP
 * estimates per (model version, ε) group, each only where at least `k` reports or records stand
 * behind it. Smaller cells are left out and only their number is given.
 */
export async function aggregates(store: CollectorStore, k: number) {
  const cells = await store.reportCells();
  const shown = cells.filter((cell) => cell.count >= k);
  const groups = await store.telemetryGroups();
  const estimated = groups.filter((group) => group.records >= k);
  return {
    k,
    reports: { cells: shown, suppressedCells: cells.length - shown.length },
    telemetry: {
      groups: estimated.map((group) => ({
        versions: group.versions,
        epsilon: group.epsilon,
        records: group.records,
        labels: estimateTelemetry(group).map((estimate) => ({
          ...estimate,
          shown: round(estimate.shown),
          overridden: round(estimate.overridden),
          acted: round(estimate.acted),
          stderr: { shown: round(estimate.stderr.shown), overridden: round(estimate.stderr.overridden), acted: round(estimate.stderr.acted) },
        })),
      })),
      suppressedGroups: groups.length - estimated.length,
    },
  };
}

const round = (value: number): number => Math.round(value * 10) / 10;
