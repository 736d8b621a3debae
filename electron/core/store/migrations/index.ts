import type { SqliteDatabase } from '../open'
import { up as initial } from './0010_initial'
import { up as caseload } from './0020_caseload'
import { up as screening } from './0030_screening'
import { up as screeningDue } from './0040_screening_due'
import { up as screeningSafety } from './0050_screening_safety'
import { up as auditSignatures } from './0060_audit_signatures'
import { up as drafts } from './0070_drafts'
import { up as caseOpener } from './0080_case_opener'
import { up as lists } from './0090_lists'
import { up as departmentSpellings } from './0100_department_spellings'
import { up as recallCount } from './0110_recall_count'

export interface Migration {
  version: number
  name: string
  up: (db: SqliteDatabase) => void
}

/** Every migration, in order. Versions step by 10 to leave room; never edit a shipped one. */
export const migrations: Migration[] = [
  { version: 10, name: '0010_initial', up: initial },
  { version: 20, name: '0020_caseload', up: (db) => caseload(db) },
  { version: 30, name: '0030_screening', up: screening },
  { version: 40, name: '0040_screening_due', up: screeningDue },
  { version: 50, name: '0050_screening_safety', up: screeningSafety },
  { version: 60, name: '0060_audit_signatures', up: auditSignatures },
  { version: 70, name: '0070_drafts', up: drafts },
  { version: 80, name: '0080_case_opener', up: caseOpener },
  { version: 90, name: '0090_lists', up: lists },
  { version: 100, name: '0100_department_spellings', up: departmentSpellings },
  { version: 110, name: '0110_recall_count', up: recallCount }
]
