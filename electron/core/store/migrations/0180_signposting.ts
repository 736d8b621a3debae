import type { SqliteDatabase } from '../open'
import { refuse, type PostgresStep } from '../postgres/run'
import { defaultSupportResources } from '../../../../shared/signposting/resources'

/**
 * Signposting and bereavement counselling (issue: exposure, TRiM, referrals, outcomes, consent
 * and signposting). A catalogue of support resources the team can edit (a resource in use is
 * retired, never deleted); each time a person is signposted to one (what, when, by whom); and
 * the history of bereavement counselling offered, accepted or declined, the latest entry being
 * the person's status. Both records are append-only, like notes: an entry made in error stays,
 * and a further entry follows it.
 */
const signpostingAppendOnly = 'A signposting record cannot be changed or removed.'
const bereavementAppendOnly = 'A bereavement counselling entry cannot be changed or removed: record a further entry instead.'
const statusCheck = `status IN ('offered', 'accepted', 'declined')`

export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE support_resources (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      description TEXT NOT NULL,
      where_to_find TEXT NOT NULL,
      retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
      sort_order INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE signposting_records (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL REFERENCES people (id),
      resource_id TEXT NOT NULL REFERENCES support_resources (id),
      signposted_on TEXT NOT NULL,
      recorded_by TEXT NOT NULL REFERENCES users (id),
      recorded_at TEXT NOT NULL
    );
    CREATE INDEX signposting_records_person ON signposting_records (person_id, signposted_on);
    CREATE INDEX signposting_records_resource ON signposting_records (resource_id, signposted_on);
    CREATE TRIGGER signposting_records_no_update BEFORE UPDATE ON signposting_records
    BEGIN SELECT RAISE(ABORT, '${signpostingAppendOnly}'); END;
    CREATE TRIGGER signposting_records_no_delete BEFORE DELETE ON signposting_records
    BEGIN SELECT RAISE(ABORT, '${signpostingAppendOnly}'); END;
    CREATE TABLE bereavement_counselling (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL REFERENCES people (id),
      case_id TEXT REFERENCES cases (id),
      status TEXT NOT NULL CHECK (${statusCheck}),
      happened_on TEXT NOT NULL,
      recorded_by TEXT NOT NULL REFERENCES users (id),
      recorded_at TEXT NOT NULL
    );
    CREATE INDEX bereavement_counselling_person ON bereavement_counselling (person_id, happened_on, recorded_at);
    CREATE TRIGGER bereavement_counselling_no_update BEFORE UPDATE ON bereavement_counselling
    BEGIN SELECT RAISE(ABORT, '${bereavementAppendOnly}'); END;
    CREATE TRIGGER bereavement_counselling_no_delete BEFORE DELETE ON bereavement_counselling
    BEGIN SELECT RAISE(ABORT, '${bereavementAppendOnly}'); END;
  `)
  const insert = db.prepare(
    'INSERT INTO support_resources (id, name, description, where_to_find, retired, sort_order, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?)'
  )
  const now = new Date().toISOString()
  defaultSupportResources.forEach((resource, index) =>
    insert.run(resource.id, resource.name, resource.description, resource.whereToFind, index * 10, now, now)
  )
}

export const postgres: PostgresStep = async (run) => {
  await run(`
    CREATE TABLE support_resources (
      id text PRIMARY KEY,
      name citext NOT NULL UNIQUE,
      description text NOT NULL,
      where_to_find text NOT NULL,
      retired integer NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
      sort_order integer NOT NULL,
      created_at text NOT NULL,
      updated_at text NOT NULL
    );
    CREATE TABLE signposting_records (
      id text PRIMARY KEY,
      person_id text NOT NULL REFERENCES people (id),
      resource_id text NOT NULL REFERENCES support_resources (id),
      signposted_on text NOT NULL,
      recorded_by text NOT NULL REFERENCES users (id),
      recorded_at text NOT NULL
    );
    CREATE INDEX signposting_records_person ON signposting_records (person_id, signposted_on);
    CREATE INDEX signposting_records_resource ON signposting_records (resource_id, signposted_on);
    ${refuse('signposting_records', 'UPDATE', signpostingAppendOnly)}
    ${refuse('signposting_records', 'DELETE', signpostingAppendOnly)}
    CREATE TRIGGER signposting_records_no_truncate BEFORE TRUNCATE ON signposting_records
      FOR EACH STATEMENT EXECUTE FUNCTION harbour_refuse('${signpostingAppendOnly}');
    CREATE TABLE bereavement_counselling (
      id text PRIMARY KEY,
      person_id text NOT NULL REFERENCES people (id),
      case_id text REFERENCES cases (id),
      status text NOT NULL CHECK (${statusCheck}),
      happened_on text NOT NULL,
      recorded_by text NOT NULL REFERENCES users (id),
      recorded_at text NOT NULL
    );
    CREATE INDEX bereavement_counselling_person ON bereavement_counselling (person_id, happened_on, recorded_at);
    ${refuse('bereavement_counselling', 'UPDATE', bereavementAppendOnly)}
    ${refuse('bereavement_counselling', 'DELETE', bereavementAppendOnly)}
    CREATE TRIGGER bereavement_counselling_no_truncate BEFORE TRUNCATE ON bereavement_counselling
      FOR EACH STATEMENT EXECUTE FUNCTION harbour_refuse('${bereavementAppendOnly}');
  `)
  const now = new Date().toISOString()
  for (const [index, resource] of defaultSupportResources.entries()) {
    await run(
      'INSERT INTO support_resources (id, name, description, where_to_find, retired, sort_order, created_at, updated_at) VALUES ($1, $2, $3, $4, 0, $5, $6, $7)',
      [resource.id, resource.name, resource.description, resource.whereToFind, index * 10, now, now]
    )
  }
}
