import type { SqliteDatabase } from '../open'
import type { PostgresStep } from '../postgres/run'

/**
 * The recall list's department choices, counted as people change rather than when asked.
 * Listing them read every unrestricted person's entry in the department index to count each
 * spelling (about 27 ms at 50,000 people); this table holds one row per exact spelling with
 * how many unrestricted people have it, kept by triggers, so the list reads a few rows.
 * Restricted people are not counted here: whether a user may see them depends on the user,
 * so they are still read, from their own index, when the list is asked for.
 * A department counts when it is not blank (as the list has always had it).
 */
export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE department_spellings (
      department TEXT NOT NULL PRIMARY KEY,
      people INTEGER NOT NULL CHECK (people > 0)
    ) WITHOUT ROWID;

    INSERT INTO department_spellings (department, people)
      SELECT department, count(*) FROM people WHERE restricted = 0 AND trim(department) <> '' GROUP BY department;

    CREATE TRIGGER people_department_insert AFTER INSERT ON people
    WHEN new.restricted = 0 AND trim(new.department) <> '' BEGIN
      INSERT INTO department_spellings (department, people) VALUES (new.department, 1)
        ON CONFLICT (department) DO UPDATE SET people = people + 1;
    END;

    CREATE TRIGGER people_department_delete AFTER DELETE ON people
    WHEN old.restricted = 0 AND trim(old.department) <> '' BEGIN
      DELETE FROM department_spellings WHERE department = old.department AND people = 1;
      UPDATE department_spellings SET people = people - 1 WHERE department = old.department;
    END;

    CREATE TRIGGER people_department_update AFTER UPDATE OF department, restricted ON people
    WHEN old.department IS NOT new.department OR old.restricted IS NOT new.restricted BEGIN
      DELETE FROM department_spellings WHERE department = old.department AND people = 1 AND old.restricted = 0 AND trim(old.department) <> '';
      UPDATE department_spellings SET people = people - 1 WHERE department = old.department AND old.restricted = 0 AND trim(old.department) <> '';
      INSERT INTO department_spellings (department, people) SELECT new.department, 1 WHERE new.restricted = 0 AND trim(new.department) <> ''
        ON CONFLICT (department) DO UPDATE SET people = people + 1;
    END;
  `)
}

export const postgres: PostgresStep = async (run) => {
  await run(`
    CREATE TABLE department_spellings (
      department text NOT NULL PRIMARY KEY,
      people integer NOT NULL CHECK (people > 0)
    );

    INSERT INTO department_spellings (department, people)
      SELECT department, count(*) FROM people WHERE restricted = 0 AND trim(department) <> '' GROUP BY department;

    CREATE FUNCTION harbour_department_counted(department text, restricted integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
      SELECT restricted = 0 AND trim(department) <> ''
    $$;
    CREATE FUNCTION harbour_department_spellings() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') AND harbour_department_counted(OLD.department, OLD.restricted) THEN
        DELETE FROM department_spellings WHERE department = OLD.department AND people = 1;
        UPDATE department_spellings SET people = people - 1 WHERE department = OLD.department;
      END IF;
      IF TG_OP IN ('UPDATE', 'INSERT') AND harbour_department_counted(NEW.department, NEW.restricted) THEN
        INSERT INTO department_spellings (department, people) VALUES (NEW.department, 1)
          ON CONFLICT (department) DO UPDATE SET people = department_spellings.people + 1;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER people_department_insert AFTER INSERT ON people
      FOR EACH ROW EXECUTE FUNCTION harbour_department_spellings();
    CREATE TRIGGER people_department_delete AFTER DELETE ON people
      FOR EACH ROW EXECUTE FUNCTION harbour_department_spellings();
    CREATE TRIGGER people_department_update AFTER UPDATE OF department, restricted ON people
      FOR EACH ROW WHEN (OLD.department IS DISTINCT FROM NEW.department OR OLD.restricted IS DISTINCT FROM NEW.restricted)
      EXECUTE FUNCTION harbour_department_spellings();
  `)
}
