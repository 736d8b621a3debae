import { randomUUID } from 'node:crypto'
import type { SqliteDatabase } from '../open'
import type { PostgresStep } from '../postgres/run'
import { nextDueOnPostgres } from './0040_screening_due'

/**
 * Screening results that cannot slip through.
 * - A sitting records why it is red/amber in words, whether a safety question went
 *   unanswered (risk not assessed) and whether every questionnaire was completed; each result
 *   records why a safety question has no answer.
 * - Alerts name their questionnaire, item and answer, and keep who took the action, when,
 *   and any follow-up date with its task, which closes only with an outcome.
 * - Follow-ups: what a red (or unassessed-risk) result led to — a review by the case
 *   clinician, or a decision for the team when there is no open case — and what was decided.
 * - Only complete sittings reset the recall clock: an incomplete one leaves the person due.
 * Existing stores: incomplete green sittings become amber (they never count as green), and
 * each person whose latest sitting is red or unassessed gets a follow-up, so no existing
 * result is left reaching no one.
 */

// The safety questions at the time of this migration (PHQ-9 item 9, CORE-10 item 6).
const criticalItems: [string, number][] = [
  ['phq9', 9],
  ['core10', 6]
]

const unansweredCritical = criticalItems
  .map(
    ([instrument, item]) =>
      `(r.instrument_id = '${instrument}' AND r.answers IS NOT NULL AND json_extract(r.answers, '$[${item - 1}]') IS NULL)`
  )
  .join(' OR ')

/** Next due date from the last complete current sitting (see 0040 for the rest of the rule). */
const nextDue = (person: string) => `(
  SELECT CASE WHEN r.screening_interval_months IS NULL THEN NULL ELSE coalesce(
    date((SELECT max(s.sitting_date) FROM screenings s WHERE s.person_id = ${person} AND s.superseded_by_id IS NULL AND s.complete = 1), '+' || r.screening_interval_months || ' months'),
    '0001-01-01') END
  FROM roles r WHERE r.id = (SELECT role_id FROM people WHERE id = ${person}))`

