import type { SqliteDatabase } from '../open'
import type { PostgresStep } from '../postgres/run'

/**
 * The one sanctioned way past the append-only rules: purging a person past retention
 * (docs/retention.md, services/retention-purge.ts).
 *
 * `retention_purges` names the people a purge is removing. The purge writes their ids, deletes
 * everything about them and removes the ids again, all in one transaction, so no row is ever
 * committed here. The triggers that refuse deleting notes, screening answers, referral steps,
 * signposting and bereavement entries, consents, management advice reports and TRiM prompt
 * claims now let a delete through only for a person named here; every other delete is refused as
 * before. The audit log's triggers are untouched: an audit entry is never deleted.
 * On a team server only administrators may write this table (team-security.ts).
 */

/** Each append-only table's refusal, as its own migration words it. */
export const purgeableAppendOnly = {
  notes: 'Notes are append-only: add an amendment instead.',
  screening_results: 'Completed screenings are locked: save a correction instead.',
  referral_steps: 'A referral step cannot be changed or removed: record a further step instead.',
  signposting_records: 'A signposting record cannot be changed or removed.',
  bereavement_counselling: 'A bereavement counselling entry cannot be changed or removed: record a further entry instead.',
  consents: 'A consent record cannot be removed: withdraw it instead.',
  management_advice_reports: 'A management advice report cannot be removed.',
  trim_prompt_claims: 'Who took on a TRiM referral prompt cannot be changed or removed.'
} as const

const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`

/** Whether the row's person is being purged: screening answers find theirs through the screening. */
function sqlitePurging(table: string): string {
  return table === 'screening_results'
    ? 'EXISTS (SELECT 1 FROM retention_purges r JOIN screenings s ON s.person_id = r.person_id WHERE s.id = old.screening_id)'
    : 'EXISTS (SELECT 1 FROM retention_purges r WHERE r.person_id = old.person_id)'
}

export function up(db: SqliteDatabase): void {
  const triggers = Object.entries(purgeableAppendOnly)
    .map(
      ([table, message]) => `
    DROP TRIGGER ${table}_no_delete;
    CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} WHEN NOT ${sqlitePurging(table)}
    BEGIN SELECT RAISE(ABORT, ${quoted(message)}); END;`
    )
    .join('')
  db.exec(`
    CREATE TABLE retention_purges (
      person_id TEXT PRIMARY KEY
    ) STRICT;
    ${triggers}
  `)
}

export const postgres: PostgresStep = async (run) => {
  const triggers = Object.entries(purgeableAppendOnly)
    .map(
      ([table, message]) => `
    DROP TRIGGER ${table}_no_delete ON ${table};
    CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION harbour_refuse_unless_purging(${quoted(message)});`
    )
    .join('')
  await run(`
    CREATE TABLE retention_purges (
      person_id text PRIMARY KEY
    );
    -- SECURITY DEFINER: the check reads the purge list and screenings whatever the caller's grants.
    CREATE FUNCTION harbour_refuse_unless_purging() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      person text;
    BEGIN
      IF TG_TABLE_NAME = 'screening_results' THEN
        SELECT s.person_id INTO person FROM screenings s WHERE s.id = OLD.screening_id;
      ELSE
        person := OLD.person_id;
      END IF;
      IF EXISTS (SELECT 1 FROM retention_purges r WHERE r.person_id = person) THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
    END $$;
    REVOKE EXECUTE ON FUNCTION harbour_refuse_unless_purging() FROM PUBLIC;
    ${triggers}
  `)
}
