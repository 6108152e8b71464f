// The few better-sqlite3 APIs the collector uses (no @types package is installed). Kept narrow on purpose.
declare module 'better-sqlite3' {
  namespace Database {
    interface RunResult {
      changes: number;
      lastInsertRowid: number | bigint;
    }
    interface Statement<Params extends unknown[] = unknown[], Row = unknown> {
      run(...params: Params): RunResult;
      get(...params: Params): Row | undefined;
      all(...params: Params): Row[];
    }
    interface Options {
      readonly?: boolean;
      fileMustExist?: boolean;
      timeout?: number;
    }
  }
  interface Database {
    prepare<Params extends unknown[] = unknown[], Row = unknown>(sql: string): Database.Statement<Params, Row>;
    exec(sql: string): this;
    pragma(source: string): unknown;
    transaction<F extends (...args: never[]) => unknown>(fn: F): F;
    close(): this;
    readonly open: boolean;
  }
  const Database: {
    new (filename?: string, options?: Database.Options): Database;
  };
  export = Database;
}
