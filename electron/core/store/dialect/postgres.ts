import { sql } from 'kysely'
import type { Dialect } from './dialect'

/**
 * PostgreSQL's way (a team server): the pg_trgm index on people.search_key answers LIKE
 * '%word%', lower() stands for NOCASE (names are indexed lower-cased, migration 0090), JSON text
 * is cast to jsonb, and a table's rows are ordered by when they were written, then id.
 */
export const postgresDialect: Dialect = {
  engine: 'postgres',
  caseless: (value) => sql<string>`lower(${value})`,
  jsonArrayHas: (column, item) => sql<boolean>`(${sql.ref(column)}::jsonb ? ${item})`,
  insertionOrder: (table) => sql`${sql.ref(`${table}.created_at`)}, ${sql.ref(`${table}.id`)}`,
  rowKey: 'id',
  contains: (text, part) => sql<boolean>`strpos(${text}, ${part}) > 0`,
  personKeyHasWords: (words) => sql<boolean>`(${sql.join(words.map(like), sql` AND `)})`,
  // A definer function (team-security.ts): it sees the row the caller's own rules hide.
  personHiddenByServer: (personId) => sql<boolean>`harbour_person_hidden(${personId})`,
  hiddenRowPerson: (table, id) => sql<string | null>`harbour_hidden_row_person(${table}, ${id})`,
  hiddenLeavers: (leftBefore) => sql<{ n: number }>`SELECT harbour_hidden_leavers(${leftBefore}) AS n`,
  countPeopleWithWords: (words, hidden) =>
    sql<{ n: number }>`SELECT count(*)::int AS n FROM people WHERE ${sql.join(words.map(like), sql` AND `)} AND id NOT IN (${hidden})`
}

/** Search keys hold only lower-case letters, digits and spaces, so a word needs no escaping. */
function like(word: string) {
  return sql<boolean>`people.search_key LIKE ${`%${word}%`}`
}
