import { z } from 'zod'
import { access } from './access'

/** Harbour's own HR template: these headers need no mapping (resources/people-import-template.csv). */
export const importColumns = [
  'staff_number',
  'title',
  'given_name',
  'family_name',
  'preferred_name',
  'date_of_birth',
  'employment_type',
  'role',
  'department',
  'line_manager',
  'email',
  'phone',
  'start_date',
  'leaving_date'
] as const

export type ImportColumn = (typeof importColumns)[number]
export const requiredColumns: ImportColumn[] = ['staff_number', 'given_name', 'family_name', 'employment_type']

export const importColumnNames: Record<ImportColumn, string> = {
  staff_number: 'Staff or collar number',
  title: 'Title',
  given_name: 'Given name',
  family_name: 'Family name',
  preferred_name: 'Preferred name',
  date_of_birth: 'Date of birth',
  employment_type: 'Employment type',
  role: 'Role',
  department: 'Department',
  line_manager: 'Line manager',
  email: 'Email',
  phone: 'Phone',
  start_date: 'Start date',
  leaving_date: 'Leaving date'
}

/** Which header in the HR file feeds each Harbour column (absent: not imported). */
export const importMapping = z.partialRecord(z.enum(importColumns), z.string().max(200))
export type ImportMapping = z.infer<typeof importMapping>

/**
 * One problem in a file. `line` is the file's line, or null for a problem with the column
 * mapping (no one line has it). `person` names whose row it is (staff number and name, as
 * the file gives them), for the importing user's eyes only: never logged or audited.
 */
export const importProblem = z.object({ line: z.number().int().nullable(), message: z.string(), person: z.string().optional() })
export type ImportProblem = z.infer<typeof importProblem>

/**
 * Someone an import changes, named only when the importing user may see them (staff number,
 * name, which fields), and the case holders told of it (a new leaver with an open case).
 */
export const importChange = z.object({
  staffNumber: z.string(),
  name: z.string(),
  fields: z.array(z.string()),
  leaver: z.boolean(),
  caseHoldersTold: z.array(z.string())
})
export type ImportChange = z.infer<typeof importChange>

export const importReport = z.object({
  token: z.string(),
  fileName: z.string(),
  headers: z.array(z.string()),
  mapping: importMapping,
  /** The saved mapping that was applied because it matches the file's headers, if one was. */
  appliedPreset: z.string().nullable(),
  /**
   * The check this report shows: it holds while the file's content, the mapping and what it
   * was checked against are unchanged, so importing does not check every row again.
   */
  checkId: z.string(),
  /** True when an import was asked for a check the file or mapping no longer matches: nothing was imported. */
  changedSinceCheck: z.boolean(),
  sample: z.array(z.record(z.string(), z.string())),
  rows: z.number().int(),
  problems: z.array(importProblem),
  /** Problems found beyond those listed: a report lists the first few hundred. */
  moreProblems: z.number().int(),
  /** Rows with at least one problem; with valid rows only, these go to the file of rejected rows. */
  rowsWithProblems: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** The people updated, as far as the user may see them; the first few hundred. */
  changes: z.array(importChange),
  moreChanges: z.number().int(),
  committed: z.boolean(),
  /** Where the rejected rows were saved, when only the valid rows were imported. */
  rejectedRowsFile: z.string().nullable()
})

export type ImportReport = z.infer<typeof importReport>

const importers = access.importers

export const peopleImportChannels = {
  /** Asks for a CSV file (native dialog) and returns a token for it; null if cancelled. */
  'people-import:choose': {
    input: z.object({}).strict(),
    output: z.object({ token: z.string(), fileName: z.string() }).nullable(),
    access: importers
  },
  /**
   * Validates every row with a mapping (or a saved preset, or one whose headers match) and
   * reports; commits only when asked and clean. With `validRowsOnly`, an explicit choice, it
   * imports the valid rows and saves the rejected ones to a CSV file the user chooses. With
   * `checkId`, it imports only what that check showed: if the file has changed since, it
   * reports the new check instead.
   */
  'people-import:run': {
    input: z
      .object({
        token: z.string(),
        mapping: importMapping.optional(),
        preset: z.string().max(80).optional(),
        commit: z.boolean(),
        checkId: z.string().max(80).optional(),
        validRowsOnly: z.boolean().optional()
      })
      .strict(),
    output: importReport,
    access: importers
  },
  'people-import:presets': {
    input: z.object({}).strict(),
    output: z.array(z.object({ name: z.string(), mapping: importMapping })),
    access: importers
  },
  'people-import:savePreset': {
    input: z.object({ name: z.string().trim().min(1, 'Enter a name for the preset').max(80), mapping: importMapping }).strict(),
    output: z.object({ name: z.string() }),
    access: importers
  }
} as const
