import { randomUUID } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { parse } from 'csv-parse/sync'
import { parseCalendarDate, todayInLondon } from '../../../shared/calendar-date'
import { employmentTypes, personInput, type EmploymentType } from '../../../shared/contract/people'
import { importColumns, importMapping, requiredColumns, type ImportColumn, type ImportMapping, type ImportReport } from '../../../shared/contract/people-import'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAuditSync } from '../store/audit'
import { addProblem, checkCsvLimits, importLimits } from './import-limits'
import type { PeopleTable } from '../store/schema-caseload'
import { auditImportRefused, hiddenPeopleByStaffNumber, toRow, type PersonFields } from './people'
import { currentUser } from './session-helpers'

const sampleSize = 5

/** Files chosen in the native dialog, by token: the window never names a path itself. */
const chosenFiles = new Map<string, string>()

export function registerImportFile(path: string): { token: string; fileName: string } {
  const token = randomUUID()
  chosenFiles.set(token, path)
  return { token, fileName: basename(path) }
}

export async function chooseImportFile(call: CallContext): Promise<{ token: string; fileName: string } | null> {
  if (!call.core.dialogs?.chooseImportFile) throw new CoreError('unavailable', 'Importing needs a file dialog, which is not available here.')
  const path = await call.core.dialogs.chooseImportFile()
  return path ? registerImportFile(path) : null
}

const normaliseHeader = (header: string) => header.trim().toLowerCase().replace(/[\s-]+/g, '_')

interface Parsed {
  headers: string[]
  records: { line: number; values: Record<string, string> }[]
}

/**
 * Reads a CSV (UTF-8 with or without BOM, CRLF or LF, quoted commas and newlines) with line
 * numbers. Both imports read through here, so the size, row, column and value limits
 * (import-limits.ts) are checked here, before anything is built from the file.
 */
export function readCsv(path: string): Parsed {
  let size: number
  try {
    size = statSync(path).size
  } catch {
    throw new CoreError('not-found', 'The file could not be read. Check it still exists.')
  }
  if (size > importLimits.bytes) throw new CoreError('invalid-input', 'The file is larger than 50 MB. Split it and import each part.')
  const text = readFileSync(path, 'utf8')
  checkCsvLimits(text)
  let rows: { record: string[]; raw: string }[]
  try {
    rows = parse(text, { bom: true, raw: true, relax_column_count: true, skip_empty_lines: false }) as unknown as { record: string[]; raw: string }[]
  } catch (error) {
    const lines = (error as { lines?: number }).lines
    throw new CoreError('invalid-input', `The file is not valid CSV${lines ? ` (near line ${lines})` : ''}: check for an unclosed quote.`)
  }
  let line = 1
  const withLines = rows.map((row) => {
    const start = line
    // The raw text may or may not carry the record's own line ending; count only the ones inside it.
    line += (row.raw.replace(/(\r\n|\n|\r)$/, '').match(/\n/g)?.length ?? 0) + 1
    return { line: start, record: row.record }
  })
  const [header, ...body] = withLines.filter((row) => !(row.record.length === 1 && row.record[0]?.trim() === ''))
  if (!header) throw new CoreError('invalid-input', 'The file is empty.')
  const headers = header.record.map((h) => h.trim())
  return {
    headers,
    records: body.map((row) => ({
      line: row.line,
      values: Object.fromEntries(headers.map((h, i) => [h, (row.record[i] ?? '').trim()]))
    }))
  }
}

