import type { SqliteDatabase } from '../open'
import { refuse, type PostgresStep } from '../postgres/run'
import { defaultReferralDestinations } from '../../../../shared/referrals/destinations'

/**
 * Referrals (issue: exposure, TRiM and referrals). A catalogue of destinations the team can edit,
 * each referral (person, optional case, destination, reason, urgency, consent to share) and its
 * status history, one row per step (numbered in order, as several can share a date) with the
 * date it happened. The history is append-only: a
 * step recorded in error is followed by a correcting step, never rewritten. `status` and the
 * milestone dates on the referral are the latest step's, kept with it so worklists need no
 * scan of the history.
 */
const appendOnly = 'A referral step cannot be changed or removed: record a further step instead.'
const statusCheck = `status IN ('drafted', 'sent', 'acknowledged', 'assessed', 'treatment-started', 'completed', 'declined', 'did-not-attend', 'withdrawn')`

export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE referral_destinations (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      kind TEXT NOT NULL CHECK (kind IN ('nhs', 'force-commissioned', 'charity', 'internal', 'urgent')),
      retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
      sort_order INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE referrals (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL REFERENCES people (id),
      case_id TEXT REFERENCES cases (id),
      destination_id TEXT NOT NULL REFERENCES referral_destinations (id),
      reason TEXT NOT NULL,
      urgency TEXT NOT NULL CHECK (urgency IN ('routine', 'urgent')),
      status TEXT NOT NULL CHECK (${statusCheck}),
      consent_scope TEXT,
      consent_given_on TEXT,
      consent_recorded_by TEXT REFERENCES users (id),
      referred_on TEXT,
      assessed_on TEXT,
      treatment_started_on TEXT,
      ended_on TEXT,
      last_step_on TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users (id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX referrals_person ON referrals (person_id, created_at);
    CREATE INDEX referrals_waiting ON referrals (status, referred_on);
    CREATE TABLE referral_steps (
      id TEXT PRIMARY KEY,
      referral_id TEXT NOT NULL REFERENCES referrals (id),
      step_number INTEGER NOT NULL,
      person_id TEXT NOT NULL REFERENCES people (id),
      ${statusCheck.replace('status IN', 'status TEXT NOT NULL CHECK (status IN')}),
      happened_on TEXT NOT NULL,
      recorded_by TEXT NOT NULL REFERENCES users (id),
      recorded_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX referral_steps_referral ON referral_steps (referral_id, step_number);
    CREATE TRIGGER referral_steps_no_update BEFORE UPDATE ON referral_steps
    BEGIN SELECT RAISE(ABORT, '${appendOnly}'); END;
    CREATE TRIGGER referral_steps_no_delete BEFORE DELETE ON referral_steps
    BEGIN SELECT RAISE(ABORT, '${appendOnly}'); END;
  `)
  const insert = db.prepare(
    'INSERT INTO referral_destinations (id, name, kind, retired, sort_order, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?, ?)'
  )
  const now = new Date().toISOString()
  defaultReferralDestinations.forEach((destination, index) =>
    insert.run(destination.id, destination.name, destination.kind, index * 10, now, now)
  )
}

export const postgres: PostgresStep = async (run) => {
  await run(`
    CREATE TABLE referral_destinations (
      id text PRIMARY KEY,
      name citext NOT NULL UNIQUE,
      kind text NOT NULL CHECK (kind IN ('nhs', 'force-commissioned', 'charity', 'internal', 'urgent')),
      retired integer NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
      sort_order integer NOT NULL,
      created_at text NOT NULL,
      updated_at text NOT NULL
    );
    CREATE TABLE referrals (
      id text PRIMARY KEY,
      person_id text NOT NULL REFERENCES people (id),
      case_id text REFERENCES cases (id),
      destination_id text NOT NULL REFERENCES referral_destinations (id),
      reason text NOT NULL,
      urgency text NOT NULL CHECK (urgency IN ('routine', 'urgent')),
      status text NOT NULL CHECK (${statusCheck}),
      consent_scope text,
      consent_given_on text,
      consent_recorded_by text REFERENCES users (id),
      referred_on text,
      assessed_on text,
      treatment_started_on text,
      ended_on text,
      last_step_on text NOT NULL,
      created_by text NOT NULL REFERENCES users (id),
      created_at text NOT NULL,
      updated_at text NOT NULL
    );
    CREATE INDEX referrals_person ON referrals (person_id, created_at);
    CREATE INDEX referrals_waiting ON referrals (status, referred_on);
    CREATE TABLE referral_steps (
      id text PRIMARY KEY,
      referral_id text NOT NULL REFERENCES referrals (id),
      step_number integer NOT NULL,
      person_id text NOT NULL REFERENCES people (id),
      ${statusCheck.replace('status IN', 'status text NOT NULL CHECK (status IN')}),
      happened_on text NOT NULL,
      recorded_by text NOT NULL REFERENCES users (id),
      recorded_at text NOT NULL
    );
    CREATE UNIQUE INDEX referral_steps_referral ON referral_steps (referral_id, step_number);
    ${refuse('referral_steps', 'UPDATE', appendOnly)}
    ${refuse('referral_steps', 'DELETE', appendOnly)}
    CREATE TRIGGER referral_steps_no_truncate BEFORE TRUNCATE ON referral_steps
      FOR EACH STATEMENT EXECUTE FUNCTION harbour_refuse('${appendOnly}');
  `)
  const now = new Date().toISOString()
  for (const [index, destination] of defaultReferralDestinations.entries()) {
    await run(
      'INSERT INTO referral_destinations (id, name, kind, retired, sort_order, created_at, updated_at) VALUES ($1, $2, $3, 0, $4, $5, $6)',
      [destination.id, destination.name, destination.kind, index * 10, now, now]
    )
  }
}
