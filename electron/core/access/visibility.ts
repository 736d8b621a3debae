import { sql, type RawBuilder } from 'kysely'

/** Rows a user may see: unrestricted people, and restricted people who name them. */
export function visibleTo(userId: string) {
  return sql<boolean>`(people.restricted = 0 OR EXISTS (SELECT 1 FROM person_access a WHERE a.person_id = people.id AND a.user_id = ${userId}))`
}

/**
 * The same rule from a person's id alone, for queries that need no other column of the person:
 * restricted people are few and indexed on their own (migration 0090), so no person row is read.
 */
export function personVisibleTo(userId: string, personId: RawBuilder<unknown>) {
  return sql<boolean>`(${personId} NOT IN (SELECT id FROM people WHERE restricted = 1) OR EXISTS (SELECT 1 FROM person_access a WHERE a.person_id = ${personId} AND a.user_id = ${userId}))`
}
