import { sql, type RawBuilder } from 'kysely'
import type { PersonSummary } from '../../../shared/contract/people'
import type { CallContext, Queries } from '../context'
import type { Dialect } from '../store/dialect'
import { foldForSearch, searchTokens } from '../store/search-keys'
import { displayName } from './people'
import { visibleTo } from '../access'
import { currentUser } from './session-helpers'

/**
 * Finding a person by name or staff number, as you type. Names are compared in their stored,
 * compacted form (store/search-keys.ts), so punctuation and spaces never stand in the way:
 * "obrien", "o'brien" and "o brien" find O'Brien. Matches rank an exact staff number first,
 * then exact surname, surname prefix, a forename (or other word) that starts with what was
 * typed, then any match inside a name; within each rank, by surname and forename.
 */

/** The first string after every string that starts with `prefix`, for an index range. */
function afterPrefix(prefix: string): string {
  return `${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)}`
}

/** Every typed word is shorter than a trigram (three characters): a prefix search. */
const isPrefixSearch = (tokens: string[]) => tokens.every((token) => token.length < 3)

/**
 * Everyone matching every typed word, whoever may see them (the callers check that). The
 * trigram index needs three characters; when every word is shorter, the words together are a
 * prefix of the staff number or the surname ("o b" finds O'Brien), two index ranges.
 */
function matches(dialect: Dialect, tokens: string[]): RawBuilder<boolean> {
  if (isPrefixSearch(tokens)) {
    const prefix = tokens.join('')
    const upper = afterPrefix(prefix)
    return sql<boolean>`((people.staff_number >= ${prefix} AND people.staff_number < ${upper}) OR (people.surname_key >= ${prefix} AND people.surname_key < ${upper}))`
  }
  const inside = tokens.filter((token) => token.length < 3).map((token) => dialect.contains(sql.ref('people.search_key'), token))
  return sql.join([dialect.personKeyHasWords(trigramWords(tokens)), ...inside], sql` AND `)
}

/** The words the trigram index can look up: those of three characters or more. */
function trigramWords(tokens: string[]): string[] {
  return tokens.filter((token) => token.length >= 3)
}

/**
 * The people a page can come from. A prefix search matches thousands for one letter, so it
 * takes only the first `limit` the user may see from each index range, in index order (the
 * best of each), rather than ranking them all.
 */
function candidates(dialect: Dialect, userId: string, tokens: string[], limit: number): RawBuilder<boolean> {
  if (!isPrefixSearch(tokens)) return matches(dialect, tokens)
  const prefix = tokens.join('')
  const upper = afterPrefix(prefix)
  const key = sql.raw(dialect.rowKey)
  const givenName = dialect.caseless(sql.ref('given_name'))
  return sql<boolean>`${sql.ref(`people.${dialect.rowKey}`)} IN (
    SELECT ${key} FROM (SELECT ${key} FROM people WHERE surname_key >= ${prefix} AND surname_key < ${upper} AND ${visibleTo(userId)} ORDER BY surname_key, ${givenName} LIMIT ${limit}) AS by_surname
    UNION SELECT ${key} FROM (SELECT ${key} FROM people WHERE staff_number >= ${prefix} AND staff_number < ${upper} AND ${visibleTo(userId)} ORDER BY staff_number LIMIT ${limit}) AS by_staff_number)`
}

/** 0 staff number, 1 exact surname, 2 surname prefix, 3 a word starts with a typed word, 4 anywhere in a name. */
function rank(dialect: Dialect, query: string, tokens: string[]) {
  const words = [...new Set([tokens.join(''), ...tokens])]
  const anyOf = (each: (word: string) => RawBuilder<boolean>) => sql.join(words.map(each), sql` OR `)
  const exact = anyOf((word) => sql<boolean>`people.surname_key = ${word}`)
  const prefix = anyOf((word) => sql<boolean>`substr(people.surname_key, 1, ${word.length}) = ${word}`)
  const wordStart = anyOf((word) => dialect.contains(sql`' ' || people.search_key`, ` ${word}`))
  return sql<number>`CASE WHEN people.staff_number = ${foldForSearch(query)} THEN 0 WHEN ${exact} THEN 1 WHEN ${prefix} THEN 2 WHEN ${wordStart} THEN 3 ELSE 4 END`
}

