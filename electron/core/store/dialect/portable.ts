import { sql, type RawBuilder } from 'kysely'

/**
 * How many rows of the group meet `condition`: the same SQL on both engines (SQLite 3.30+ and
 * PostgreSQL both read FILTER), unlike summing a comparison, which only SQLite allows.
 */
export function countWhere(condition: RawBuilder<boolean>): RawBuilder<number> {
  return sql<number>`count(*) FILTER (WHERE ${condition})`
}

/**
 * Whether a write was refused by a primary key or unique index, on either engine: SQLite's
 * driver says SQLITE_CONSTRAINT_UNIQUE (or _PRIMARYKEY), PostgreSQL's SQLSTATE is 23505.
 * Services turn it into a conflict in the user's words rather than "Something went wrong".
 */
export function isDuplicateKey(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505'
}
