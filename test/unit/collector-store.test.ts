// One contract for the collector's stores: SQLite always; PostgreSQL when CHATGUARD_TEST_POSTGRES
// names a database to use (it is emptied first), e.g. postgres://postgres@127.0.0.1:5432/postgres.
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../server/collector/store-sqlite.js';
import { createPostgresStore } from '../../server/collector/store-postgres.js';
import type { CollectorStore } from '../../server/collector/store.js';
import { telemetryRecords } from '../../src/reports/telemetry.js';
import type { Report } from '../../src/reports/schema.js';
import { flaggedVerdict, letterUuids, sampleReport } from '../fixtures/reports/helpers.js';

const postgresUrl = process.env['CHATGUARD_TEST_POSTGRES'];

function storeContract(name: string, open: () => Promise<CollectorStore>): void {
  describe(`${name} store`, () => {
    let store: CollectorStore;
    afterAll(() => store?.close());
    const ids = letterUuids(name.length + 1000);

    it('inserts a batch once, reports duplicates, and counts per kind, flagged label and decision', async () => {
      store = await open();
      const scam = { labels: [{ label: 'scam', bucket: 'high', flagged: true }, { label: 'pii', bucket: 'medium', flagged: false }] };
      const batch = (await Promise.all([
        sampleReport({ id: ids(), ...scam }),
        sampleReport({ id: ids(), ...scam, kind: 'user_report', decision: 'reported' }),
        sampleReport({ id: ids(), labels: [], kind: 'user_block', decision: 'blocked' }),
      ])) as unknown as Report[];
      expect(await store.insertReports(batch, 1)).toEqual({ accepted: batch.map((r) => r.id), duplicates: [] });
      expect(await store.insertReports([batch[0]!, batch[0]!], 2)).toEqual({ accepted: [], duplicates: [batch[0]!.id, batch[0]!.id] });
      expect(await store.reportIds()).toEqual(batch.map((r) => r.id));
      expect(await store.reportCells()).toEqual([
        { kind: 'signal', label: 'scam', decision: 'none', count: 1 },
        { kind: 'user_block', label: 'none', decision: 'blocked', count: 1 },
        { kind: 'user_report', label: 'scam', decision: 'reported', count: 1 },
      ]);
    });

    it('groups telemetry by model version and ε, deduplicated by id', async () => {
      const verdict = await flaggedVerdict();
      const records = telemetryRecords(verdict, 'blocked', { randomUUID: ids });
      expect((await store.insertTelemetry(records, 1)).accepted).toHaveLength(2);
      expect((await store.insertTelemetry(records, 2)).duplicates).toHaveLength(2);
      const [group] = await store.telemetryGroups();
      expect(group).toMatchObject({ versions: 'goodbyes@1,insults@1,prizes@1', records: 2 });
      expect(group!.ones.reduce((a, b) => a + b, 0)).toBe([...records[0]!.cells, ...records[1]!.cells].filter((c) => c === '1').length);
    });
  });
}

storeContract('sqlite', async () => createSqliteStore(':memory:'));

describe.skipIf(!postgresUrl)('postgres (CHATGUARD_TEST_POSTGRES)', () => {
  storeContract('postgres', async () => {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: postgresUrl! });
    await pool.query('DROP TABLE IF EXISTS report_labels, reports, telemetry');
    await pool.end();
    return createPostgresStore(postgresUrl!);
  });
});
