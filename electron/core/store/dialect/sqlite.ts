import { sql } from 'kysely'
import type { Dialect } from './dialect'

/** SQLite's way (a standalone store): FTS5 trigram search, NOCASE collation, json_each, rowid. */
export const sqliteDialect: Dialect = {
  engine: 'sqlite',
  caseless: (value) => sql<string>`${value} COLLATE NOCASE`,
  jsonArrayHas: (column, item) => sql<boolean>`EXISTS (SELECT 1 FROM json_each(${sql.ref(column)}) WHERE value = ${item})`,
  insertionOrder: (table) => sql`${sql.ref(`${table}.rowid`)}`,
  rowKey: 'rowid',
  contains: (text, part) => sql<boolean>`instr(${text}, ${part}) > 0`,
  personKeyHasWords: (words) => sql<boolean>`people.rowid IN (SELECT rowid FROM people_search WHERE people_search MATCH ${phrases(words)})`,
  personHiddenByServer: () => null,
  hiddenRowPerson: () => null,
  hiddenLeavers: () => null,
  countPeopleWithWords: (words, hidden) =>
    sql<{ n: number }>`SELECT count(*) AS n FROM people_search WHERE people_search MATCH ${phrases(words)} AND rowid NOT IN (${hidden})`
}

/** The FTS5 query: every word as a phrase (words hold only letters and digits: no escaping). */
function phrases(words: string[]): string {
  return words.map((word) => `"${word}"`).join(' ')
}
