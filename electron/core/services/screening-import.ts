import { basename } from 'node:path'
import { parseCalendarDate, todayInLondon } from '../../../shared/calendar-date'
import type { ScreeningImportReport, screeningImportMapping } from '../../../shared/contract/screening-import'
import { getInstrument, instrumentIds, InstrumentInputError } from '../../../shared/instruments'
import type { z } from 'zod'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { addImportProblem, addProblem } from './import-limits'
import { absentColumn, personOfRow, rowProblem, unmappedColumn } from './import-problems'
import { chosenFilePath, registerChosenFile } from './chosen-files'
import { readCsv } from './people-import'
import { auditImportRefused, hiddenPeopleByStaffNumber } from '../access'
import { insertSitting, scoreAll } from './screening'
import { currentUser } from './session-helpers'

type Mapping = z.infer<typeof screeningImportMapping>

export async function chooseScreeningFile(call: CallContext): Promise<{ token: string; fileName: string } | null> {
  if (!call.core.dialogs?.chooseImportFile)
    throw new CoreError('unavailable', 'Importing needs a file dialog, which is not available here.')
  const path = await call.core.dialogs.chooseImportFile()
  return path ? registerChosenFile(call, path) : null
}

const guess = (headers: string[], names: string[]) =>
  headers.find((h) =>
    names.includes(
      h
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_')
    )
  )

/**
 * Validates every row (known person, real past date, known questionnaire, allowed answers,
 * no duplicates in the file or already stored), then — only when clean and asked — saves one
 * imported sitting per person and date, re-scored, with alerts, all in one transaction.
 */
