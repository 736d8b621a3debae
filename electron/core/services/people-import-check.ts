import { parseCalendarDate } from '../../../shared/calendar-date'
import { inUserWords } from '../../../shared/contract/messages'
import { employmentTypes, personInput, type EmploymentType } from '../../../shared/contract/people'
import {
  importColumnNames,
  requiredColumns,
  type ImportColumn,
  type ImportMapping,
  type ImportProblem
} from '../../../shared/contract/people-import'
import { implausibleDates, type ImplausibleDate } from '../../../shared/employment-dates'
import type { ProgressUpdate } from '../../../shared/contract/progress'
import type { ParsedCsv } from './csv-reader'
import { absentColumn, personOfRow, rowProblem, unmappedColumn } from './import-problems'
import type { PersonFields } from './people'

/** What a file is checked against besides itself: read from the store once per check. */
export interface CheckContext {
  /** Role ids by lower-case id and name. */
  roles: Map<string, string>
  /** People the importer may not see, by lower-case staff number. */
  hidden: Map<string, string>
  today: string
}

export interface RejectedRow {
  line: number
  cells: string[]
  messages: string[]
}

/** The outcome of checking every row: what can be imported, and what cannot and why. */
export interface CheckedFile {
  /** Every problem, in file order (a report lists the first few hundred). */
  problems: ImportProblem[]
  /** True when the column mapping itself is wrong, so no row was checked. */
  mappingProblem: boolean
  good: { line: number; fields: PersonFields }[]
  rejected: RejectedRow[]
  /** Restricted people a row tried to change: audited as refused. */
  refused: Set<string>
}

const employmentAliases: Record<string, EmploymentType> = {
  'police officer': 'police-officer',
  officer: 'police-officer',
  'police staff': 'police-staff',
  staff: 'police-staff',
  'special constable': 'special-constable',
  special: 'special-constable',
  pcso: 'pcso',
  'police community support officer': 'pcso',
  volunteer: 'volunteer',
  'police support volunteer': 'volunteer'
}

function employmentType(text: string): EmploymentType | null {
  const key = text.trim().toLowerCase().replace(/[-_]+/g, ' ').replace(/\s+/g, ' ')
  if ((employmentTypes as readonly string[]).includes(key.replace(/ /g, '-'))) return key.replace(/ /g, '-') as EmploymentType
  return employmentAliases[key] ?? null
}

/** The person form's field names, as the import's columns, for its messages. */
const columnOfField: Record<string, ImportColumn> = {
  staffNumber: 'staff_number',
  title: 'title',
  givenName: 'given_name',
  familyName: 'family_name',
  preferredName: 'preferred_name',
  dateOfBirth: 'date_of_birth',
  employmentType: 'employment_type',
  roleId: 'role',
  department: 'department',
  lineManager: 'line_manager',
  email: 'email',
  phone: 'phone',
  startDate: 'start_date',
  leavingDate: 'leaving_date'
}

/** A column's label as it reads inside a sentence: "start date". */
const label = (column: ImportColumn) => (column === 'staff_number' ? 'staff number' : importColumnNames[column].toLowerCase())

function dateMessage(problem: ImplausibleDate, text: (column: ImportColumn) => string): string {
  switch (problem.kind) {
    case 'born-in-future':
      return 'date of birth is in the future'
    case 'born-too-long-ago':
      return `date of birth "${text('date_of_birth')}" is more than 100 years ago`
    case 'before-minimum-age':
      return `${label(problem.date)} "${text(problem.date)}" is before their 16th birthday (date of birth "${text('date_of_birth')}")`
    case 'leaving-before-start':
      return 'leaving date is before the start date'
    case 'too-far-ahead':
      return `${label(problem.date)} "${text(problem.date)}" is more than ${problem.years === 1 ? 'a year' : `${problem.years} years`} from now`
  }
}

