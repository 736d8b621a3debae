import type { SqliteDatabase } from '../open'
import type { PostgresStep } from '../postgres/run'

/**
 * The Referrals worklist reads an index in its own order (issue 13's budget: 100,000 referrals
 * at 50,000 people). Its groups — waiting on the service, in treatment, drafted, then ended —
 * are an expression of the status the page query orders by (services/referrals-worklist.ts,
 * `worklistGroup`), so a page is the first rows of `referrals_worklist` that the caller may see,
 * instead of every open referral joined and sorted. Breached referrals need no group of their
 * own: they are the ones waiting longest, first in the waiting group's `referred_on` order. The
 * index also holds what visibility and "mine" read (person, maker, case), so neither the page's
 * walk nor the count reads the referrals' rows.
 */
export const worklistGroupSql = `CASE WHEN status IN ('sent', 'acknowledged', 'assessed') THEN 1 WHEN status = 'treatment-started' THEN 2 WHEN status = 'drafted' THEN 3 ELSE 4 END`

const indexes = `
  CREATE INDEX referrals_worklist ON referrals ((${worklistGroupSql}), (referred_on IS NULL), referred_on, created_at, id, person_id, created_by, case_id);
`

export function up(db: SqliteDatabase): void {
  db.exec(indexes)
}

export const postgres: PostgresStep = async (run) => {
  await run(indexes)
}