export async function importScreenings(
  call: CallContext,
  options: { path: string; token: string; mapping?: Mapping | undefined; commit: boolean }
): Promise<ScreeningImportReport> {
  const user = currentUser(call)
  const parsed = readCsv(options.path)
  const mapping = {
    staffNumber: options.mapping?.staffNumber ?? guess(parsed.headers, ['staff_number', 'staff_no', 'collar_number']),
    date: options.mapping?.date ?? guess(parsed.headers, ['date', 'completed', 'completed_on', 'sitting_date']),
    instrument: options.mapping?.instrument ?? guess(parsed.headers, ['instrument', 'questionnaire', 'measure'])
  }
  const report: ScreeningImportReport = {
    token: options.token,
    fileName: basename(options.path),
    headers: parsed.headers,
    rows: parsed.records.length,
    sittings: 0,
    problems: [],
    moreProblems: 0,
    alerts: 0,
    committed: false
  }
  for (const header of Object.values(options.mapping ?? {})) {
    if (header && !parsed.headers.includes(header)) addImportProblem(report, absentColumn(header))
  }
  for (const [key, label] of [
    ['staffNumber', 'staff number'],
    ['date', 'date'],
    ['instrument', 'instrument']
  ] as const) {
    if (!mapping[key]) addImportProblem(report, unmappedColumn(label))
  }
  if (report.problems.length > 0) return report

  const db = call.db
  // A restricted person this user may not see is treated exactly as a staff number no one
  // has, so the problem list cannot tell anyone that such a record exists.
  const hidden = await hiddenPeopleByStaffNumber(db, user.id)
  const people = new Map(
    (await db.selectFrom('people').select(['id', 'staff_number', 'given_name', 'family_name']).execute())
      .filter((p) => !hidden.has(p.staff_number.toLowerCase()))
      .map((p) => [p.staff_number.toLowerCase(), { id: p.id, name: personOfRow(p.staff_number, p.given_name, p.family_name) }])
  )
  const refused = new Set<string>()
  const today = todayInLondon(call.core.clock())
  const stored = new Set(
    (
      await db
        .selectFrom('screenings')
        .innerJoin('screening_results', 'screening_results.screening_id', 'screenings.id')
        .select(['screenings.person_id', 'screenings.sitting_date', 'screening_results.instrument_id'])
        .where('screenings.superseded_by_id', 'is', null)
        .execute()
    ).map((r) => `${r.person_id}|${r.sitting_date}|${r.instrument_id}`)
  )
  const seen = new Map<string, number>()
  const groups = new Map<
    string,
    { personId: string; date: string; results: { kind: 'items'; instrument: string; answers: (number | null)[] }[] }
  >()
  for (const record of parsed.records) {
    const get = (header: string | undefined) => (header ? (record.values[header] ?? '').trim() : '')
    const problems: string[] = []
    const staffNumber = get(mapping.staffNumber)
    const known = people.get(staffNumber.toLowerCase())
    const personId = known?.id
    // Named as Harbour knows them when this user may see them; otherwise (no one, or a
    // restricted record) by the file's staff number alone, so the two read the same.
    const person = known?.name ?? personOfRow(staffNumber)
    if (!staffNumber) problems.push('staff number is missing')
    else if (!personId) problems.push(`no one in Harbour has staff number ${staffNumber}`)
    const hiddenId = hidden.get(staffNumber.toLowerCase())
    if (hiddenId) refused.add(hiddenId)
    const date = parseCalendarDate(get(mapping.date))
    if (!date) problems.push(`date "${get(mapping.date)}" is not a date (use DD/MM/YYYY or YYYY-MM-DD)`)
    else if (date > today) problems.push('date is in the future')
    const instrument = get(mapping.instrument)
      .toLowerCase()
      .replace(/[\s-]+/g, '')
    let answers: (number | null)[] = []
    try {
      const definition = getInstrument(instrument)
      answers = definition.items.map((item) => {
        const text = record.values[`item_${item.number}`] ?? ''
        if (text.trim() === '') return null
        const value = Number(text)
        return Number.isFinite(value) ? value : Number.NaN
      })
      const extra = Object.keys(record.values).filter(
        (h) => /^item_\d+$/.test(h) && Number(h.slice(5)) > definition.items.length && (record.values[h] ?? '').trim() !== ''
      )
      if (extra.length) problems.push(`${definition.title} has ${definition.items.length} items, but ${extra[0]} has an answer`)
      scoreAll([{ kind: 'items', instrument, answers: answers.map((a) => (Number.isNaN(a) ? 0.5 : a)) }], 'imported')
    } catch (error) {
      // The user's own file: naming what it says helps them mend it.
      if (error instanceof InstrumentInputError && error.item === null && !instrumentIds.includes(instrument))
        problems.push(`"${get(mapping.instrument)}" is not a questionnaire Harbour scores (use one of ${instrumentIds.join(', ')})`)
      else if (error instanceof InstrumentInputError) problems.push(error.message.replace(/\.$/, ''))
      else if (error instanceof CoreError) problems.push(error.message.replace(/\.$/, ''))
      else throw error
    }
    if (personId && date) {
      const key = `${personId}|${date}|${instrument}`
      const first = seen.get(key)
      if (first !== undefined) problems.push(`the same result is also on line ${first}`)
      else seen.set(key, record.line)
      if (stored.has(key)) problems.push('this result is already in Harbour')
    }
    for (const message of problems) addImportProblem(report, rowProblem(record.line, message, person))
    if (problems.length === 0 && personId && date) {
      const group = groups.get(`${personId}|${date}`) ?? { personId, date, results: [] }
      group.results.push({ kind: 'items', instrument, answers })
      groups.set(`${personId}|${date}`, group)
    }
  }
  if (parsed.records.length === 0) addProblem(report, 1, 'the file has a header row but no results')
  await auditImportRefused(call, refused)
  report.sittings = groups.size
  if (report.problems.length > 0 || !options.commit) return report
  await db.transaction().execute(async (trx) => {
    for (const group of groups.values()) {
      const scored = scoreAll(group.results, 'imported')
      report.alerts += scored.reduce((n, r) => n + r.flags.filter((f) => f.severity === 'critical').length, 0)
      await insertSitting(
        trx,
        call,
        { personId: group.personId, sittingDate: group.date, mode: 'imported', supersedes: null, reason: null },
        scored
      )
    }
  })
  report.committed = true
  return report
}

export async function runScreeningImport(
  call: CallContext,
  input: { token: string; mapping?: Mapping | undefined; commit: boolean }
): Promise<ScreeningImportReport> {
  return importScreenings(call, { path: chosenFilePath(call, input.token), ...input })
}
