import type { SqliteDatabase } from '../open'
import type { PostgresStep } from '../postgres/run'

/**
 * Governance reports (services/reports) read these views and nothing else. Each holds only what
 * a report counts: dates, bands, categories, and the three things a report groups by (the
 * person's role, department and employment type). No names, staff numbers, free text or reasons'
 * words. On a team server the views belong to the schema's owner, so they count every person,
 * restricted people included, as on a standalone store; administrators and the reporting role
 * may read them (team-security.ts), never the tables beneath. A person's id is kept only as an
 * opaque key, so that a person is counted once.
 *
 * The one thing the engines write differently is the days from referral to treatment.
 */
const group = `p.employment_type AS employment_type, p.department AS department, r.name AS role_name`
const people = `JOIN people p ON p.id = x.person_id LEFT JOIN roles r ON r.id = p.role_id`

const views = (daysBetween: (from: string, to: string) => string) => `
  CREATE VIEW report_people AS
    SELECT p.id AS person_id, p.next_screening_due AS next_screening_due, p.start_date AS start_date, p.leaving_date AS leaving_date,
      p.employment_type AS employment_type, p.department AS department, r.name AS role_name
    FROM people p LEFT JOIN roles r ON r.id = p.role_id;

  CREATE VIEW report_screenings AS
    SELECT x.id AS screening_id, x.person_id AS person_id, x.sitting_date AS sitting_date, x.rag AS rag, x.complete AS complete, ${group}
    FROM screenings x ${people} WHERE x.superseded_by_id IS NULL;

  CREATE VIEW report_exposures AS
    SELECT x.occurred_on AS occurred_on, x.incident_id AS incident_id, c.id AS category_id, c.name AS category_name, c.sort_order AS category_order, ${group}
    FROM exposures x JOIN incidents i ON i.id = x.incident_id JOIN incident_categories c ON c.id = i.category_id ${people};

  CREATE VIEW report_referrals AS
    SELECT x.referred_on AS referred_on, x.treatment_started_on AS treatment_started_on,
      ${daysBetween('x.referred_on', 'x.treatment_started_on')} AS days_to_treatment,
      d.id AS destination_id, d.name AS destination_name, d.sort_order AS destination_order, ${group}
    FROM referrals x JOIN referral_destinations d ON d.id = x.destination_id ${people} WHERE x.referred_on IS NOT NULL;

  CREATE VIEW report_cases AS
    SELECT x.reason AS reason, x.opened_on AS opened_on, x.closed_on AS closed_on, x.assigned_clinician_id AS clinician_id, ${group}
    FROM cases x ${people};

  CREATE VIEW report_bereavement AS
    SELECT x.person_id AS person_id, x.status AS status, x.happened_on AS happened_on, ${group}
    FROM bereavement_counselling x ${people};

  CREATE VIEW report_signposting AS
    SELECT x.signposted_on AS signposted_on, s.id AS resource_id, s.name AS resource_name, s.sort_order AS resource_order, ${group}
    FROM signposting_records x JOIN support_resources s ON s.id = x.resource_id ${people};

  CREATE VIEW report_trim AS
    SELECT i.occurred_on AS occurred_on, a.assessed_on AS initial_on, f.assessed_on AS follow_up_on,
      ${daysBetween('i.occurred_on', 'a.assessed_on')} AS days_to_initial,
      ${daysBetween('i.occurred_on', 'f.assessed_on')} AS days_to_follow_up, ${group}
    FROM trim_offers x JOIN incidents i ON i.id = x.incident_id
      LEFT JOIN trim_assessments a ON a.offer_id = x.id AND a.kind = 'initial'
      LEFT JOIN trim_assessments f ON f.offer_id = x.id AND f.kind = 'follow-up' ${people};

  CREATE INDEX screenings_sitting ON screenings (sitting_date);
  CREATE INDEX trim_offers_incident ON trim_offers (incident_id);
  CREATE INDEX exposures_occurred ON exposures (occurred_on);
  CREATE INDEX referrals_referred ON referrals (referred_on);
  CREATE INDEX cases_opened ON cases (opened_on);
  CREATE INDEX cases_closed ON cases (closed_on);
  CREATE INDEX bereavement_counselling_happened ON bereavement_counselling (happened_on);
  CREATE INDEX signposting_records_signposted ON signposting_records (signposted_on);
`

export function up(db: SqliteDatabase): void {
  db.exec(views((from, to) => `CAST(julianday(${to}) - julianday(${from}) AS INTEGER)`))
}

export const postgres: PostgresStep = async (run) => {
  await run(views((from, to) => `(${to}::date - ${from}::date)`))
}
