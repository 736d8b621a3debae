import type { SqliteDatabase } from '../open'
import type { PostgresStep } from '../postgres/run'
import { postgres as initialOnPostgres, up as initial } from './0010_initial'
import { postgres as caseloadOnPostgres, up as caseload } from './0020_caseload'
import { postgres as screeningOnPostgres, up as screening } from './0030_screening'
import { postgres as screeningDueOnPostgres, up as screeningDue } from './0040_screening_due'
import { postgres as screeningSafetyOnPostgres, up as screeningSafety } from './0050_screening_safety'
import { postgres as auditSignaturesOnPostgres, up as auditSignatures } from './0060_audit_signatures'
import { postgres as draftsOnPostgres, up as drafts } from './0070_drafts'
import { postgres as caseOpenerOnPostgres, up as caseOpener } from './0080_case_opener'
import { postgres as listsOnPostgres, up as lists } from './0090_lists'
import { postgres as departmentSpellingsOnPostgres, up as departmentSpellings } from './0100_department_spellings'
import { postgres as recallCountOnPostgres, up as recallCount } from './0110_recall_count'
import { postgres as recallOwnRoleOnPostgres, up as recallOwnRole } from './0120_recall_own_role'
import { postgres as notAttemptedOnPostgres, up as notAttempted } from './0130_not_attempted'
import { postgres as traumaticContentRecallOnPostgres, up as traumaticContentRecall } from './0140_traumatic_content_recall'
import { postgres as referralsOnPostgres, up as referrals } from './0150_referrals'
import { postgres as incidentsOnPostgres, up as incidents } from './0160_incidents'
import { postgres as signpostingOnPostgres, up as signposting } from './0180_signposting'
import { postgres as trimOnPostgres, up as trim } from './0190_trim'
import { postgres as consentOnPostgres, up as consent } from './0200_consent'
import { postgres as trimPromptClaimsOnPostgres, up as trimPromptClaims } from './0210_trim_prompt_claims'
import { postgres as referralsWorklistOnPostgres, up as referralsWorklist } from './0220_referrals_worklist'
import { postgres as recordVersionsOnPostgres, up as recordVersions } from './0230_record_versions'
import { postgres as reportViewsOnPostgres, up as reportViews } from './0240_report_views'
import { postgres as retentionPurgeOnPostgres, up as retentionPurge } from './0250_retention_purge'
import { postgres as reportOutcomesOnPostgres, up as reportOutcomes } from './0260_report_outcomes'

export interface Migration {
  version: number
  name: string
  /** The step on SQLite (a standalone store). */
  up: (db: SqliteDatabase) => void
  /**
   * The same step on PostgreSQL (a team server). Every shipped step has one; the PostgreSQL
   * runner refuses a list with a step that lacks it.
   */
  postgres?: PostgresStep
}

/**
 * Every migration, in order, each with its SQLite and PostgreSQL parts in one file. Versions
 * step by 10 to leave room and may skip a number (one made on another branch may fill it);
 * they only have to ascend. Never change what a shipped one does to an existing database.
 */
export const migrations: Migration[] = [
  { version: 10, name: '0010_initial', up: initial, postgres: initialOnPostgres },
  { version: 20, name: '0020_caseload', up: (db) => caseload(db), postgres: caseloadOnPostgres },
  { version: 30, name: '0030_screening', up: screening, postgres: screeningOnPostgres },
  { version: 40, name: '0040_screening_due', up: screeningDue, postgres: screeningDueOnPostgres },
  { version: 50, name: '0050_screening_safety', up: screeningSafety, postgres: screeningSafetyOnPostgres },
  { version: 60, name: '0060_audit_signatures', up: auditSignatures, postgres: auditSignaturesOnPostgres },
  { version: 70, name: '0070_drafts', up: drafts, postgres: draftsOnPostgres },
  { version: 80, name: '0080_case_opener', up: caseOpener, postgres: caseOpenerOnPostgres },
  { version: 90, name: '0090_lists', up: lists, postgres: listsOnPostgres },
  { version: 100, name: '0100_department_spellings', up: departmentSpellings, postgres: departmentSpellingsOnPostgres },
  { version: 110, name: '0110_recall_count', up: recallCount, postgres: recallCountOnPostgres },
  { version: 120, name: '0120_recall_own_role', up: recallOwnRole, postgres: recallOwnRoleOnPostgres },
  { version: 130, name: '0130_not_attempted', up: notAttempted, postgres: notAttemptedOnPostgres },
  { version: 140, name: '0140_traumatic_content_recall', up: traumaticContentRecall, postgres: traumaticContentRecallOnPostgres },
  { version: 150, name: '0150_referrals', up: referrals, postgres: referralsOnPostgres },
  { version: 160, name: '0160_incidents', up: incidents, postgres: incidentsOnPostgres },
  { version: 180, name: '0180_signposting', up: signposting, postgres: signpostingOnPostgres },
  { version: 190, name: '0190_trim', up: trim, postgres: trimOnPostgres },
  { version: 200, name: '0200_consent', up: consent, postgres: consentOnPostgres },
  { version: 210, name: '0210_trim_prompt_claims', up: trimPromptClaims, postgres: trimPromptClaimsOnPostgres },
  { version: 220, name: '0220_referrals_worklist', up: referralsWorklist, postgres: referralsWorklistOnPostgres },
  { version: 230, name: '0230_record_versions', up: recordVersions, postgres: recordVersionsOnPostgres },
  { version: 240, name: '0240_report_views', up: reportViews, postgres: reportViewsOnPostgres },
  { version: 250, name: '0250_retention_purge', up: retentionPurge, postgres: retentionPurgeOnPostgres },
  { version: 260, name: '0260_report_outcomes', up: reportOutcomes, postgres: reportOutcomesOnPostgres }
]
