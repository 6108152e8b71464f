import Database from 'better-sqlite3';
import type { Report } from '../../src/reports/schema.js';
import type { TelemetryRecord } from '../../src/reports/telemetry.js';
import { flaggedLabels, groupTelemetry, type CollectorStore, type InsertResult, type ReportCell } from './store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS reports (
  id TEXT PRIMARY KEY,
  received_at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  decision TEXT NOT NULL,
  hour TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS report_labels (
  report_id TEXT NOT NULL REFERENCES reports(id),
  label TEXT NOT NULL,
  PRIMARY KEY (report_id, label)
);
CREATE TABLE IF NOT EXISTS telemetry (
  id TEXT PRIMARY KEY,
  received_at INTEGER NOT NULL,
  versions TEXT NOT NULL,
  epsilon REAL NOT NULL,
  cells TEXT NOT NULL
);`;

/**
 * The collector's default store: one SQLite file through better-sqlite3, in WAL mode with
 * `synchronous = FULL`, so an acknowledged batch survives a crash of the collector or the machine.
 * `path` `':memory:'` keeps everything in memory.
 */
export function createSqliteStore(path: string): CollectorStore {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(SCHEMA);
  const insertReport = db.prepare<[string, number, string, string, string, string]>(
    'INSERT INTO reports (id, received_at, kind, decision, hour, body) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING',
  );
  const insertLabel = db.prepare<[string, string]>('INSERT INTO report_labels (report_id, label) VALUES (?, ?)');
  const insertRecord = db.prepare<[string, number, string, number, string]>(
    'INSERT INTO telemetry (id, received_at, versions, epsilon, cells) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING',
  );

  const reportsTx = db.transaction((reports: readonly Report[], receivedAt: number): InsertResult => {
    const accepted: string[] = [];
    const duplicates: string[] = [];
    for (const report of reports) {
      const { changes } = insertReport.run(report.id, receivedAt, report.kind, report.decision ?? 'none', report.hour, JSON.stringify(report));
      if (changes === 0) {
        duplicates.push(report.id);
        continue;
      }
      accepted.push(report.id);
      for (const label of flaggedLabels(report)) insertLabel.run(report.id, label);
    }
    return { accepted, duplicates };
  });

  const telemetryTx = db.transaction((records: readonly TelemetryRecord[], receivedAt: number): InsertResult => {
    const accepted: string[] = [];
    const duplicates: string[] = [];
    for (const record of records) {
      const { changes } = insertRecord.run(record.id, receivedAt, record.versions, record.epsilon, record.cells);
      (changes === 0 ? duplicates : accepted).push(record.id);
    }
    return { accepted, duplicates };
  });

  return {
    insertReports: async (reports, receivedAt) => reportsTx(reports, receivedAt),
    insertTelemetry: async (records, receivedAt) => telemetryTx(records, receivedAt),
    async reportCells() {
      return db
        .prepare<[], ReportCell>(
          `SELECT r.kind AS kind, l.label AS label, r.decision AS decision, COUNT(*) AS count
           FROM reports r JOIN report_labels l ON l.report_id = r.id
           GROUP BY r.kind, l.label, r.decision ORDER BY r.kind, l.label, r.decision`,
        )
        .all();
    },
    async telemetryGroups() {
      return groupTelemetry(db.prepare<[], { versions: string; epsilon: number; cells: string }>('SELECT versions, epsilon, cells FROM telemetry').all());
    },
    async reportIds() {
      return db.prepare<[], { id: string }>('SELECT id FROM reports ORDER BY rowid').all().map((row) => row.id);
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
