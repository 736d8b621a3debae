/**
 * What a migration's PostgreSQL part is given: runs one statement (or, without parameters,
 * several) inside the migration's transaction and returns the rows of the last one.
 */
export type PostgresRun = (statement: string, parameters?: readonly unknown[]) => Promise<Record<string, unknown>[]>

/** A migration step's PostgreSQL part. */
export type PostgresStep = (run: PostgresRun) => Promise<void>

/**
 * Refuses a change with the trigger's first argument as the message: PostgreSQL's form of
 * SQLite's `RAISE(ABORT, …)` in the append-only triggers. Created by the first migration.
 */
export const refuseFunction = `
  CREATE FUNCTION harbour_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
  END $$;`

/** An append-only rule: a trigger refusing `operation` on `table` with `message`. */
export function refuse(table: string, operation: 'UPDATE' | 'DELETE', message: string): string {
  return `CREATE TRIGGER ${table}_no_${operation.toLowerCase()} BEFORE ${operation} ON ${table}
    FOR EACH ROW EXECUTE FUNCTION harbour_refuse('${message.replaceAll("'", "''")}');`
}