/** What a list of people shows of each: the search's results, and the register export's rows. */
export const personListColumns = [
  'people.id',
  'people.staff_number',
  'people.given_name',
  'people.family_name',
  'people.preferred_name',
  'people.department',
  'people.date_of_birth',
  'people.restricted',
  'people.leaving_date',
  'people.role_id'
] as const

/** The best `limit` matches the user may see, best first. */
export function searchQuery({ db, dialect }: Queries, userId: string, query: string, limit: number) {
  const tokens = searchTokens(query)
  const select = db.selectFrom('people').select(personListColumns).where(visibleTo(userId))
  if (tokens.length === 0) return select.where(sql<boolean>`1 = 0`).limit(limit)
  return select
    .where(candidates(dialect, userId, tokens, limit))
    .orderBy(rank(dialect, query, tokens))
    .orderBy('people.surname_key')
    .orderBy(dialect.caseless(sql.ref('people.given_name')))
    .limit(limit)
}

/**
 * How many people the user may see match, in all: every match less the restricted people who
 * do not name the user. Restricted people are few and have their own index, so the count
 * reads index entries only, never a person's row (which took 30 ms for one letter at 50,000
 * people); with every word three characters or more, it is the trigram index's own count.
 */
export function searchCountQuery(dialect: Dialect, userId: string, query: string): RawBuilder<{ n: number }> {
  const tokens = searchTokens(query)
  const key = sql.raw(dialect.rowKey)
  const hidden = sql`SELECT ${key} FROM people WHERE restricted = 1 AND NOT ${visibleTo(userId)}`
  if (tokens.length === 0) return sql<{ n: number }>`SELECT 0 AS n`
  if (tokens.every((token) => token.length >= 3)) return dialect.countPeopleWithWords(tokens, hidden)
  return sql<{
    n: number
  }>`SELECT count(*) AS n FROM people WHERE ${matches(dialect, tokens)} AND ${sql.ref(`people.${dialect.rowKey}`)} NOT IN (${hidden})`
}

export async function searchPeople(call: CallContext, input: { query: string; limit: number }): Promise<PersonSummary[]> {
  const user = currentUser(call)
  if (searchTokens(input.query).length === 0) return []
  const rows = await searchQuery(call, user.id, input.query, input.limit).execute()
  const roleIds = [...new Set(rows.map((r) => r.role_id).filter((r): r is string => r !== null))]
  const roles = roleIds.length ? await call.db.selectFrom('roles').select(['id', 'name']).where('id', 'in', roleIds).execute() : []
  const roleNames = new Map(roles.map((r) => [r.id, r.name]))
  return rows.map((row) => ({
    id: row.id,
    staffNumber: row.staff_number,
    displayName: displayName(row),
    roleName: row.role_id ? (roleNames.get(row.role_id) ?? null) : null,
    department: row.department,
    dateOfBirth: row.date_of_birth,
    restricted: row.restricted === 1,
    leavingDate: row.leaving_date
  }))
}

/** The best matches and how many there are in all, so the window can say "the first 20 of 57". */
export async function findPeople(
  call: CallContext,
  input: { query: string; limit: number }
): Promise<{ rows: PersonSummary[]; total: number }> {
  const rows = await searchPeople(call, input)
  if (rows.length < input.limit) return { rows, total: rows.length }
  const counted = await searchCountQuery(call.dialect, currentUser(call).id, input.query).execute(call.db)
  return { rows, total: Number(counted.rows[0]?.n ?? rows.length) }
}