/** The mapping to use: the one given, else a saved preset, else Harbour's own header names. */
function resolveMapping(headers: string[], given: ImportMapping | undefined, preset: ImportMapping | undefined): ImportMapping {
  if (given) return given
  if (preset) return preset
  const byNormalised = new Map(headers.map((h) => [normaliseHeader(h), h]))
  return Object.fromEntries(importColumns.filter((c) => byNormalised.has(c)).map((c) => [c, byNormalised.get(c) as string]))
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

interface RowOutcome {
  line: number
  fields?: PersonFields
  problems: string[]
}

/** Checks one row; every problem is listed, so one pass finds them all. */
function checkRow(line: number, get: (column: ImportColumn) => string, roles: Map<string, string>, today: string): RowOutcome {
  const problems: string[] = []
  const date = (column: ImportColumn, label: string): string | null => {
    const text = get(column)
    if (!text) return null
    const parsed = parseCalendarDate(text)
    if (!parsed) problems.push(`${label} "${text}" is not a date (use DD/MM/YYYY or YYYY-MM-DD)`)
    return parsed
  }
  for (const column of requiredColumns) {
    if (!get(column)) problems.push(`${column.replace(/_/g, ' ')} is missing`)
  }
  const type = get('employment_type') ? employmentType(get('employment_type')) : null
  if (get('employment_type') && !type) problems.push(`employment type "${get('employment_type')}" is not one of police officer, police staff, special constable, PCSO, volunteer`)
  const roleText = get('role')
  const roleId = roleText ? (roles.get(roleText.toLowerCase()) ?? null) : null
  if (roleText && !roleId) problems.push(`role "${roleText}" is not in the role catalogue`)
  const dateOfBirth = date('date_of_birth', 'date of birth')
  const startDate = date('start_date', 'start date')
  const leavingDate = date('leaving_date', 'leaving date')
  if (dateOfBirth && dateOfBirth > today) problems.push('date of birth is in the future')
  if (startDate && leavingDate && leavingDate < startDate) problems.push('leaving date is before the start date')
  if (problems.length > 0) return { line, problems }
  const candidate = {
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
  }
  const checked = personInput.safeParse(candidate)
  if (!checked.success) {
    // The same rules as the person form, reworded for a file.
    for (const issue of checked.error.issues) problems.push(`${String(issue.path[0] ?? 'row')}: ${issue.message.toLowerCase()}`)
    return { line, problems }
  }
  return { line, fields: checked.data, problems }
}

/** The columns an import writes; restriction, named clinicians and adjustments are Harbour's own. */
const importedColumns = [
  'staff_number',
  'title',
  'given_name',
  'family_name',
  'preferred_name',
  'date_of_birth',
  'employment_type',
  'role_id',
  'department',
  'line_manager',
  'email',
  'phone',
  'start_date',
  'leaving_date'
] as const

function importedValues(fields: PersonFields): Pick<PeopleTable, (typeof importedColumns)[number]> & { search_key: string } {
  // The same mapping as the person form, keeping only the columns an import owns.
  const row = toRow(fields)
  return { ...Object.fromEntries(importedColumns.map((column) => [column, row[column]])), search_key: row.search_key } as Pick<PeopleTable, (typeof importedColumns)[number]> & { search_key: string }
}

export interface ImportOptions {
  path: string
  token: string
  mapping?: ImportMapping | undefined
  preset?: string | undefined
  commit: boolean
}

/**
 * Validates every row of an HR file, reports every problem with its line number, and — only
 * when asked and only when there is no problem at all — creates and updates people by staff
 * number in one transaction. Importing the same file twice changes nothing the second time.
 */
export async function importPeople(call: CallContext, options: ImportOptions): Promise<ImportReport> {
  const { vault, core } = call
  const user = currentUser(call)
  const parsed = readCsv(options.path)
  let preset: ImportMapping | undefined
  if (options.preset) {
    const row = await vault.db.selectFrom('import_presets').select('mapping').where('name', '=', options.preset).executeTakeFirst()
    if (!row) throw new CoreError('not-found', 'There is no saved mapping with that name. Choose one from the list.')
    preset = importMapping.parse(JSON.parse(row.mapping))
  }
  const mapping = resolveMapping(parsed.headers, options.mapping, preset)
  const report: ImportReport = {
    token: options.token,
    fileName: basename(options.path),
    headers: parsed.headers,
    mapping,
    sample: parsed.records.slice(0, sampleSize).map((r) => r.values),
    rows: parsed.records.length,
    problems: [],
    moreProblems: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    committed: false
  }
  const missingHeaders = Object.values(mapping).filter((header) => header && !parsed.headers.includes(header))
  for (const header of missingHeaders) addProblem(report, 1, `the file has no column "${header}"`)
  for (const column of requiredColumns) {
    if (!mapping[column]) addProblem(report, 1, `no column is mapped to ${column.replace(/_/g, ' ')}`)
  }
  if (report.problems.length > 0) return report

  const roles = new Map<string, string>()
  for (const role of await vault.db.selectFrom('roles').select(['id', 'name']).execute()) {
    roles.set(role.id.toLowerCase(), role.id)
    roles.set(role.name.toLowerCase(), role.id)
  }
  const today = todayInLondon(core.clock())
  const hidden = await hiddenPeopleByStaffNumber(vault.db, user.id)
  const refused = new Set<string>()
  const seen = new Map<string, number>()
  const good: { line: number; fields: PersonFields }[] = []
  const progressEvery = 2000
  for (const [index, record] of parsed.records.entries()) {
    if (index % progressEvery === 0) {
      core.progress?.({ task: 'people-import', phase: 'checking', done: index, total: parsed.records.length })
      // Let the shell deliver the progress and stay responsive during a large file.
      await new Promise((resolve) => setImmediate(resolve))
    }
    const get = (column: ImportColumn) => {
      const header = mapping[column]
      return header ? (record.values[header] ?? '') : ''
    }
    const outcome = checkRow(record.line, get, roles, today)
    const staffNumber = get('staff_number').toLowerCase()
    if (staffNumber) {
      const first = seen.get(staffNumber)
      if (first !== undefined) outcome.problems.push(`staff number ${get('staff_number')} also appears on line ${first}`)
      else seen.set(staffNumber, record.line)
      const hiddenId = hidden.get(staffNumber)
      if (hiddenId) {
        // A restricted record this user may not see. Refusing the row is the safest choice:
        // updating it would take them past their role, and skipping it quietly would lose the
        // HR change without anyone knowing. The words say only that the number is on a
        // record they may not change, never why or whose; that the number is in use is no
        // more than the person form already says ("Someone already has that staff number").
        outcome.problems.push(`staff number ${get('staff_number')} is on a record you may not change, so this row cannot be imported`)
        refused.add(hiddenId)
      }
    }
    for (const message of outcome.problems) addProblem(report, record.line, message)
    if (outcome.fields && outcome.problems.length === 0) good.push({ line: record.line, fields: outcome.fields })
  }
  if (parsed.records.length === 0) addProblem(report, 1, 'the file has a header row but no people')
  await auditImportRefused(call, refused)
  if (report.problems.length > 0) return report

  const sqlite = vault.sqlite
  const existing = new Map<string, PeopleTable>()
  for (const row of sqlite.prepare('SELECT * FROM people').iterate() as IterableIterator<PeopleTable>) existing.set(row.staff_number.toLowerCase(), row)
  const plan = good.map(({ fields }) => {
    const values = importedValues(fields)
    const before = existing.get(fields.staffNumber.toLowerCase())
    if (!before) return { kind: 'create' as const, values }
    const same = importedColumns.every((column) => (before[column] ?? null) === (values[column] ?? null))
    return { kind: same ? ('unchanged' as const) : ('update' as const), values, id: before.id }
  })
  report.created = plan.filter((p) => p.kind === 'create').length
  report.updated = plan.filter((p) => p.kind === 'update').length
  report.unchanged = plan.filter((p) => p.kind === 'unchanged').length
  if (!options.commit) return report

  core.progress?.({ task: 'people-import', phase: 'saving', done: 0, total: plan.length })
  await new Promise((resolve) => setImmediate(resolve))
  const now = core.clock().toISOString()
  const insert = sqlite.prepare(
    `INSERT INTO people (id, ${importedColumns.join(', ')}, restricted, adjustments, search_key, created_at, updated_at)
     VALUES (@id, ${importedColumns.map((c) => `@${c}`).join(', ')}, 0, NULL, @search_key, @now, @now)`
  )
  const update = sqlite.prepare(
    `UPDATE people SET ${importedColumns.map((c) => `${c} = @${c}`).join(', ')}, search_key = @search_key, updated_at = @now WHERE id = @id`
  )
  // All or nothing: one transaction, with its audit entry inside it.
  sqlite.transaction(() => {
    for (const step of plan) {
      if (step.kind === 'create') insert.run({ ...step.values, id: randomUUID(), now })
      else if (step.kind === 'update') update.run({ ...step.values, id: step.id, now })
    }
    appendAuditSync(
      sqlite,
      { actorId: user.id, action: 'people.imported', entityType: 'import', detail: `created=${report.created},updated=${report.updated},unchanged=${report.unchanged}` },
      core.clock()
    )
  }).immediate()
  report.committed = true
  core.progress?.({ task: 'people-import', phase: 'done', done: plan.length, total: plan.length })
  return report
}

/** The path behind a token from the file dialog; the window never names a path itself. */
export function resolveImportFile(token: string): string {
  const path = chosenFiles.get(token)
  if (!path) throw new CoreError('not-found', 'Choose the file again: Harbour no longer has it open.')
  return path
}

export async function runImport(call: CallContext, input: { token: string; mapping?: ImportMapping | undefined; preset?: string | undefined; commit: boolean }): Promise<ImportReport> {
  return importPeople(call, { path: resolveImportFile(input.token), ...input })
}

export async function listPresets(call: CallContext): Promise<{ name: string; mapping: ImportMapping }[]> {
  const rows = await call.vault.db.selectFrom('import_presets').selectAll().orderBy('name').execute()
  return rows.map((row) => ({ name: row.name, mapping: importMapping.parse(JSON.parse(row.mapping)) }))
}

export async function savePreset(call: CallContext, input: { name: string; mapping: ImportMapping }): Promise<{ name: string }> {
  const now = call.core.clock().toISOString()
  await call.vault.db
    .insertInto('import_presets')
    .values({ name: input.name, mapping: JSON.stringify(input.mapping), updated_at: now })
    .onConflict((conflict) => conflict.column('name').doUpdateSet({ mapping: JSON.stringify(input.mapping), updated_at: now }))
    .execute()
  return { name: input.name }
}
