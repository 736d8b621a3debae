import type { SqliteDatabase } from '../open'
import { refuse, type PostgresStep } from '../postgres/run'

/**
 * Who took on a TRiM referral prompt that went to the whole team (docs/trim.md).
 *
 * When a TRiM assessment prompts a referral and no clinician holds the person's case or planned
 * TRiM, the prompt goes to the team. It waits on every clinician's caseload screen until one
 * takes it on: that clinician gets the task, and the claim is kept here. One claim per
 * assessment (the primary key), so two clinicians taking it at once cannot both win; a claim is
 * never changed or removed.
 */
const claimKept = 'Who took on a TRiM referral prompt cannot be changed or removed.'

export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE trim_prompt_claims (
      assessment_id TEXT PRIMARY KEY REFERENCES trim_assessments (id),
      person_id TEXT NOT NULL REFERENCES people (id),
      clinician_id TEXT NOT NULL REFERENCES users (id),
      task_id TEXT NOT NULL REFERENCES tasks (id),
      claimed_at TEXT NOT NULL
    );
    CREATE INDEX trim_assessments_team_prompts ON trim_assessments (prompt_route, assessed_on) WHERE prompt_route = 'team';
    CREATE TRIGGER trim_prompt_claims_no_update BEFORE UPDATE ON trim_prompt_claims
    BEGIN SELECT RAISE(ABORT, '${claimKept}'); END;
    CREATE TRIGGER trim_prompt_claims_no_delete BEFORE DELETE ON trim_prompt_claims
    BEGIN SELECT RAISE(ABORT, '${claimKept}'); END;
  `)
}

export const postgres: PostgresStep = async (run) => {
  await run(`
    CREATE TABLE trim_prompt_claims (
      assessment_id text PRIMARY KEY REFERENCES trim_assessments (id),
      person_id text NOT NULL REFERENCES people (id),
      clinician_id text NOT NULL REFERENCES users (id),
      task_id text NOT NULL REFERENCES tasks (id),
      claimed_at text NOT NULL
    );
    CREATE INDEX trim_assessments_team_prompts ON trim_assessments (prompt_route, assessed_on) WHERE prompt_route = 'team';
    ${refuse('trim_prompt_claims', 'UPDATE', claimKept)}
    ${refuse('trim_prompt_claims', 'DELETE', claimKept)}
    CREATE TRIGGER trim_prompt_claims_no_truncate BEFORE TRUNCATE ON trim_prompt_claims
      FOR EACH STATEMENT EXECUTE FUNCTION harbour_refuse('${claimKept}');
  `)
}
