import type pg from 'pg'
import { roles, type Role } from '../../../../shared/contract/session'

/**
 * Need-to-know on a team server, enforced by PostgreSQL itself so that a hand-made client with
 * a clinician's passphrase gets no more than Harbour would show that clinician:
 * - every Harbour user is a login role, a member of this database's group roles for their
 *   Harbour roles (and of `<db>_member`); grants give each group only the tables its screens use;
 * - row-level security keeps a restricted person, and everything recorded about them, to the
 *   clinicians named on them; drafts to their author; audit entries to the writer's own name;
 * - the audit log takes INSERT only (no UPDATE, DELETE or TRUNCATE grant, and triggers refuse
 *   them anyway); only administrators read it, to verify the chain.
 * The schema's owner (the role that ran `team init`) bypasses these rules: it is the force IT
 * team's account for migrations, not a Harbour user.
 * Applied after every migration (all statements are idempotent), so new tables get their rules.
 */

/** Group role names for a database: login roles are cluster-wide, so groups carry the database's name. */
export function teamGroups(database: string): Record<Role | 'member', string> {
  const groups = { member: `${database}_member` } as Record<Role | 'member', string>
  for (const role of roles) groups[role] = `${database}_${role}`
  return groups
}

/** Tables that hold something about one person, and the column naming them. */
export const personTables = {
  cases: 'person_id',
  notes: 'person_id',
  tasks: 'person_id',
  screenings: 'person_id',
  alerts: 'person_id',
  screening_follow_ups: 'person_id',
  referrals: 'person_id',
  referral_steps: 'person_id',
  signposting_records: 'person_id',
  bereavement_counselling: 'person_id',
  exposures: 'person_id',
  consents: 'person_id',
  management_advice_reports: 'person_id',
  trim_prompt_claims: 'person_id'
} as const

/** Every policy the server must have, by table: `team verify` checks each is present. */
export const expectedPolicies: Record<string, string[]> = {
  people: ['people_visible', 'people_insert'],
  person_access: ['person_access_visible', 'person_access_grant', 'person_access_revoke'],
  ...Object.fromEntries(Object.keys(personTables).map((table) => [table, [`${table}_visible`]])),
  screening_results: ['screening_results_visible'],
  drafts: ['drafts_own'],
  audit_log: ['audit_log_read', 'audit_log_append']
}
for (const [table, names] of Object.entries(trimPolicyNames())) expectedPolicies[table] = [...(expectedPolicies[table] ?? []), ...names]

/**
 * TRiM (migration 0190): a TRiM practitioner is a peer, not a clinician. Their login reads the
 * offers and assessments assigned to them and, of the person, only the name and staff number of
 * those people; of cases and tasks, only what routing their work needs (the assigned person's case
 * holder, their own tasks). A practitioner may coordinate too (trim-planning.ts): they read who was
 * exposed in an incident still awaiting a TRiM decision, and those people's names, so as to plan it.
 * Clinicians see TRiM rows for the people they may see.
 */
function trimPolicyNames(): Record<string, string[]> {
  return {
    trim_offers: ['trim_offers_visible', 'trim_offers_insert', 'trim_offers_retention'],
    trim_assessments: ['trim_assessments_visible', 'trim_assessments_insert', 'trim_assessments_retention'],
    cases: ['cases_trim_assigned'],
    tasks: ['tasks_trim_own'],
    people: ['people_trim_assigned'],
    exposures: ['exposures_trim_to_plan']
  }
}

