// The few pg APIs the collector's Postgres store uses (no @types package is installed). Kept narrow on purpose.
declare module 'pg' {
  interface QueryResult<Row> {
    rows: Row[];
    rowCount: number | null;
  }
  interface Queryable {
    query<Row = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<QueryResult<Row>>;
  }
  interface PoolClient extends Queryable {
    release(error?: Error | boolean): void;
  }
  interface PoolConfig {
    connectionString?: string;
    max?: number;
  }
  class Pool implements Queryable {
    constructor(config?: PoolConfig);
    query<Row = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<QueryResult<Row>>;
    connect(): Promise<PoolClient>;
    end(): Promise<void>;
  }
  const pg: { Pool: typeof Pool };
  export default pg;
  export { Pool, PoolClient, QueryResult };
}