export function up(db: SqliteDatabase): void {
  db.exec(`
    ALTER TABLE screenings ADD COLUMN rag_reason TEXT;
    ALTER TABLE screenings ADD COLUMN risk_not_assessed INTEGER NOT NULL DEFAULT 0 CHECK (risk_not_assessed IN (0, 1));
    ALTER TABLE screenings ADD COLUMN complete INTEGER NOT NULL DEFAULT 1 CHECK (complete IN (0, 1));
    ALTER TABLE screening_results ADD COLUMN critical_not_answered TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(critical_not_answered));

    ALTER TABLE alerts ADD COLUMN instrument_id TEXT;
    ALTER TABLE alerts ADD COLUMN item INTEGER;
    ALTER TABLE alerts ADD COLUMN answer INTEGER;
    ALTER TABLE alerts ADD COLUMN action_taken_by TEXT REFERENCES users (id);
    ALTER TABLE alerts ADD COLUMN action_taken_at TEXT;
    ALTER TABLE alerts ADD COLUMN follow_up_date TEXT;
    ALTER TABLE alerts ADD COLUMN follow_up_task_id TEXT REFERENCES tasks (id);
    -- What happened, for tasks that close only with an outcome written down (a safety alert's follow-up).
    ALTER TABLE tasks ADD COLUMN outcome TEXT;

    CREATE TABLE screening_follow_ups (
      id TEXT PRIMARY KEY,
      screening_id TEXT NOT NULL REFERENCES screenings (id),
      person_id TEXT NOT NULL REFERENCES people (id),
      reason TEXT NOT NULL CHECK (reason IN ('red', 'risk-not-assessed', 'amber')),
      route TEXT NOT NULL CHECK (route IN ('case-review', 'team-decision')),
      case_id TEXT REFERENCES cases (id),
      task_id TEXT REFERENCES tasks (id),
      status TEXT NOT NULL CHECK (status IN ('open', 'decided')),
      decision TEXT CHECK (decision IN ('case-opened', 'no-case', 'reviewed')),
      decision_note TEXT,
      decided_by TEXT REFERENCES users (id),
      decided_at TEXT,
      created_at TEXT NOT NULL,
      CHECK ((status = 'open') = (decision IS NULL))
    ) STRICT;
    CREATE INDEX screening_follow_ups_open ON screening_follow_ups (status, route, created_at);
    CREATE INDEX screening_follow_ups_person ON screening_follow_ups (person_id, status);

    UPDATE screenings SET
      complete = coalesce((SELECT min(r.complete) FROM screening_results r WHERE r.screening_id = screenings.id), 1),
      risk_not_assessed = EXISTS (SELECT 1 FROM screening_results r WHERE r.screening_id = screenings.id AND (${unansweredCritical}));
    UPDATE screenings SET rag = 'amber',
      rag_rule = CASE WHEN risk_not_assessed = 1 THEN 'risk-not-assessed: A safety question was not answered, so risk was not assessed'
        ELSE 'incomplete: A questionnaire was not completed, so it cannot count as below its cut-off' END
      WHERE rag = 'green' AND (complete = 0 OR risk_not_assessed = 1);

    UPDATE alerts SET
      instrument_id = substr(code, 1, instr(code, ':') - 1),
      item = CAST(substr(code, instr(code, ':item-') + 6) AS INTEGER)
      WHERE code LIKE '%:item-%';
    UPDATE alerts SET answer = (SELECT json_extract(r.answers, '$[' || (alerts.item - 1) || ']') FROM screening_results r
      WHERE r.screening_id = alerts.screening_id AND r.instrument_id = alerts.instrument_id)
      WHERE item IS NOT NULL;

    DROP TRIGGER screening_due_after_sitting;
    DROP TRIGGER screening_due_after_correction;
    DROP TRIGGER screening_due_after_person;
    DROP TRIGGER screening_due_after_role_change;
    DROP TRIGGER screening_due_after_interval_change;
    CREATE TRIGGER screening_due_after_sitting AFTER INSERT ON screenings BEGIN
      UPDATE people SET next_screening_due = ${nextDue('NEW.person_id')} WHERE id = NEW.person_id;
    END;
    CREATE TRIGGER screening_due_after_correction AFTER UPDATE OF superseded_by_id ON screenings BEGIN
      UPDATE people SET next_screening_due = ${nextDue('NEW.person_id')} WHERE id = NEW.person_id;
    END;
    CREATE TRIGGER screening_due_after_person AFTER INSERT ON people BEGIN
      UPDATE people SET next_screening_due = ${nextDue('NEW.id')} WHERE id = NEW.id;
    END;
    CREATE TRIGGER screening_due_after_role_change AFTER UPDATE OF role_id ON people BEGIN
      UPDATE people SET next_screening_due = ${nextDue('NEW.id')} WHERE id = NEW.id;
    END;
    CREATE TRIGGER screening_due_after_interval_change AFTER UPDATE OF screening_interval_months ON roles BEGIN
      UPDATE people SET next_screening_due = ${nextDue('people.id')} WHERE role_id = NEW.id;
    END;
    UPDATE people SET next_screening_due = ${nextDue('people.id')} WHERE next_screening_due IS NOT NULL;
  `)
  backfillFollowUps(db)
}

