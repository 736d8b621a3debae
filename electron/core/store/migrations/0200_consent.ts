import type { SqliteDatabase } from '../open'
import { refuse, type PostgresStep } from '../postgres/run'

/**
 * Consent to share, and management advice reports (issue: exposure, TRiM, referrals, outcomes,
 * consent and signposting).
 *
 * A consent record says what a person agreed may be shared, for what (a referral, a management
 * advice report or another disclosure) and with whom (a referral destination from the
 * catalogue, or a named manager, organisation or recipient), and when. Withdrawing it dates it;
 * nothing deletes it, and a withdrawn consent can be withdrawn only once.
 *
 * Referrals used to carry their consent on the row (consent_scope, consent_given_on,
 * consent_recorded_by). Each such consent becomes a consent record for the referral's
 * destination, keeping the referral's id (a UUID, and one consent per referral), and a referral
 * already sent points at the consent it was sent on (`consent_id`). The old columns stay, no
 * longer written, so an existing database changes only by addition.
 *
 * A management advice report holds functional advice only: there is no column for a diagnosis,
 * scores or clinical detail. Once released it cannot be changed or removed.
 */
const purposeCheck = `purpose IN ('referral', 'management-advice', 'other')`
const recipientCheck = `(purpose = 'referral' AND destination_id IS NOT NULL AND recipient IS NULL) OR (purpose <> 'referral' AND destination_id IS NULL AND recipient IS NOT NULL)`
const fitnessCheck = `fitness IN ('fit', 'fit-with-adjustments', 'temporarily-unfit', 'unfit')`
const reportStatusCheck = `status IN ('drafted', 'shown', 'released')`
const consentKept = 'A consent record cannot be removed: withdraw it instead.'
const withdrawnOnce = 'A withdrawn consent cannot be changed.'
const releasedKept = 'A released management advice report cannot be changed or removed.'
const reportKept = 'A management advice report cannot be removed.'

const moveInlineConsents = `
  INSERT INTO consents (id, person_id, purpose, destination_id, recipient, scope, given_on, recorded_by, recorded_at, withdrawn_on, withdrawn_by, withdrawn_at)
  SELECT id, person_id, 'referral', destination_id, NULL, consent_scope, consent_given_on, coalesce(consent_recorded_by, created_by), updated_at, NULL, NULL, NULL
  FROM referrals WHERE consent_scope IS NOT NULL AND consent_given_on IS NOT NULL;
  UPDATE referrals SET consent_id = id WHERE consent_scope IS NOT NULL AND consent_given_on IS NOT NULL AND referred_on IS NOT NULL;
`

