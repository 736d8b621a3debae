import type { SqliteDatabase } from '../open'

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