/** Each person whose latest current sitting is red or left risk unassessed gets a follow-up. */
function backfillFollowUps(db: SqliteDatabase): void {
  const latest = db
    .prepare(
      `SELECT s.id, s.person_id, s.rag, s.risk_not_assessed, s.created_at,
         (SELECT c.id FROM cases c WHERE c.person_id = s.person_id AND c.status <> 'closed' ORDER BY c.opened_on DESC LIMIT 1) AS case_id,
         (SELECT c.assigned_clinician_id FROM cases c WHERE c.person_id = s.person_id AND c.status <> 'closed' ORDER BY c.opened_on DESC LIMIT 1) AS clinician_id
       FROM screenings s
       WHERE s.superseded_by_id IS NULL AND (s.rag = 'red' OR s.risk_not_assessed = 1)
         AND s.sitting_date = (SELECT max(x.sitting_date) FROM screenings x WHERE x.person_id = s.person_id AND x.superseded_by_id IS NULL)`
    )
    .all() as {
    id: string
    person_id: string
    rag: string
    risk_not_assessed: number
    created_at: string
    case_id: string | null
    clinician_id: string | null
  }[]
  const insertTask = db.prepare(
    `INSERT INTO tasks (id, title, due_date, assignee_id, person_id, case_id, source, status, created_at, priority)
     VALUES (?, ?, date(?), ?, ?, ?, 'rule:screening-review', 'open', ?, 'top')`
  )
  const insertFollowUp = db.prepare(
    `INSERT INTO screening_follow_ups (id, screening_id, person_id, reason, route, case_id, task_id, status, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?)`
  )
  const seen = new Set<string>()
  for (const sitting of latest) {
    if (seen.has(sitting.person_id)) continue
    seen.add(sitting.person_id)
    const reason = sitting.rag === 'red' ? 'red' : 'risk-not-assessed'
    let taskId: string | null = null
    if (sitting.case_id && sitting.clinician_id) {
      taskId = randomUUID()
      insertTask.run(
        taskId,
        reason === 'red' ? 'Review a red screening result' : 'Assess risk: a safety question was not answered',
        sitting.created_at,
        sitting.clinician_id,
        sitting.person_id,
        sitting.case_id,
        sitting.created_at
      )
    }
    insertFollowUp.run(
      randomUUID(),
      sitting.id,
      sitting.person_id,
      reason,
      taskId ? 'case-review' : 'team-decision',
      sitting.case_id,
      taskId,
      sitting.created_at
    )
  }
}

/** PostgreSQL's `json_extract(answers, '$[i]') IS NULL`: the answer is missing or JSON null. */
const unansweredCriticalOnPostgres = criticalItems
  .map(
    ([instrument, item]) => `(r.instrument_id = '${instrument}' AND r.answers IS NOT NULL AND (r.answers::jsonb ->> ${item - 1}) IS NULL)`
  )
  .join(' OR ')

