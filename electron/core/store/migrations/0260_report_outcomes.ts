import type { SqliteDatabase } from '../open'
import type { PostgresStep } from '../postgres/run'

/**
 * The outcome rates report (services/reports-outcomes.ts) reads these two views and nothing
 * else, like every other report (migration 0240): completed referrals with their dates and the
 * person's groups, and the PHQ-9 and GAD-7 totals of current, complete screenings, by date. No
 * names, staff numbers, reasons, answers or free text; the referral's and the person's ids only
 * as opaque keys, so that each referral is classified once from its own person's scores. The
 * rows never leave the core: the report sends suppressed counts only.
 */
const views = `
  CREATE VIEW report_completed_referrals AS
    SELECT x.id AS referral_id, x.person_id AS person_id, x.referred_on AS referred_on,
      x.treatment_started_on AS treatment_started_on, x.ended_on AS completed_on,
      p.employment_type AS employment_type, p.department AS department, r.name AS role_name
    FROM referrals x JOIN people p ON p.id = x.person_id LEFT JOIN roles r ON r.id = p.role_id
    WHERE x.status = 'completed' AND x.referred_on IS NOT NULL AND x.ended_on IS NOT NULL;

  CREATE VIEW report_outcome_scores AS
    SELECT s.person_id AS person_id, s.sitting_date AS sitting_date, t.instrument_id AS measure, t.total AS total
    FROM screenings s JOIN screening_results t ON t.screening_id = s.id
    WHERE s.superseded_by_id IS NULL AND t.complete = 1 AND t.total IS NOT NULL AND t.instrument_id IN ('phq9', 'gad7');

  CREATE INDEX referrals_completed ON referrals (status, ended_on);
`

export function up(db: SqliteDatabase): void {
  db.exec(views)
}

export const postgres: PostgresStep = async (run) => {
  await run(views)
}
