import type { SqliteDatabase } from '../open'
import type { PostgresStep } from '../postgres/run'
import { defaultRiskFactors } from '../../../../shared/trim/risk-factors'

/**
 * TRiM (trauma risk management) after an incident (issue: exposure, TRiM and referrals):
 * - `trim_risk_factors`: the catalogue of risk factors an assessment records present or absent,
 *   which the team edits (the commonly taught ten to start with; unconfirmed, see
 *   shared/trim/risk-factors.ts);
 * - `trim_plans`: one planning decision per incident (TRiM offered, or not needed with a reason
 *   category), by whom and when;
 * - `trim_offers`: each person offered TRiM, the practitioner assigned, and the two tasks with
 *   their due dates (initial assessment, follow-up);
 * - `trim_assessments`: an offer's initial and follow-up assessment: the factors present (JSON
 *   array of ids), the score the core counted, the outcome, persistent difficulty at follow-up,
 *   and whether it prompted a referral and to whom.
 * Offers and assessments name the person and the practitioner, so a team server's row-level
 * security keeps each to the practitioner assigned and the clinicians who may see the person.
 */
const decisionCheck = `decision IN ('offered', 'not-needed')`
const reasonCheck = `not_needed_reason IS NULL OR not_needed_reason IN ('low-impact', 'other-support-in-place', 'declined-by-team', 'other')`
const kindCheck = `kind IN ('initial', 'follow-up')`
const outcomeCheck = `outcome IN ('no-further-action', 'follow-up', 'refer')`
const routeCheck = `prompt_route IS NULL OR prompt_route IN ('case-holder', 'planner', 'team')`