/** On PostgreSQL: the same columns, backfills and follow-ups; only complete sittings reset the recall clock. */
export const postgres: PostgresStep = async (run) => {
  await run(`
    ALTER TABLE screenings ADD COLUMN rag_reason text;
    ALTER TABLE screenings ADD COLUMN risk_not_assessed integer NOT NULL DEFAULT 0 CHECK (risk_not_assessed IN (0, 1));
    ALTER TABLE screenings ADD COLUMN complete integer NOT NULL DEFAULT 1 CHECK (complete IN (0, 1));
    ALTER TABLE screening_results ADD COLUMN critical_not_answered text NOT NULL DEFAULT '[]' CHECK (critical_not_answered::jsonb IS NOT NULL);

    ALTER TABLE alerts ADD COLUMN instrument_id text;
    ALTER TABLE alerts ADD COLUMN item integer;
    ALTER TABLE alerts ADD COLUMN answer integer;
    ALTER TABLE alerts ADD COLUMN action_taken_by text REFERENCES users (id);
    ALTER TABLE alerts ADD COLUMN action_taken_at text;
    ALTER TABLE alerts ADD COLUMN follow_up_date text;
    ALTER TABLE alerts ADD COLUMN follow_up_task_id text REFERENCES tasks (id);
    ALTER TABLE tasks ADD COLUMN outcome text;

    CREATE TABLE screening_follow_ups (
      id text PRIMARY KEY,
      screening_id text NOT NULL REFERENCES screenings (id),
      person_id text NOT NULL REFERENCES people (id),
      reason text NOT NULL CHECK (reason IN ('red', 'risk-not-assessed', 'amber')),
      route text NOT NULL CHECK (route IN ('case-review', 'team-decision')),
      case_id text REFERENCES cases (id),
      task_id text REFERENCES tasks (id),
      status text NOT NULL CHECK (status IN ('open', 'decided')),
      decision text CHECK (decision IN ('case-opened', 'no-case', 'reviewed')),
      decision_note text,
      decided_by text REFERENCES users (id),
      decided_at text,
      created_at text NOT NULL,
      CHECK ((status = 'open') = (decision IS NULL))
    );
    CREATE INDEX screening_follow_ups_open ON screening_follow_ups (status, route, created_at);
    CREATE INDEX screening_follow_ups_person ON screening_follow_ups (person_id, status);

    UPDATE screenings SET
      complete = coalesce((SELECT min(r.complete) FROM screening_results r WHERE r.screening_id = screenings.id), 1),
      risk_not_assessed = CASE WHEN EXISTS (SELECT 1 FROM screening_results r WHERE r.screening_id = screenings.id AND (${unansweredCriticalOnPostgres})) THEN 1 ELSE 0 END;
    UPDATE screenings SET rag = 'amber',
      rag_rule = CASE WHEN risk_not_assessed = 1 THEN 'risk-not-assessed: A safety question was not answered, so risk was not assessed'
        ELSE 'incomplete: A questionnaire was not completed, so it cannot count as below its cut-off' END
      WHERE rag = 'green' AND (complete = 0 OR risk_not_assessed = 1);

    UPDATE alerts SET
      instrument_id = split_part(code, ':', 1),
      item = CAST(substring(code FROM ':item-([0-9]+)') AS integer)
      WHERE code LIKE '%:item-%';
    UPDATE alerts SET answer = (SELECT (r.answers::jsonb ->> (alerts.item - 1))::integer FROM screening_results r
      WHERE r.screening_id = alerts.screening_id AND r.instrument_id = alerts.instrument_id)
      WHERE item IS NOT NULL;

    ${nextDueOnPostgres(true)}
    UPDATE people SET next_screening_due = harbour_next_screening_due(people.id) WHERE next_screening_due IS NOT NULL;
  `)
  const latest = (await run(`
    SELECT s.id, s.person_id, s.rag, s.created_at,
      (SELECT c.id FROM cases c WHERE c.person_id = s.person_id AND c.status <> 'closed' ORDER BY c.opened_on DESC LIMIT 1) AS case_id,
      (SELECT c.assigned_clinician_id FROM cases c WHERE c.person_id = s.person_id AND c.status <> 'closed' ORDER BY c.opened_on DESC LIMIT 1) AS clinician_id
    FROM screenings s
    WHERE s.superseded_by_id IS NULL AND (s.rag = 'red' OR s.risk_not_assessed = 1)
      AND s.sitting_date = (SELECT max(x.sitting_date) FROM screenings x WHERE x.person_id = s.person_id AND x.superseded_by_id IS NULL)
    ORDER BY s.person_id, s.id`)) as {
    id: string
    person_id: string
    rag: string
    created_at: string
    case_id: string | null
    clinician_id: string | null
  }[]
  const seen = new Set<string>()
  for (const sitting of latest) {
    if (seen.has(sitting.person_id)) continue
    seen.add(sitting.person_id)
    const reason = sitting.rag === 'red' ? 'red' : 'risk-not-assessed'
    let taskId: string | null = null
    if (sitting.case_id && sitting.clinician_id) {
      taskId = randomUUID()
      await run(
        `INSERT INTO tasks (id, title, due_date, assignee_id, person_id, case_id, source, status, created_at, priority)
         VALUES ($1, $2, substr($3, 1, 10), $4, $5, $6, 'rule:screening-review', 'open', $3, 'top')`,
        [
          taskId,
          reason === 'red' ? 'Review a red screening result' : 'Assess risk: a safety question was not answered',
          sitting.created_at,
          sitting.clinician_id,
          sitting.person_id,
          sitting.case_id
        ]
      )
    }
    await run(
      `INSERT INTO screening_follow_ups (id, screening_id, person_id, reason, route, case_id, task_id, status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8)`,
      [
        randomUUID(),
        sitting.id,
        sitting.person_id,
        reason,
        taskId ? 'case-review' : 'team-decision',
        sitting.case_id,
        taskId,
        sitting.created_at
      ]
    )
  }
}