export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE consents (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL REFERENCES people (id),
      purpose TEXT NOT NULL CHECK (${purposeCheck}),
      destination_id TEXT REFERENCES referral_destinations (id),
      recipient TEXT,
      scope TEXT NOT NULL,
      given_on TEXT NOT NULL,
      recorded_by TEXT NOT NULL REFERENCES users (id),
      recorded_at TEXT NOT NULL,
      withdrawn_on TEXT,
      withdrawn_by TEXT REFERENCES users (id),
      withdrawn_at TEXT,
      CHECK (${recipientCheck})
    );
    CREATE INDEX consents_person ON consents (person_id, given_on);
    CREATE TRIGGER consents_no_delete BEFORE DELETE ON consents
    BEGIN SELECT RAISE(ABORT, '${consentKept}'); END;
    CREATE TRIGGER consents_withdrawn_once BEFORE UPDATE ON consents WHEN old.withdrawn_on IS NOT NULL
    BEGIN SELECT RAISE(ABORT, '${withdrawnOnce}'); END;
    ALTER TABLE referrals ADD COLUMN consent_id TEXT REFERENCES consents (id);
    ${moveInlineConsents}
    CREATE TABLE management_advice_reports (
      id TEXT PRIMARY KEY,
      person_id TEXT NOT NULL REFERENCES people (id),
      manager_name TEXT NOT NULL,
      organisation TEXT,
      fitness TEXT NOT NULL CHECK (${fitnessCheck}),
      adjustments TEXT,
      expected_return_on TEXT,
      review_on TEXT,
      asked_to_see_first INTEGER NOT NULL CHECK (asked_to_see_first IN (0, 1)),
      shown_on TEXT,
      person_comments TEXT,
      status TEXT NOT NULL CHECK (${reportStatusCheck}),
      consent_id TEXT REFERENCES consents (id),
      released_on TEXT,
      released_by TEXT REFERENCES users (id),
      created_by TEXT NOT NULL REFERENCES users (id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX management_advice_reports_person ON management_advice_reports (person_id, created_at);
    CREATE TRIGGER management_advice_reports_no_delete BEFORE DELETE ON management_advice_reports
    BEGIN SELECT RAISE(ABORT, '${reportKept}'); END;
    CREATE TRIGGER management_advice_reports_released BEFORE UPDATE ON management_advice_reports WHEN old.status = 'released'
    BEGIN SELECT RAISE(ABORT, '${releasedKept}'); END;
  `)
}

export const postgres: PostgresStep = async (run) => {
  await run(`
    CREATE TABLE consents (
      id text PRIMARY KEY,
      person_id text NOT NULL REFERENCES people (id),
      purpose text NOT NULL CHECK (${purposeCheck}),
      destination_id text REFERENCES referral_destinations (id),
      recipient text,
      scope text NOT NULL,
      given_on text NOT NULL,
      recorded_by text NOT NULL REFERENCES users (id),
      recorded_at text NOT NULL,
      withdrawn_on text,
      withdrawn_by text REFERENCES users (id),
      withdrawn_at text,
      CHECK (${recipientCheck})
    );
    CREATE INDEX consents_person ON consents (person_id, given_on);
    ${refuse('consents', 'DELETE', consentKept)}
    CREATE TRIGGER consents_no_truncate BEFORE TRUNCATE ON consents
      FOR EACH STATEMENT EXECUTE FUNCTION harbour_refuse('${consentKept}');
    CREATE TRIGGER consents_withdrawn_once BEFORE UPDATE ON consents
      FOR EACH ROW WHEN (OLD.withdrawn_on IS NOT NULL) EXECUTE FUNCTION harbour_refuse('${withdrawnOnce}');
    ALTER TABLE referrals ADD COLUMN consent_id text REFERENCES consents (id);
    ${moveInlineConsents}
    CREATE TABLE management_advice_reports (
      id text PRIMARY KEY,
      person_id text NOT NULL REFERENCES people (id),
      manager_name text NOT NULL,
      organisation text,
      fitness text NOT NULL CHECK (${fitnessCheck}),
      adjustments text,
      expected_return_on text,
      review_on text,
      asked_to_see_first integer NOT NULL CHECK (asked_to_see_first IN (0, 1)),
      shown_on text,
      person_comments text,
      status text NOT NULL CHECK (${reportStatusCheck}),
      consent_id text REFERENCES consents (id),
      released_on text,
      released_by text REFERENCES users (id),
      created_by text NOT NULL REFERENCES users (id),
      created_at text NOT NULL,
      updated_at text NOT NULL
    );
    CREATE INDEX management_advice_reports_person ON management_advice_reports (person_id, created_at);
    ${refuse('management_advice_reports', 'DELETE', reportKept)}
    CREATE TRIGGER management_advice_reports_no_truncate BEFORE TRUNCATE ON management_advice_reports
      FOR EACH STATEMENT EXECUTE FUNCTION harbour_refuse('${reportKept}');
    CREATE TRIGGER management_advice_reports_released BEFORE UPDATE ON management_advice_reports
      FOR EACH ROW WHEN (OLD.status = 'released') EXECUTE FUNCTION harbour_refuse('${releasedKept}');
  `)
}
