import type { SqliteDatabase } from '../open'
import type { PostgresStep } from '../postgres/run'

/**
 * Roles exposed to traumatic content are recalled for screening.
 *
 * A role gets a `traumatic_content` flag. A flagged role with no interval of its own is recalled
 * every `traumaticContentRecallMonths` (a setting: national guidance names no interval for such
 * roles, so it is the force's choice; 12 months, the annual surveillance interval, until set).
 * A role's own interval always wins. The shipped Communications/press role, described as
 * handling traumatic content, is flagged, so nobody in it stays off the recall list.
 */

export const recallSettingKey = 'traumaticContentRecallMonths'

/**
 * The setting as a number of months, or the default when it is missing or does not fit (the
 * same rule as the core's settings reader: 1 to 60 whole months, stored as JSON text).
 */
const settingMonths = `coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = '${recallSettingKey}'
  AND value IN (${Array.from({ length: 60 }, (_v, i) => `'${i + 1}'`).join(', ')})), 12)`

/** The months between screenings for role `r`: its own, else the setting if it is flagged, else none. */
const interval = `coalesce(r.screening_interval_months, CASE WHEN r.traumatic_content = 1 THEN ${settingMonths} END)`

/** Next due date for the `people` row being updated (see 0040 for the rule, 0050 for completeness, 0120 for own role). */
const ownRowDue = `(
  SELECT CASE WHEN ${interval} IS NULL THEN NULL ELSE coalesce(
    date((SELECT max(s.sitting_date) FROM screenings s WHERE s.person_id = people.id AND s.superseded_by_id IS NULL AND s.complete = 1), '+' || ${interval} || ' months'),
    '0001-01-01') END
  FROM roles r WHERE r.id = people.role_id)`

const settingRoles = `role_id IN (SELECT id FROM roles WHERE traumatic_content = 1 AND screening_interval_months IS NULL)`

export function up(db: SqliteDatabase): void {
  db.exec(`
    ALTER TABLE roles ADD COLUMN traumatic_content INTEGER NOT NULL DEFAULT 0 CHECK (traumatic_content IN (0, 1));
    UPDATE roles SET traumatic_content = 1 WHERE id = 'communications-press';

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
    CREATE TRIGGER screening_due_after_interval_change AFTER UPDATE OF screening_interval_months, traumatic_content ON roles BEGIN
      UPDATE people SET next_screening_due = ${ownRowDue} WHERE role_id = NEW.id;
    END;
    CREATE TRIGGER screening_due_after_setting_insert AFTER INSERT ON settings WHEN NEW.key = '${recallSettingKey}' BEGIN
      UPDATE people SET next_screening_due = ${ownRowDue} WHERE ${settingRoles};
    END;
    CREATE TRIGGER screening_due_after_setting_update AFTER UPDATE ON settings WHEN NEW.key = '${recallSettingKey}' OR OLD.key = '${recallSettingKey}' BEGIN
      UPDATE people SET next_screening_due = ${ownRowDue} WHERE ${settingRoles};
    END;
    CREATE TRIGGER screening_due_after_setting_delete AFTER DELETE ON settings WHEN OLD.key = '${recallSettingKey}' BEGIN
      UPDATE people SET next_screening_due = ${ownRowDue} WHERE ${settingRoles};
    END;
    UPDATE people SET next_screening_due = ${ownRowDue};
  `)
}

/** The same rule on PostgreSQL; months are added with PostgreSQL's end-of-month rule (see 0040). */
export const postgres: PostgresStep = async (run) => {
  await run(`
    ALTER TABLE roles ADD COLUMN traumatic_content integer NOT NULL DEFAULT 0 CHECK (traumatic_content IN (0, 1));
    UPDATE roles SET traumatic_content = 1 WHERE id = 'communications-press';

    CREATE OR REPLACE FUNCTION harbour_next_screening_due(person text) RETURNS text LANGUAGE sql STABLE AS $$
      SELECT CASE WHEN ${interval} IS NULL THEN NULL ELSE coalesce(
        to_char((SELECT max(s.sitting_date) FROM screenings s WHERE s.person_id = person AND s.superseded_by_id IS NULL AND s.complete = 1)::date
          + make_interval(months => ${interval}), 'YYYY-MM-DD'),
        '0001-01-01') END
      FROM roles r WHERE r.id = (SELECT role_id FROM people WHERE id = person)
    $$;

    DROP TRIGGER screening_due_after_interval_change ON roles;
    CREATE TRIGGER screening_due_after_interval_change AFTER UPDATE OF screening_interval_months, traumatic_content ON roles
      FOR EACH ROW EXECUTE FUNCTION harbour_due_after_interval_change();

    CREATE FUNCTION harbour_due_after_recall_setting() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      -- OLD is null on insert and NEW on delete, so each side only matches when it exists.
      IF NEW.key = '${recallSettingKey}' OR OLD.key = '${recallSettingKey}' THEN
        UPDATE people SET next_screening_due = harbour_next_screening_due(people.id) WHERE ${settingRoles};
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER screening_due_after_setting AFTER INSERT OR UPDATE OR DELETE ON settings
      FOR EACH ROW EXECUTE FUNCTION harbour_due_after_recall_setting();

    UPDATE people SET next_screening_due = harbour_next_screening_due(id);
  `)
}
