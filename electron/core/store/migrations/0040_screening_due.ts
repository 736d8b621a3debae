import type { SqliteDatabase } from '../open'
import type { PostgresStep } from '../postgres/run'

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

/**
 * The same rule as a PostgreSQL function, kept current by the same five triggers. Months are
 * added as PostgreSQL does, ending on the last day of a shorter month (31 Jan + 1 month is
 * 29 Feb in a leap year), where SQLite rolls over into the next month (2 Mar).
 */
export const nextDueOnPostgres = (completeOnly: boolean) => `
  CREATE OR REPLACE FUNCTION harbour_next_screening_due(person text) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN r.screening_interval_months IS NULL THEN NULL ELSE coalesce(
      to_char((SELECT max(s.sitting_date) FROM screenings s WHERE s.person_id = person AND s.superseded_by_id IS NULL${completeOnly ? ' AND s.complete = 1' : ''})::date
        + make_interval(months => r.screening_interval_months), 'YYYY-MM-DD'),
      '0001-01-01') END
    FROM roles r WHERE r.id = (SELECT role_id FROM people WHERE id = person)
  $$;`

export const postgres: PostgresStep = async (run) => {
  await run(`
    ALTER TABLE people ADD COLUMN next_screening_due text;
    CREATE INDEX people_next_screening_due ON people (next_screening_due);
    ${nextDueOnPostgres(false)}

    CREATE FUNCTION harbour_due_after_sitting() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE people SET next_screening_due = harbour_next_screening_due(NEW.person_id) WHERE id = NEW.person_id;
      RETURN NULL;
    END $$;
    CREATE FUNCTION harbour_due_after_person() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE people SET next_screening_due = harbour_next_screening_due(NEW.id) WHERE id = NEW.id;
      RETURN NULL;
    END $$;
    CREATE FUNCTION harbour_due_after_interval_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE people SET next_screening_due = harbour_next_screening_due(people.id) WHERE role_id = NEW.id;
      RETURN NULL;
    END $$;

    CREATE TRIGGER screening_due_after_sitting AFTER INSERT ON screenings
      FOR EACH ROW EXECUTE FUNCTION harbour_due_after_sitting();
    CREATE TRIGGER screening_due_after_correction AFTER UPDATE OF superseded_by_id ON screenings
      FOR EACH ROW EXECUTE FUNCTION harbour_due_after_sitting();
    CREATE TRIGGER screening_due_after_person AFTER INSERT ON people
      FOR EACH ROW EXECUTE FUNCTION harbour_due_after_person();
    CREATE TRIGGER screening_due_after_role_change AFTER UPDATE OF role_id ON people
      FOR EACH ROW EXECUTE FUNCTION harbour_due_after_person();
    CREATE TRIGGER screening_due_after_interval_change AFTER UPDATE OF screening_interval_months ON roles
      FOR EACH ROW EXECUTE FUNCTION harbour_due_after_interval_change();

    UPDATE people SET next_screening_due = harbour_next_screening_due(people.id);
  `)
}
