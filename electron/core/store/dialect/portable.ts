import { sql, type RawBuilder } from 'kysely'

/**
 * How many rows of the group meet `condition`: the same SQL on both engines (SQLite 3.30+ and
 * PostgreSQL both read FILTER), unlike summing a comparison, which only SQLite allows.
 */
export function countWhere(condition: RawBuilder<boolean>): RawBuilder<number> {
  return sql<number>`count(*) FILTER (WHERE ${condition})`
}