/** Checks one row; every problem is listed, so one pass finds them all. */
function checkRow(get: (column: ImportColumn) => string, context: CheckContext): { fields?: PersonFields; problems: string[] } {
  const problems: string[] = []
  const date = (column: ImportColumn): string | null => {
    const text = get(column)
    if (!text) return null
    const parsed = parseCalendarDate(text)
    if (!parsed) problems.push(`${label(column)} "${text}" is not a date (use DD/MM/YYYY or YYYY-MM-DD)`)
    return parsed
  }
  for (const column of requiredColumns) {
    if (!get(column)) problems.push(`${column.replace(/_/g, ' ')} is missing`)
  }
  const type = get('employment_type') ? employmentType(get('employment_type')) : null
  if (get('employment_type') && !type)
    problems.push(
      `employment type "${get('employment_type')}" is not one of police officer, police staff, special constable, PCSO, volunteer`
    )
  const roleText = get('role')
  const roleId = roleText ? (context.roles.get(roleText.toLowerCase()) ?? null) : null
  if (roleText && !roleId) problems.push(`role "${roleText}" is not in the role catalogue`)
  const dateOfBirth = date('date_of_birth')
  const startDate = date('start_date')
  const leavingDate = date('leaving_date')
  for (const problem of implausibleDates({ dateOfBirth, startDate, leavingDate }, context.today)) problems.push(dateMessage(problem, get))
  if (problems.length > 0) return { problems }
  const checked = personInput.safeParse(
    {
      staffNumber: get('staff_number'),
      title: get('title'),
      givenName: get('given_name'),
      familyName: get('family_name'),
      preferredName: get('preferred_name'),
      dateOfBirth,
      employmentType: type,
      roleId,
      department: get('department'),
      lineManager: get('line_manager'),
      email: get('email'),
      phone: get('phone'),
      startDate,
      leavingDate,
      restricted: false,
      namedClinicianIds: [],
      adjustments: null
    },
    inUserWords
  )
  if (!checked.success) {
    // The same rules as the person form, in the user's words, named by the column's label.
    for (const issue of checked.error.issues) {
      const column = columnOfField[String(issue.path[0])]
      problems.push(`${column ? label(column) : 'row'}: ${issue.message.toLowerCase()}`)
    }
    return { problems }
  }
  return { fields: checked.data, problems }
}

/** Whose row it is, as the file names them: for the importing user only, never logged. */
const personOf = (get: (column: ImportColumn) => string) => personOfRow(get('staff_number'), get('given_name'), get('family_name'))

/** Checks the mapping, then every row; never writes. Yields now and then so the window stays responsive. */
export async function checkFile(
  file: ParsedCsv,
  mapping: ImportMapping,
  context: CheckContext,
  progress?: (update: ProgressUpdate) => void
): Promise<CheckedFile> {
  const checked: CheckedFile = { problems: [], mappingProblem: false, good: [], rejected: [], refused: new Set() }
  for (const header of Object.values(mapping)) {
    if (header && !file.headers.includes(header)) checked.problems.push(absentColumn(header))
  }
  for (const column of requiredColumns) {
    if (!mapping[column]) checked.problems.push(unmappedColumn(column.replace(/_/g, ' ')))
  }
  if (checked.problems.length > 0) {
    checked.mappingProblem = true
    return checked
  }
  if (file.records.length === 0) {
    checked.problems.push({ line: 1, message: 'the file has a header row but no people' })
    return checked
  }

  const seen = new Map<string, number>()
  const progressEvery = 2000
  const total = file.records.length
  for (const [index, record] of file.records.entries()) {
    if (index % progressEvery === 0) {
      progress?.({ task: 'people-import', phase: 'checking', done: index, total })
      // Let the shell deliver the progress and stay responsive during a large file.
      await new Promise((resolve) => setImmediate(resolve))
    }
    const get = (column: ImportColumn) => {
      const header = mapping[column]
      return header ? (record.values[header] ?? '') : ''
    }
    const outcome = checkRow(get, context)
    const staffNumber = get('staff_number').toLowerCase()
    if (staffNumber) {
      const first = seen.get(staffNumber)
      if (first !== undefined) outcome.problems.push(`staff number ${get('staff_number')} also appears on line ${first}`)
      else seen.set(staffNumber, record.line)
      const hiddenId = context.hidden.get(staffNumber)
      if (hiddenId) {
        // A restricted record this user may not see. Refusing the row is the safest choice:
        // updating it would take them past their role, and skipping it quietly would lose the
        // HR change without anyone knowing. The words say only that the number is on a
        // record they may not change, never why or whose; that the number is in use is no
        // more than the person form already says ("Someone already has that staff number").
        outcome.problems.push(`staff number ${get('staff_number')} is on a record you may not change, so this row cannot be imported`)
        checked.refused.add(hiddenId)
      }
    }
    if (outcome.fields && outcome.problems.length === 0) {
      checked.good.push({ line: record.line, fields: outcome.fields })
      continue
    }
    const person = personOf(get)
    for (const message of outcome.problems) checked.problems.push(rowProblem(record.line, message, person))
    checked.rejected.push({ line: record.line, cells: record.cells, messages: outcome.problems })
  }
  return checked
}