const grants = (groups: Record<Role | 'member', string>) => `
  GRANT SELECT ON users, roles, settings, harbour_schema TO ${groups.member};
  -- Their own "must change passphrase" flag, once they have (a trigger keeps each to their own row).
  GRANT UPDATE (must_change_passphrase, updated_at) ON users TO ${groups.member};
  GRANT INSERT ON audit_log TO ${groups.member};

  GRANT SELECT, INSERT, UPDATE ON people, cases, tasks, alerts, screening_follow_ups, screenings, import_presets TO ${groups.clinician};
  GRANT SELECT, INSERT ON notes, screening_results TO ${groups.clinician};
  GRANT SELECT, INSERT, DELETE ON person_access TO ${groups.clinician};
  GRANT SELECT, INSERT, UPDATE, DELETE ON drafts TO ${groups.clinician};
  GRANT SELECT ON department_spellings, referral_destinations TO ${groups.clinician};
  GRANT SELECT, INSERT, UPDATE ON referrals TO ${groups.clinician};
  GRANT SELECT, INSERT ON referral_steps TO ${groups.clinician};
  GRANT SELECT ON support_resources TO ${groups.clinician};
  GRANT SELECT, INSERT ON signposting_records, bereavement_counselling TO ${groups.clinician};
  GRANT SELECT ON incident_categories TO ${groups.clinician};
  GRANT SELECT, INSERT ON incidents, exposures TO ${groups.clinician};
  GRANT SELECT, INSERT, UPDATE ON consents, management_advice_reports TO ${groups.clinician};
  GRANT SELECT, INSERT ON trim_prompt_claims TO ${groups.clinician};

  GRANT INSERT, UPDATE ON users, roles, settings TO ${groups.admin};
  GRANT SELECT, INSERT, UPDATE ON people, import_presets TO ${groups.admin};
  GRANT SELECT ON audit_log, department_spellings TO ${groups.admin};
  GRANT SELECT, INSERT, UPDATE ON referral_destinations, incident_categories TO ${groups.admin};
  GRANT SELECT, INSERT, UPDATE, DELETE ON support_resources TO ${groups.admin};
  GRANT SELECT (resource_id) ON signposting_records TO ${groups.admin};

  -- Governance reports read only the report views (migration 0240): counts, dates and groups,
  -- never a name, a staff number or free text; the tables beneath stay closed to the reporting role.
  GRANT SELECT ON report_people, report_screenings, report_exposures, report_referrals, report_cases, report_bereavement, report_signposting, report_trim
    TO ${groups.admin}, ${groups.reporting};
  -- Outcome rates (migration 0260): completed referrals' dates and PHQ-9 / GAD-7 totals by date, counted in the core.
  GRANT SELECT ON report_completed_referrals, report_outcome_scores TO ${groups.admin}, ${groups.reporting};

  GRANT SELECT ON trim_risk_factors TO ${groups.clinician}, ${groups.trim};
  GRANT SELECT, INSERT, UPDATE ON trim_risk_factors TO ${groups.admin};
  GRANT SELECT, INSERT ON trim_plans, trim_offers, trim_assessments TO ${groups.clinician}, ${groups.trim};
  GRANT SELECT ON incidents, incident_categories TO ${groups.trim};
  GRANT SELECT (id, staff_number, given_name, family_name, preferred_name, restricted) ON people TO ${groups.trim};
  GRANT SELECT (id, person_id, assigned_clinician_id, status, opened_on) ON cases TO ${groups.trim};
  GRANT SELECT, INSERT, UPDATE ON tasks TO ${groups.trim};
  -- Planning from the TRiM screen: who was exposed (limited by exposures_trim_to_plan), whether a
  -- restricted one names the caller, and who took on a prompt from their own assessment.
  GRANT SELECT (incident_id, person_id, part, intensity, hours_reviewed) ON exposures TO ${groups.trim};
  GRANT SELECT (person_id, user_id) ON person_access TO ${groups.trim};
  GRANT SELECT (assessment_id, clinician_id) ON trim_prompt_claims TO ${groups.trim};

  -- Retention (docs/retention.md): administrators list people past retention and purge them.
  -- They read only who each row is about, its ids and when it was written (to count what would
  -- go and find the last entry), never its content; they delete rows only of people they may
  -- see, and the append-only tables let a delete through only for people named in
  -- retention_purges, which only administrators write, inside the purge's transaction.
  GRANT SELECT, INSERT, DELETE ON retention_purges TO ${groups.admin};
  GRANT DELETE ON people TO ${groups.admin};
  GRANT SELECT (person_id, user_id), DELETE ON person_access TO ${groups.admin};
  GRANT SELECT (id, person_id, created_at), DELETE ON cases, notes, alerts, screening_follow_ups, referrals, management_advice_reports, trim_offers, trim_assessments TO ${groups.admin};
  GRANT SELECT (id, person_id, case_id, created_at), DELETE ON tasks TO ${groups.admin};
  GRANT SELECT (id, person_id, sitting_date, created_at), DELETE ON screenings TO ${groups.admin};
  GRANT SELECT (screening_id), DELETE ON screening_results TO ${groups.admin};
  GRANT SELECT (id, person_id, recorded_at), DELETE ON referral_steps, consents, signposting_records, bereavement_counselling, exposures TO ${groups.admin};
  GRANT SELECT (assessment_id, person_id, claimed_at), DELETE ON trim_prompt_claims TO ${groups.admin};
`