export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE trim_risk_factors (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
      sort_order INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE trim_plans (
      id TEXT PRIMARY KEY,
      incident_id TEXT NOT NULL UNIQUE REFERENCES incidents (id),
      decided_on TEXT NOT NULL,
      decision TEXT NOT NULL CHECK (${decisionCheck}),
      not_needed_reason TEXT CHECK (${reasonCheck}),
      planned_by TEXT NOT NULL REFERENCES users (id),
      created_at TEXT NOT NULL
    );
    CREATE TABLE trim_offers (
      id TEXT PRIMARY KEY,
      plan_id TEXT NOT NULL REFERENCES trim_plans (id),
      incident_id TEXT NOT NULL REFERENCES incidents (id),
      person_id TEXT NOT NULL REFERENCES people (id),
      practitioner_id TEXT NOT NULL REFERENCES users (id),
      initial_due TEXT NOT NULL,
      follow_up_due TEXT NOT NULL,
      initial_task_id TEXT NOT NULL REFERENCES tasks (id),
      follow_up_task_id TEXT NOT NULL REFERENCES tasks (id),
      created_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX trim_offers_plan_person ON trim_offers (plan_id, person_id);
    CREATE INDEX trim_offers_practitioner ON trim_offers (practitioner_id, initial_due);
    CREATE INDEX trim_offers_person ON trim_offers (person_id);
    CREATE TABLE trim_assessments (
      id TEXT PRIMARY KEY,
      offer_id TEXT NOT NULL REFERENCES trim_offers (id),
      person_id TEXT NOT NULL REFERENCES people (id),
      practitioner_id TEXT NOT NULL REFERENCES users (id),
      kind TEXT NOT NULL CHECK (${kindCheck}),
      assessed_on TEXT NOT NULL,
      factors_present TEXT NOT NULL,
      factors_considered TEXT NOT NULL,
      score INTEGER NOT NULL CHECK (score >= 0),
      outcome TEXT NOT NULL CHECK (${outcomeCheck}),
      persistent_difficulty INTEGER CHECK (persistent_difficulty IS NULL OR persistent_difficulty IN (0, 1)),
      prompted INTEGER NOT NULL CHECK (prompted IN (0, 1)),
      prompt_reasons TEXT NOT NULL,
      prompt_route TEXT CHECK (${routeCheck}),
      prompt_assignee_id TEXT REFERENCES users (id),
      prompt_task_id TEXT REFERENCES tasks (id),
      assessed_by TEXT NOT NULL REFERENCES users (id),
      created_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX trim_assessments_offer_kind ON trim_assessments (offer_id, kind);
    CREATE INDEX trim_assessments_person ON trim_assessments (person_id);
  `)
  const insert = db.prepare(
    'INSERT INTO trim_risk_factors (id, name, retired, sort_order, created_at, updated_at) VALUES (?, ?, 0, ?, ?, ?)'
  )
  const now = new Date().toISOString()
  defaultRiskFactors.forEach((factor, index) => insert.run(factor.id, factor.name, index * 10, now, now))
}

export const postgres: PostgresStep = async (run) => {
  await run(`
    CREATE TABLE trim_risk_factors (
      id text PRIMARY KEY,
      name citext NOT NULL UNIQUE,
      retired integer NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
      sort_order integer NOT NULL,
      created_at text NOT NULL,
      updated_at text NOT NULL
    );
    CREATE TABLE trim_plans (
      id text PRIMARY KEY,
      incident_id text NOT NULL UNIQUE REFERENCES incidents (id),
      decided_on text NOT NULL,
      decision text NOT NULL CHECK (${decisionCheck}),
      not_needed_reason text CHECK (${reasonCheck}),
      planned_by text NOT NULL REFERENCES users (id),
      created_at text NOT NULL
    );
    CREATE TABLE trim_offers (
      id text PRIMARY KEY,
      plan_id text NOT NULL REFERENCES trim_plans (id),
      incident_id text NOT NULL REFERENCES incidents (id),
      person_id text NOT NULL REFERENCES people (id),
      practitioner_id text NOT NULL REFERENCES users (id),
      initial_due text NOT NULL,
      follow_up_due text NOT NULL,
      initial_task_id text NOT NULL REFERENCES tasks (id),
      follow_up_task_id text NOT NULL REFERENCES tasks (id),
      created_at text NOT NULL
    );
    CREATE UNIQUE INDEX trim_offers_plan_person ON trim_offers (plan_id, person_id);
    CREATE INDEX trim_offers_practitioner ON trim_offers (practitioner_id, initial_due);
    CREATE INDEX trim_offers_person ON trim_offers (person_id);
    CREATE TABLE trim_assessments (
      id text PRIMARY KEY,
      offer_id text NOT NULL REFERENCES trim_offers (id),
      person_id text NOT NULL REFERENCES people (id),
      practitioner_id text NOT NULL REFERENCES users (id),
      kind text NOT NULL CHECK (${kindCheck}),
      assessed_on text NOT NULL,
      factors_present text NOT NULL,
      factors_considered text NOT NULL,
      score integer NOT NULL CHECK (score >= 0),
      outcome text NOT NULL CHECK (${outcomeCheck}),
      persistent_difficulty integer CHECK (persistent_difficulty IS NULL OR persistent_difficulty IN (0, 1)),
      prompted integer NOT NULL CHECK (prompted IN (0, 1)),
      prompt_reasons text NOT NULL,
      prompt_route text CHECK (${routeCheck}),
      prompt_assignee_id text REFERENCES users (id),
      prompt_task_id text REFERENCES tasks (id),
      assessed_by text NOT NULL REFERENCES users (id),
      created_at text NOT NULL
    );
    CREATE UNIQUE INDEX trim_assessments_offer_kind ON trim_assessments (offer_id, kind);
    CREATE INDEX trim_assessments_person ON trim_assessments (person_id);
  `)
  const now = new Date().toISOString()
  for (const [index, factor] of defaultRiskFactors.entries()) {
    await run('INSERT INTO trim_risk_factors (id, name, retired, sort_order, created_at, updated_at) VALUES ($1, $2, 0, $3, $4, $5)', [
      factor.id,
      factor.name,
      index * 10,
      now,
      now
    ])
  }
}
