import type { SqliteDatabase } from '../open'
import type { PostgresStep } from '../postgres/run'
import { defaultIncidentCategories } from '../../../../shared/incidents/categories'

/**
 * Incidents and trauma exposure (issue: exposure, TRiM and referrals). A catalogue of incident
 * categories the team can edit, each with a default weight (1–10) for the weighted load; each
 * incident (date, category, a short reference with no clinical detail); and the people exposed,
 * one row per person per incident, with their part, intensity (low, medium, high) and any hours of
 * material reviewed. An exposure keeps the incident's date and the category's weight as they were
 * when it was recorded, so a person's load is read from their own rows (index on person and date)
 * and editing the catalogue later does not rewrite anyone's history.
 */
const partCheck = `part IN ('attended', 'aftermath', 'viewed-material', 'call-handler', 'supervisor')`
const intensityCheck = `intensity IN ('low', 'medium', 'high')`

export function up(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE incident_categories (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      weight INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 10),
      retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
      sort_order INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE incidents (
      id TEXT PRIMARY KEY,
      occurred_on TEXT NOT NULL,
      category_id TEXT NOT NULL REFERENCES incident_categories (id),
      reference TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users (id),
      created_at TEXT NOT NULL
    );
    CREATE INDEX incidents_recent ON incidents (occurred_on, created_at);
    CREATE TABLE exposures (
      id TEXT PRIMARY KEY,
      incident_id TEXT NOT NULL REFERENCES incidents (id),
      person_id TEXT NOT NULL REFERENCES people (id),
      occurred_on TEXT NOT NULL,
      part TEXT NOT NULL CHECK (${partCheck}),
      intensity TEXT NOT NULL CHECK (${intensityCheck}),
      weight INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 10),
      hours_reviewed REAL CHECK (hours_reviewed IS NULL OR (hours_reviewed > 0 AND hours_reviewed <= 24)),
      recorded_by TEXT NOT NULL REFERENCES users (id),
      recorded_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX exposures_incident_person ON exposures (incident_id, person_id);
    CREATE INDEX exposures_person ON exposures (person_id, occurred_on);
  `)
  const insert = db.prepare(
    'INSERT INTO incident_categories (id, name, weight, retired, sort_order, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?, ?)'
  )
  const now = new Date().toISOString()
  defaultIncidentCategories.forEach((category, index) => insert.run(category.id, category.name, category.weight, index * 10, now, now))
}

export const postgres: PostgresStep = async (run) => {
  await run(`
    CREATE TABLE incident_categories (
      id text PRIMARY KEY,
      name citext NOT NULL UNIQUE,
      weight integer NOT NULL CHECK (weight BETWEEN 1 AND 10),
      retired integer NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
      sort_order integer NOT NULL,
      created_at text NOT NULL,
      updated_at text NOT NULL
    );
    CREATE TABLE incidents (
      id text PRIMARY KEY,
      occurred_on text NOT NULL,
      category_id text NOT NULL REFERENCES incident_categories (id),
      reference text NOT NULL,
      created_by text NOT NULL REFERENCES users (id),
      created_at text NOT NULL
    );
    CREATE INDEX incidents_recent ON incidents (occurred_on, created_at);
    CREATE TABLE exposures (
      id text PRIMARY KEY,
      incident_id text NOT NULL REFERENCES incidents (id),
      person_id text NOT NULL REFERENCES people (id),
      occurred_on text NOT NULL,
      part text NOT NULL CHECK (${partCheck}),
      intensity text NOT NULL CHECK (${intensityCheck}),
      weight integer NOT NULL CHECK (weight BETWEEN 1 AND 10),
      hours_reviewed double precision CHECK (hours_reviewed IS NULL OR (hours_reviewed > 0 AND hours_reviewed <= 24)),
      recorded_by text NOT NULL REFERENCES users (id),
      recorded_at text NOT NULL
    );
    CREATE UNIQUE INDEX exposures_incident_person ON exposures (incident_id, person_id);
    CREATE INDEX exposures_person ON exposures (person_id, occurred_on);
  `)
  const now = new Date().toISOString()
  for (const [index, category] of defaultIncidentCategories.entries()) {
    await run(
      'INSERT INTO incident_categories (id, name, weight, retired, sort_order, created_at, updated_at) VALUES ($1, $2, $3, 0, $4, $5, $6)',
      [category.id, category.name, category.weight, index * 10, now, now]
    )
  }
}
