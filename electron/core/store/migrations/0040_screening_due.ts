import type { SqliteDatabase } from '../open'

/**
 * When each person is next due surveillance screening, kept on the person by triggers so the
 * recall list is an index range, not a calculation over everyone. NULL: not recalled (no
 * role, or a role without an interval). '0001-01-01': never screened, so due now.
 * Leavers keep a date; the list filters them out by leaving date, which depends on today.
 */
const nextDue = (person: string) => `(
  SELECT CASE WHEN r.screening_interval_months IS NULL THEN NULL ELSE coalesce(
    date((SELECT max(s.sitting_date) FROM screenings s WHERE s.person_id = ${person} AND s.superseded_by_id IS NULL), '+' || r.screening_interval_months || ' months'),
    '0001-01-01') END
  FROM roles r WHERE r.id = (SELECT role_id FROM people WHERE id = ${person}))`

export function up(db: SqliteDatabase): void {
  db.exec(`
    ALTER TABLE people ADD COLUMN next_screening_due TEXT;
    CREATE INDEX people_next_screening_due ON people (next_screening_due);

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

    UPDATE people SET next_screening_due = ${nextDue('people.id')};
  `)
}
