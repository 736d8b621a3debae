import type { RawBuilder } from 'kysely'

/**
 * What the two database engines do differently, in one place (docs/architecture.md, "Dialects").
 * Services build every query with Kysely and take from here only the few expressions SQLite and
 * PostgreSQL write differently; everything else they write is the same on both. One object per
 * engine: `sqliteDialect` for a standalone store, `postgresDialect` for a team server.
 *
 * The same on both engines, so not here: booleans are integer 0/1 columns and JSON is text on
 * both (so rows decode one way); upserts are Kysely's `onConflict`; `count(*) FILTER (WHERE …)`
 * counts rows matching a condition (see `countWhere`); dates are ISO text, worked out in
 * TypeScript from the call's clock and compared as text, which orders the same on both. Only the
 * migrations add months in SQL (a trigger), each in its own engine's part.
 */
export interface Dialect {
  readonly engine: 'sqlite' | 'postgres'
  /** `value` compared and ordered without regard to case (names, departments). */
  caseless(value: RawBuilder<unknown>): RawBuilder<string>
  /** Whether the JSON array kept as text in `column` holds the string `item`. */
  jsonArrayHas(column: string, item: string): RawBuilder<boolean>
  /** A tie-break that puts a table's rows in the order they were written, and never changes. */
  insertionOrder(table: string): RawBuilder<unknown>
  /** The column that names a row for `IN (SELECT …)` lists: SQLite's rowid, PostgreSQL's id. */
  readonly rowKey: 'rowid' | 'id'
  /** Whether `part` occurs in `text`, starting at the first character or later. */
  contains(text: RawBuilder<unknown>, part: string): RawBuilder<boolean>
  /**
   * People whose search key holds every word (each of three characters or more), through the
   * engine's trigram index: SQLite's FTS5 table `people_search`, PostgreSQL's pg_trgm index.
   */
  personKeyHasWords(words: string[]): RawBuilder<boolean>
  /**
   * Whether the server's row-level security hides this person from the caller (restricted to
   * others) rather than there being no such person: null where the app reads every row itself.
   */
  personHiddenByServer(personId: string): RawBuilder<boolean> | null
  /**
   * The person a row of `table` (one holding something about a person) is about, when the row
   * exists but the server hides it from the caller; null where the app reads every row itself.
   */
  hiddenRowPerson(table: string, id: string): RawBuilder<string | null> | null
  /** How many people hold every word (as above), less those `hidden` (a list of row keys). */
  countPeopleWithWords(words: string[], hidden: RawBuilder<unknown>): RawBuilder<{ n: number }>
  /**
   * How many people the server hides from the caller (restricted to others) who left before
   * `leftBefore`, for the retention review: null where the app reads every row itself.
   */
  hiddenLeavers(leftBefore: string): RawBuilder<{ n: number }> | null
}
