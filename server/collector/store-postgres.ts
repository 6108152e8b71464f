import pg, { type PoolClient } from 'pg';
import type { Report } from '../../src/reports/schema.js';
import type { TelemetryRecord } from '../../src/reports/telemetry.js';
import { flaggedLabels, groupTelemetry, type CollectorStore, type InsertResult, type ReportCell } from './store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS reports (
  seq BIGSERIAL UNIQUE,
  id TEXT PRIMARY KEY,
  received_at BIGINT NOT NULL,
  kind TEXT NOT NULL,
  decision TEXT NOT NULL,
  hour TEXT NOT NULL,
  body JSONB NOT NULL
);
CREATE TABLE IF NOT EXISTS report_labels (
  report_id TEXT NOT NULL REFERENCES reports(id),
  label TEXT NOT NULL,
  PRIMARY KEY (report_id, label)
);
CREATE TABLE IF NOT EXISTS telemetry (
  id TEXT PRIMARY KEY,
  received_at BIGINT NOT NULL,
  versions TEXT NOT NULL,
  epsilon DOUBLE PRECISION NOT NULL,
  cells TEXT NOT NULL
);`;

/**
 * The same store over PostgreSQL, through `pg` (`npm run collector -- --postgres postgres://…`).
 * Each batch is one transaction; `ON CONFLICT (id) DO NOTHING RETURNING id` tells new ids from
 * duplicates, also when two collectors receive the same retried batch at once.
 */
export async function createPostgresStore(connectionString: string): Promise<CollectorStore> {
  const pool = new pg.Pool({ connectionString, max: 8 });
  await pool.query(SCHEMA);

  async function inTransaction(work: (client: PoolClient) => Promise<InsertResult>): Promise<InsertResult> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  return {
    insertReports: (reports: readonly Report[], receivedAt: number) =>
      inTransaction(async (client) => {
        const accepted: string[] = [];
        const duplicates: string[] = [];
        for (const report of reports) {
          const inserted = await client.query(
            `INSERT INTO reports (id, received_at, kind, decision, hour, body) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (id) DO NOTHING RETURNING id`,
            [report.id, receivedAt, report.kind, report.decision ?? 'none', report.hour, JSON.stringify(report)],
          );
          if (inserted.rows.length === 0) {
            duplicates.push(report.id);
            continue;
          }
          accepted.push(report.id);
          for (const label of flaggedLabels(report)) {
            await client.query('INSERT INTO report_labels (report_id, label) VALUES ($1, $2)', [report.id, label]);
          }
        }
        return { accepted, duplicates };
      }),
    insertTelemetry: (records: readonly TelemetryRecord[], receivedAt: number) =>
      inTransaction(async (client) => {
        const accepted: string[] = [];
        const duplicates: string[] = [];
        for (const record of records) {
          const inserted = await client.query(
            `INSERT INTO telemetry (id, received_at, versions, epsilon, cells) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (id) DO NOTHING RETURNING id`,
            [record.id, receivedAt, record.versions, record.epsilon, record.cells],
          );
          (inserted.rows.length === 0 ? duplicates : accepted).push(record.id);
        }
        return { accepted, duplicates };
      }),
    async reportCells() {
      const { rows } = await pool.query<{ kind: string; label: string; decision: string; count: string }>(
        `SELECT r.kind, l.label, r.decision, COUNT(*) AS count
         FROM reports r JOIN report_labels l ON l.report_id = r.id
         GROUP BY r.kind, l.label, r.decision ORDER BY r.kind, l.label, r.decision`,
      );
      return rows.map((row): ReportCell => ({ ...row, count: Number(row.count) }));
    },
    async telemetryGroups() {
      const { rows } = await pool.query<{ versions: string; epsilon: number; cells: string }>('SELECT versions, epsilon, cells FROM telemetry');
      return groupTelemetry(rows);
    },
    async reportIds() {
      const { rows } = await pool.query<{ id: string }>('SELECT id FROM reports ORDER BY seq');
      return rows.map((row) => row.id);
    },
    close: () => pool.end(),
  };
}