/** Functions the policies call. SECURITY DEFINER: they read what the caller's own rules would hide. */
const functions = (groups: Record<Role | 'member', string>, names: Record<Role | 'member', string>) => `
  -- The chain's head, for appending: users may add entries but not read the log.
  CREATE OR REPLACE FUNCTION harbour_audit_head(OUT seq bigint, OUT hash text) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1
  $$;
  REVOKE EXECUTE ON FUNCTION harbour_audit_head() FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION harbour_audit_head() TO ${groups.member};

  -- A new Harbour user's login role, made by an administrator who cannot otherwise create roles.
  -- Given only a SCRAM verifier, never a passphrase.
  CREATE OR REPLACE FUNCTION harbour_create_login(login text, verifier text, harbour_roles text[]) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DECLARE
    role_name text;
  BEGIN
    IF login !~ '^[a-z0-9._-]{2,64}$' OR left(login, 3) = 'pg_' THEN
      RAISE EXCEPTION 'That username cannot be a server login.' USING ERRCODE = 'invalid_name';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
      RAISE EXCEPTION 'The server already has a login of that name.' USING ERRCODE = 'duplicate_object';
    END IF;
    IF left(verifier, 14) <> 'SCRAM-SHA-256$' THEN
      RAISE EXCEPTION 'A login needs a SCRAM-SHA-256 verifier.' USING ERRCODE = 'invalid_password';
    END IF;
    IF cardinality(harbour_roles) = 0 OR NOT harbour_roles <@ ARRAY[${roles.map((role) => `'${role}'`).join(', ')}] THEN
      RAISE EXCEPTION 'Unknown Harbour role.' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', login, verifier, ${literal(names.member)});
    FOREACH role_name IN ARRAY harbour_roles LOOP
      EXECUTE format('GRANT %I TO %I', ${literal(`${names.member.replace(/_member$/, '')}_`)} || role_name, login);
    END LOOP;
  END $$;
  REVOKE EXECUTE ON FUNCTION harbour_create_login(text, text, text[]) FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION harbour_create_login(text, text, text[]) TO ${groups.admin};

  -- A user's own new passphrase, given only as a SCRAM verifier.
  CREATE OR REPLACE FUNCTION harbour_set_own_passphrase(verifier text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  BEGIN
    IF harbour_user_id() IS NULL THEN
      RAISE EXCEPTION 'Only an active Harbour user can change their passphrase.' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF left(verifier, 14) <> 'SCRAM-SHA-256$' THEN
      RAISE EXCEPTION 'A login needs a SCRAM-SHA-256 verifier.' USING ERRCODE = 'invalid_password';
    END IF;
    EXECUTE format('ALTER ROLE %I PASSWORD %L', session_user, verifier);
  END $$;
  REVOKE EXECUTE ON FUNCTION harbour_set_own_passphrase(text) FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION harbour_set_own_passphrase(text) TO ${groups.member};

  -- An administrator gives a user's login a new first passphrase (a SCRAM verifier only) and
  -- opens it again: for a forgotten passphrase, or a disabled user enabled again. Only for a
  -- user whose Harbour account is active, so a disabled user's login stays closed.
  CREATE OR REPLACE FUNCTION harbour_reset_login(user_id text, verifier text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DECLARE
    login text;
  BEGIN
    IF NOT pg_has_role(session_user, ${literal(names.admin)}, 'MEMBER') THEN
      RAISE EXCEPTION 'Only a Harbour administrator can set a passphrase.' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF left(verifier, 14) <> 'SCRAM-SHA-256$' THEN
      RAISE EXCEPTION 'A login needs a SCRAM-SHA-256 verifier.' USING ERRCODE = 'invalid_password';
    END IF;
    SELECT lower(username) INTO login FROM users WHERE id = user_id AND status = 'active';
    IF login IS NULL THEN
      RAISE EXCEPTION 'Only an active Harbour user''s login is given a passphrase.' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', login, verifier);
  END $$;
  REVOKE EXECUTE ON FUNCTION harbour_reset_login(text, text) FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION harbour_reset_login(text, text) TO ${groups.admin};

  -- A disabled Harbour user's login can no longer connect, so a hand-made client cannot read
  -- what their groups' grants would still allow.
  CREATE OR REPLACE FUNCTION harbour_disable_login(user_id text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DECLARE
    login text;
  BEGIN
    IF NOT pg_has_role(session_user, ${literal(names.admin)}, 'MEMBER') THEN
      RAISE EXCEPTION 'Only a Harbour administrator can disable a user.' USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT lower(username) INTO login FROM users WHERE id = user_id AND status = 'disabled';
    IF login IS NULL THEN
      RAISE EXCEPTION 'Only a disabled Harbour user''s login is closed.' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    EXECUTE format('ALTER ROLE %I NOLOGIN', login);
  END $$;
  REVOKE EXECUTE ON FUNCTION harbour_disable_login(text) FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION harbour_disable_login(text) TO ${groups.admin};

  -- Other workstations refresh what they show when a table changes: the table's name only, at
  -- commit, once per statement; never an id, so listening tells no one whose record changed.
  CREATE OR REPLACE FUNCTION harbour_notify_change() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  BEGIN
    PERFORM pg_notify('harbour_changes', TG_TABLE_NAME);
    RETURN NULL;
  END $$;
  ${changeNotices()}

  -- Users other than administrators (and the schema's owner) change only their own row (the columns granted above).
  CREATE OR REPLACE FUNCTION harbour_users_own_row() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  BEGIN
    IF NOT pg_has_role(session_user, ${literal(names.admin)}, 'MEMBER')
      AND NOT pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'public.users'::regclass), 'MEMBER')
      AND OLD.id IS DISTINCT FROM harbour_user_id() THEN
      RAISE EXCEPTION 'Only an administrator can change another user.' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END $$;
  DROP TRIGGER IF EXISTS harbour_users_own_row ON users;
  CREATE TRIGGER harbour_users_own_row BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION harbour_users_own_row();

  CREATE OR REPLACE FUNCTION harbour_user_id() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT id FROM users WHERE username = session_user::citext AND status = 'active'
  $$;
  CREATE OR REPLACE FUNCTION harbour_person_hidden(person text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (
      SELECT 1 FROM people p WHERE p.id = person AND p.restricted = 1
        AND NOT EXISTS (SELECT 1 FROM person_access a WHERE a.person_id = person AND a.user_id = harbour_user_id()))
  $$;
  CREATE OR REPLACE FUNCTION harbour_person_unclaimed(person text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT NOT EXISTS (SELECT 1 FROM person_access a WHERE a.person_id = person)
  $$;
  CREATE OR REPLACE FUNCTION harbour_is_clinician() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT pg_has_role(session_user, ${literal(names.clinician)}, 'MEMBER')
  $$;
  CREATE OR REPLACE FUNCTION harbour_is_admin() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT pg_has_role(session_user, ${literal(names.admin)}, 'MEMBER')
  $$;
  -- Whether the caller is the TRiM practitioner assigned to this person.
  CREATE OR REPLACE FUNCTION harbour_trim_assigned(person text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM trim_offers o WHERE o.person_id = person AND o.practitioner_id = harbour_user_id())
  $$;
  -- The person a hidden row is about (so its refusal can be said and audited), or null: a row
  -- the caller may see, or no row at all. Only for tables that hold something about a person.
  -- A TRiM offer or assessment is hidden by its own rule (trim_offers_visible): not the caller's
  -- to record, nor a clinician's who may see the person.
  CREATE OR REPLACE FUNCTION harbour_hidden_row_person(tbl text, row_id text) RETURNS text
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DECLARE
    person text;
  BEGIN
    IF tbl IN ('trim_offers', 'trim_assessments') THEN
      EXECUTE format('SELECT person_id FROM %I WHERE id = $1 AND practitioner_id IS DISTINCT FROM harbour_user_id()'
        ' AND NOT (harbour_is_clinician() AND NOT harbour_person_hidden(person_id))', tbl) INTO person USING row_id;
      RETURN person;
    END IF;
    IF NOT tbl = ANY (ARRAY[${Object.keys(personTables).map(literal).join(', ')}]) THEN
      RAISE EXCEPTION 'Not a table about a person.' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    EXECUTE format('SELECT person_id FROM %I WHERE id = $1', tbl) INTO person USING row_id;
    IF person IS NOT NULL AND harbour_person_hidden(person) THEN
      RETURN person;
    END IF;
    RETURN NULL;
  END $$;
  REVOKE EXECUTE ON FUNCTION harbour_hidden_row_person(text, text) FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION harbour_hidden_row_person(text, text) TO ${groups.member};
  -- Whether this person was exposed in an incident still awaiting a TRiM decision.
  CREATE OR REPLACE FUNCTION harbour_trim_to_plan(person text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (
      SELECT 1 FROM exposures e WHERE e.person_id = person
        AND NOT EXISTS (SELECT 1 FROM trim_plans p WHERE p.incident_id = e.incident_id))
  $$;
  -- The retention review's count of people an administrator may not see who left before a date:
  -- counted, never named, so a clinician named on them can be asked to review them.
  CREATE OR REPLACE FUNCTION harbour_hidden_leavers(left_before text) RETURNS integer LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT count(*)::int FROM people p
    WHERE p.leaving_date IS NOT NULL AND p.leaving_date < left_before AND harbour_person_hidden(p.id)
  $$;
  REVOKE EXECUTE ON FUNCTION harbour_hidden_leavers(text) FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION harbour_hidden_leavers(text) TO ${groups.admin};
  CREATE OR REPLACE FUNCTION harbour_screening_hidden(screening text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT harbour_person_hidden((SELECT person_id FROM screenings WHERE id = screening))
  $$;
  -- Triggers that keep derived data whole whoever writes: a user's own rules must not leave
  -- a person they cannot see with a stale recall date or department count.
  ALTER FUNCTION harbour_due_after_sitting() SECURITY DEFINER SET search_path = public, pg_temp;
  ALTER FUNCTION harbour_due_after_person() SECURITY DEFINER SET search_path = public, pg_temp;
  ALTER FUNCTION harbour_due_after_interval_change() SECURITY DEFINER SET search_path = public, pg_temp;
  ALTER FUNCTION harbour_due_after_recall_setting() SECURITY DEFINER SET search_path = public, pg_temp;
  ALTER FUNCTION harbour_department_spellings() SECURITY DEFINER SET search_path = public, pg_temp;
  ALTER FUNCTION harbour_next_screening_due(text) SECURITY DEFINER SET search_path = public, pg_temp;
  REVOKE EXECUTE ON FUNCTION harbour_next_screening_due(text) FROM PUBLIC;
`

