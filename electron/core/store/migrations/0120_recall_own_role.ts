import type { SqliteDatabase } from '../open'
import type { PostgresStep } from '../postgres/run'

/**
 * Recall dates from each person's own role.
 *
 * Until now the trigger for a change to a role's screening interval (0040, 0050) looked up the
 * role with `SELECT role_id FROM people WHERE id = people.id`: inside a subquery over `people`,
 * `people.id` names the subquery's own row, so every person in the changed role was given the
 * interval of whichever role the first person on record holds. If that role has no recall, they
 * silently dropped off the recall list. Every trigger now reads `people.role_id` of the row being
 * updated, and every recall date is worked out again, repairing stores the fault touched.
 * PostgreSQL's function takes the person as a parameter and never had the fault; its dates are
 * worked out again all the same, so both engines end in the same state.
 */

/** Next due date for the `people` row being updated (see 0040 for the rule, 0050 for completeness). */
const ownRowDue = `(
  SELECT CASE WHEN r.screening_interval_months IS NULL THEN NULL ELSE coalesce(
    date((SELECT max(s.sitting_date) FROM screenings s WHERE s.person_id = people.id AND s.superseded_by_id IS NULL AND s.complete = 1), '+' || r.screening_interval_months || ' months'),
    '0001-01-01') END
  FROM roles r WHERE r.id = people.role_id)`

export function up(db: SqliteDatabase): void {
  db.exec(`
    DROP TRIGGER screening_due_after_sitting;
    DROP TRIGGER screening_due_after_correction;
    DROP TRIGGER screening_due_after_person;
    DROP TRIGGER screening_due_after_role_change;
    DROP TRIGGER screening_due_after_interval_change;
    CREATE TRIGGER screening_due_after_sitting AFTER INSERT ON screenings BEGIN
      UPDATE people SET next_screening_due = ${ownRowDue} WHERE id = NEW.person_id;
    END;
    CREATE TRIGGER screening_due_after_correction AFTER UPDATE OF superseded_by_id ON screenings BEGIN
      UPDATE people SET next_screening_due = ${ownRowDue} WHERE id = NEW.person_id;
    END;
    CREATE TRIGGER screening_due_after_person AFTER INSERT ON people BEGIN
      UPDATE people SET next_screening_due = ${ownRowDue} WHERE id = NEW.id;
    END;
    CREATE TRIGGER screening_due_after_role_change AFTER UPDATE OF role_id ON people BEGIN
      UPDATE people SET next_screening_due = ${ownRowDue} WHERE id = NEW.id;
    END;
    CREATE TRIGGER screening_due_after_interval_change AFTER UPDATE OF screening_interval_months ON roles BEGIN
      UPDATE people SET next_screening_due = ${ownRowDue} WHERE role_id = NEW.id;
    END;
    UPDATE people SET next_screening_due = ${ownRowDue};
  `)
}

export const postgres: PostgresStep = async (run) => {
  await run(`UPDATE people SET next_screening_due = harbour_next_screening_due(id)`)
}
