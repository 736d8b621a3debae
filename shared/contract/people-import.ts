import { z } from 'zod'

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

export const importReport = z.object({
  token: z.string(),
  fileName: z.string(),
  headers: z.array(z.string()),
  mapping: importMapping,
  sample: z.array(z.record(z.string(), z.string())),
  rows: z.number().int(),
  problems: z.array(z.object({ line: z.number().int(), message: z.string() })),
  /** Problems found beyond those listed: a report lists the first few hundred. */
  moreProblems: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  committed: z.boolean()
})

export type ImportReport = z.infer<typeof importReport>

const importers = ['admin', 'clinician'] as const

export const peopleImportChannels = {
  /** Asks for a CSV file (native dialog) and returns a token for it; null if cancelled. */
  'people-import:choose': { input: z.object({}).strict(), output: z.object({ token: z.string(), fileName: z.string() }).nullable(), access: importers },
  /** Validates every row with a mapping (or a saved preset) and reports; commits only when asked and clean. */
  'people-import:run': {
    input: z.object({ token: z.string(), mapping: importMapping.optional(), preset: z.string().max(80).optional(), commit: z.boolean() }).strict(),
    output: importReport,
    access: importers
  },
  'people-import:presets': { input: z.object({}).strict(), output: z.array(z.object({ name: z.string(), mapping: importMapping })), access: importers },
  'people-import:savePreset': {
    input: z.object({ name: z.string().trim().min(1, 'Enter a name for the preset').max(80), mapping: importMapping }).strict(),
    output: z.object({ name: z.string() }),
    access: importers
  }
} as const