/** Tables whose changes other workstations are told of (see harbour_notify_change). */
export const noticedTables = ['people', ...Object.keys(personTables), 'incidents', 'trim_offers', 'trim_assessments'] as const

function changeNotices(): string {
  return noticedTables
    .map(
      (table) =>
        `DROP TRIGGER IF EXISTS harbour_notify_change ON ${table};
  CREATE TRIGGER harbour_notify_change AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION harbour_notify_change();`
    )
    .join('\n  ')
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`
}

function policy(table: string, name: string, body: string): string {
  return `DROP POLICY IF EXISTS ${name} ON ${table}; CREATE POLICY ${name} ON ${table} ${body};`
}

const policies = (groups: Record<Role | 'member', string>) => {
  const statements = [
    'ALTER TABLE people ENABLE ROW LEVEL SECURITY',
    policy('people', 'people_visible', 'FOR ALL USING (NOT harbour_person_hidden(id))'),
    // A new person has no access list yet: creating a restricted person names its clinicians next.
    policy('people', 'people_insert', 'FOR INSERT WITH CHECK (true)'),

    'ALTER TABLE person_access ENABLE ROW LEVEL SECURITY',
    policy(
      'person_access',
      'person_access_visible',
      'FOR SELECT USING (user_id = harbour_user_id() OR NOT harbour_person_hidden(person_id))'
    ),
    // Naming clinicians on a restricted person is for those already named, or the person's creator
    // while the list is still empty: nobody can add themselves to someone else's restricted record.
    policy(
      'person_access',
      'person_access_grant',
      'FOR INSERT WITH CHECK (NOT harbour_person_hidden(person_id) OR harbour_person_unclaimed(person_id))'
    ),
    policy('person_access', 'person_access_revoke', 'FOR DELETE USING (NOT harbour_person_hidden(person_id))'),

    ...Object.entries(personTables).flatMap(([table, column]) => [
      `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
      policy(
        table,
        `${table}_visible`,
        `FOR ALL USING (${column} IS NULL OR NOT harbour_person_hidden(${column})) WITH CHECK (${column} IS NULL OR NOT harbour_person_hidden(${column}))`
      )
    ]),

    'ALTER TABLE screening_results ENABLE ROW LEVEL SECURITY',
    policy(
      'screening_results',
      'screening_results_visible',
      'FOR ALL USING (NOT harbour_screening_hidden(screening_id)) WITH CHECK (NOT harbour_screening_hidden(screening_id))'
    ),

    ...['trim_offers', 'trim_assessments'].flatMap((table) => [
      `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
      policy(
        table,
        `${table}_visible`,
        'FOR SELECT USING (practitioner_id = harbour_user_id() OR (harbour_is_clinician() AND NOT harbour_person_hidden(person_id)))'
      ),
      policy(table, `${table}_insert`, 'FOR INSERT WITH CHECK (NOT harbour_person_hidden(person_id))'),
      // Administrators count and purge the TRiM rows of people past retention they may see.
      policy(table, `${table}_retention`, `FOR ALL TO ${groups.admin} USING (NOT harbour_person_hidden(person_id))`)
    ]),
    // What a TRiM practitioner's login may read beyond TRiM's own tables: restrictive, so the
    // rules above still apply; a clinician who is also a practitioner is not narrowed.
    policy(
      'people',
      'people_trim_assigned',
      `AS RESTRICTIVE FOR SELECT TO ${groups.trim} USING (harbour_is_clinician() OR harbour_is_admin() OR harbour_trim_assigned(id) OR harbour_trim_to_plan(id))`
    ),
    policy(
      'exposures',
      'exposures_trim_to_plan',
      `AS RESTRICTIVE FOR SELECT TO ${groups.trim} USING (harbour_is_clinician() OR NOT EXISTS (SELECT 1 FROM trim_plans p WHERE p.incident_id = exposures.incident_id))`
    ),
    policy(
      'cases',
      'cases_trim_assigned',
      `AS RESTRICTIVE FOR SELECT TO ${groups.trim} USING (harbour_is_clinician() OR harbour_trim_assigned(person_id))`
    ),
    policy(
      'tasks',
      'tasks_trim_own',
      `AS RESTRICTIVE FOR ALL TO ${groups.trim} USING (harbour_is_clinician() OR assignee_id = harbour_user_id()) WITH CHECK (harbour_is_clinician() OR source LIKE 'rule:trim-%')`
    ),

    'ALTER TABLE drafts ENABLE ROW LEVEL SECURITY',
    policy('drafts', 'drafts_own', 'FOR ALL USING (user_id = harbour_user_id()) WITH CHECK (user_id = harbour_user_id())'),

    'ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY',
    policy('audit_log', 'audit_log_read', 'FOR SELECT USING (true)'),
    // Entries are written in the writer's own name only.
    policy('audit_log', 'audit_log_append', 'FOR INSERT WITH CHECK (actor_id = harbour_user_id())')
  ]
  return statements.map((statement) => (statement.endsWith(';') ? statement : `${statement};`)).join('\n')
}

/**
 * Creates this database's group roles (if missing), then (re)applies grants, functions and
 * policies. Run by the schema's owner inside the migration's transaction.
 */
export async function applyTeamSecurity(client: pg.ClientBase, database: string): Promise<void> {
  const groups = teamGroups(database)
  for (const group of Object.values(groups)) {
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [group])
    if (exists.rowCount === 0) await client.query(`CREATE ROLE ${client.escapeIdentifier(group)} NOLOGIN`)
  }
  const quoted = Object.fromEntries(Object.entries(groups).map(([key, name]) => [key, client.escapeIdentifier(name)])) as Record<
    Role | 'member',
    string
  >
  await client.query(`
    REVOKE ALL ON DATABASE ${client.escapeIdentifier(database)} FROM PUBLIC;
    GRANT CONNECT ON DATABASE ${client.escapeIdentifier(database)} TO ${quoted.member};
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    GRANT USAGE ON SCHEMA public TO ${quoted.member};
    ${grants(quoted)}
    ${functions(quoted, groups)}
    ${policies(quoted)}
  `)
}
