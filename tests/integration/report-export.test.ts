import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { Uint8ArrayReader, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import type { Person } from '../../shared/contract/people'
import type { ReportExportResult, ReportFigures, ReportResult, ReportTable } from '../../shared/contract/reports'
import { nurse, personFields } from '../fixtures/caseload'
import { engines, useEngineStores, type Engine } from '../fixtures/engines'
import { parsePdf } from '../fixtures/pdf-text'
import { referralTeamOn } from '../fixtures/referrals'
import { reporter } from '../fixtures/team'
import { useTempFolders } from '../fixtures/temp-folder'
import { tara } from '../fixtures/trim'

/** Debian's 7-Zip (p7zip-full, installed by .ci/run), to prove a common tool opens the export. */
const sevenZip = spawnSync('7z', ['i'], { encoding: 'utf8' }).status === 0
if (!sevenZip) console.warn('report-export.test.ts: 7z is not installed (apt-get install p7zip-full), so the 7-Zip check is skipped')

const stores = useEngineStores()
const tempFolder = useTempFolders()

const reason = 'Quarterly governance pack for the chief officer group'

/**
 * A force on 26 Nov 2026: Armed Policing (A1–A7) and Custody (B1–B6). A suicide on 10 Nov
 * attended by A1–A7 and B1–B2; a sudden death on 12 Nov attended by A1–A6 and B1–B6. The
 * reporting role exports; the save dialogs answer a file in the test's folder, or nothing once
 * cancelled.
 */
async function reportTeam(engine: Engine) {
  const team = await referralTeamOn(stores, engine)
  const person = (staffNumber: string, department: string) =>
    team.call<Person>(
      'people:create',
      personFields({ staffNumber, givenName: `Given${staffNumber}`, familyName: `Family${staffNumber}`, department })
    )
  const a: Person[] = []
  for (let i = 1; i <= 7; i++) a.push(await person(`A00${i}`, 'Armed Policing'))
  const b: Person[] = []
  for (let i = 1; i <= 6; i++) b.push(await person(`B00${i}`, 'Custody'))
  const attended = (p: Person) => ({ personId: p.id, part: 'attended', intensity: 'high', hoursReviewed: null })
  await team.call('incidents:create', {
    occurredOn: '2026-11-10',
    categoryId: 'suicide',
    reference: 'CAD 1',
    attendees: [...a, ...b.slice(0, 2)].map(attended)
  })
  await team.call('incidents:create', {
    occurredOn: '2026-11-12',
    categoryId: 'sudden-death',
    reference: 'CAD 2',
    attendees: [...a.slice(0, 6), ...b].map(attended)
  })
  await team.addUser(reporter)
  await team.addUser(tara)
  const folder = tempFolder()
  const asked: { dialog: string; name: string }[] = []
  let cancelled = false
  let saved = 0
  const answer = (dialog: string) => async (suggested: string) => {
    asked.push({ dialog, name: suggested })
    return cancelled ? null : join(folder, `${++saved}-${suggested}`)
  }
  team.core.dialogs = {
    chooseBackupDestination: async () => null,
    chooseBackupToRestore: async () => null,
    chooseExportDestination: answer('csv'),
    chooseEncryptedExportDestination: answer('zip'),
    chooseDocumentDestination: answer('pdf')
  }
  const request = { report: 'exposures', from: '2026-11-01', to: '2026-11-30', by: 'department', compare: true }
  return {
    ...team,
    people: [...a, ...b],
    folder,
    asked,
    request,
    run: () => team.call<ReportResult>('reports:run', request),
    exportReport: (extra: Record<string, unknown>) =>
      team.call<ReportExportResult>('reports:export', { ...request, format: 'csv', reason, ...extra }),
    audits: () =>
      team.rows<{ entity_id: string; detail: string | null }>(
        "SELECT entity_id, detail FROM audit_log WHERE action = 'export.report' ORDER BY seq"
      ),
    cancel: (value: boolean) => (cancelled = value),
    files: () => readdirSync(folder).filter((name) => !name.startsWith('.'))
  }
}

async function openZip(file: string, password: string) {
  const reader = new ZipReader(new Uint8ArrayReader(readFileSync(file)))
  try {
    const out: { name: string; encrypted: boolean; bytes: Uint8Array }[] = []
    for (const entry of await reader.getEntries()) {
      if (entry.directory) continue
      out.push({ name: entry.filename, encrypted: entry.encrypted, bytes: await entry.getData(new Uint8ArrayWriter(), { password }) })
    }
    return out
  } finally {
    await reader.close()
  }
}

/** A figure as the screen shows it: its number, or its mark. */
const shown = (value: number | null, mark: string) => (value === null ? (mark === '' ? '–' : mark) : String(value))

/** The lines a table's figures make, as the window's table shows them (rows, then totals). */
function expectedLines(table: ReportTable, figures: ReportFigures): string[][] {
  const lines = table.rows.map((row, r) => [
    row,
    ...table.columns.map((_, c) => shown(figures.cells[r]?.[c] ?? null, figures.marks[r]?.[c] ?? '')),
    shown(figures.rowTotals[r] ?? null, figures.rowTotalMarks[r] ?? '')
  ])
  if (table.rows.length > 1)
    lines.push([
      'Total',
      ...table.columns.map((_, c) => shown(figures.columnTotals[c] ?? null, figures.columnTotalMarks[c] ?? '')),
      shown(figures.grandTotal, figures.grandTotalMark)
    ])
  return lines
}

/** The hidden figures' true values, counted again here from what the force was given. */
const trueCounts = {
  current: [
    [6, 7],
    [6, 2]
  ]
}

describe.each(engines)('report export (%s)', (engine) => {
  it('exports the same suppressed figures the screen shows, as a CSV in an AES-256 zip, audited without the reason', async () => {
    const team = await reportTeam(engine)
    await team.signIn(reporter)
    const report = await team.run()
    const table = report.tables[0] as ReportTable
    expect(table.rows).toEqual(['Armed Policing', 'Custody'])
    expect(table.columns).toEqual(['Sudden death', 'Suicide'])
    expect(table.current.cells[1]?.[1]).toBeNull() // Custody's 2 at the suicide: hidden

    const result = await team.exportReport({ format: 'csv' })
    expect(result).toMatchObject({ format: 'csv', tables: 1, fileName: '1-harbour-report-exposures-2026-11-01-to-2026-11-30.zip' })
    expect(team.asked).toEqual([{ dialog: 'zip', name: 'harbour-report-exposures-2026-11-01-to-2026-11-30.zip' }])
    const password = result?.password ?? ''
    expect(password).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){5}$/)
    const file = join(team.folder, result?.fileName ?? '')
    const [entry, ...others] = await openZip(file, password)
    expect(others).toEqual([])
    expect(entry?.name).toBe('harbour-report-exposures-2026-11-01-to-2026-11-30.csv')
    expect(entry?.encrypted).toBe(true)
    await expect(openZip(file, 'WRONG-PASS')).rejects.toThrow()
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(entry?.bytes)
    expect(text.startsWith('\uFEFF')).toBe(true)
    const records = parse(text, { bom: true }) as string[][]
    const width = records[0]?.length ?? 0
    expect(records.every((record) => record.length === width)).toBe(true)
    const trimmed = records.map((record) => {
      const cells = [...record]
      while (cells.length > 0 && cells.at(-1) === '') cells.pop()
      return cells
    })
    expect(trimmed.slice(0, 5)).toEqual([
      ['Exposure by incident category'],
      ['Period', '1 Nov 2026 to 30 Nov 2026'],
      ['Compared with', '2 Oct 2026 to 31 Oct 2026'],
      ['Grouped by', 'Department'],
      ['Generated', expect.stringContaining('26 Nov 2026')]
    ])
    const at = trimmed.findIndex((record) => record[0] === 'Exposures by incident category')
    expect(trimmed[at + 1]).toEqual(['Department', 'Sudden death', 'Suicide', 'Exposures'])
    expect(trimmed.slice(at + 2, at + 5)).toEqual(expectedLines(table, table.current))
    const before = trimmed.findIndex((record) => record[0]?.startsWith('Exposures by incident category: the period before'))
    expect(before).toBeGreaterThan(at)
    expect(trimmed.at(-1)?.[0]).toMatch(/^<5: a count from 1 to 4/)
    // No hidden count is in the file as a number.
    expect(text).not.toMatch(/,2,|,2\r\n/)
    if (sevenZip) {
      const listing = spawnSync('7z', ['l', '-slt', `-p${password}`, file], { encoding: 'utf8' })
      expect(listing.stdout).toContain('AES-256')
      const opened = spawnSync('7z', ['x', '-so', `-p${password}`, file], { encoding: 'utf8' })
      expect(opened.stdout).toBe(text)
    }

    const audits = await team.audits()
    expect(audits).toEqual([
      {
        entity_id: 'exposures',
        detail: '2026-11-01 to 2026-11-30; compared; by department; CSV; tables 1; AES-256 zip; reason; saved'
      }
    ])
    const everything = JSON.stringify(await team.rows('SELECT * FROM audit_log'))
    expect(everything).not.toContain('chief officer')
    expect(everything).not.toContain(team.folder)
  })

  it('exports an A4 PDF with the titles, the shown figures and hidden ones only as their marks', async () => {
    const team = await reportTeam(engine)
    await team.signIn(reporter)
    const report = await team.run()
    const table = report.tables[0] as ReportTable
    const result = await team.exportReport({ format: 'pdf' })
    expect(result).toMatchObject({ format: 'pdf', tables: 1 })
    const [entry] = await openZip(join(team.folder, result?.fileName ?? ''), result?.password ?? '')
    expect(entry?.name).toBe('harbour-report-exposures-2026-11-01-to-2026-11-30.pdf')
    const bytes = entry?.bytes ?? new Uint8Array()
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-')
    const pdf = await parsePdf(bytes)
    expect(pdf.sizes.every((s) => s.width === 595 && s.height === 842)).toBe(true)
    expect(pdf.title).toBe('Exposure by incident category')
    expect(pdf.text).toContain('Exposure by incident category')
    expect(pdf.text).toContain('Exposures by incident category')
    expect(pdf.text).toContain('1 Nov 2026 to 30 Nov 2026')
    expect(pdf.text).toContain('2 Oct 2026 to 31 Oct 2026')
    expect(pdf.text).toContain('Department')
    expect(pdf.text).toContain('Generated')
    expect(pdf.text).toContain(`Page 1 of ${pdf.pages.length}`)
    expect(pdf.text).toContain('<5')
    expect(pdf.text).toContain('<5: a count from 1 to 4')
    // Between the table's heading and its note, every number written is a figure the screen shows.
    const shownNumbers = new Set(
      [table.current, table.previous]
        .flatMap((figures) => (figures ? [...figures.cells.flat(), ...figures.rowTotals, ...figures.columnTotals, figures.grandTotal] : []))
        .filter((value): value is number => value !== null)
        .map(String)
    )
    const start = pdf.text.indexOf('Exposures by incident category')
    const end = pdf.text.indexOf(table.note.slice(0, 30), start)
    const section = pdf.text.slice(start, end)
    // Dates ("1 Nov 2026") and the mark "<5" set aside, every number left is a shown figure.
    const numbers =
      section
        .replace(/\d{1,2} [A-Z][a-z]{2} \d{4}/g, '')
        .replace(/<5/g, '')
        .match(/\d+/g) ?? []
    expect(numbers.length).toBeGreaterThan(0)
    for (const number of numbers) expect(shownNumbers).toContain(number)
    // The hidden counts (2; and whatever else is hidden) are never drawn as numbers in the table's lines.
    const hidden = trueCounts.current.flatMap((line, r) =>
      line.filter((_, c) => table.current.cells[r]?.[c] === null).map((value) => value)
    )
    expect(hidden).toContain(2)
    const custodyLine = section.split('\n').find((line) => line.startsWith('Custody') && line.includes('<5')) ?? ''
    expect(custodyLine).not.toMatch(/\b2\b/)
    for (const p of team.people) expect(pdf.text).not.toContain(p.staffNumber)
    expect((await team.audits()).map((a) => a.detail)).toEqual([
      '2026-11-01 to 2026-11-30; compared; by department; PDF; tables 1; AES-256 zip; reason; saved'
    ])
  })

  it('refuses without a reason, a clinician or TRiM practitioner who may not run reports, plaintext until allowed; a cancelled dialog writes and audits nothing', async () => {
    const team = await reportTeam(engine)
    await team.signIn(reporter)
    expect(await team.raw('reports:export', { ...team.request, format: 'csv', reason: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('reason') }
    })
    expect(await team.raw('reports:export', { ...team.request, format: 'pdf', reason, plaintext: true })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('not allowed') }
    })
    expect(await team.raw('reports:export', { ...team.request, format: 'xlsx', reason })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' }
    })
    team.cancel(true)
    expect(await team.exportReport({ format: 'pdf' })).toBeNull()
    team.cancel(false)
    expect(team.asked).toHaveLength(1)
    for (const who of [nurse, tara]) {
      await team.signIn(who)
      expect(await team.raw('reports:export', { ...team.request, format: 'csv', reason })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' }
      })
    }
    expect(team.files()).toEqual([])
    expect(team.asked).toHaveLength(1)
    await team.signInAsAdmin()
    expect(await team.audits()).toEqual([])

    // Once an administrator allows plaintext, a PDF goes through the PDF save dialog as it is.
    await team.call('settings:set', { plaintextExportsAllowed: true })
    await team.signIn(reporter)
    const plain = await team.exportReport({ format: 'pdf', plaintext: true })
    expect(plain).toMatchObject({ password: null, format: 'pdf' })
    expect(team.asked.at(-1)).toEqual({ dialog: 'pdf', name: 'harbour-report-exposures-2026-11-01-to-2026-11-30.pdf' })
    const file = join(team.folder, plain?.fileName ?? '')
    expect(existsSync(file)).toBe(true)
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-')
    const csv = await team.exportReport({ format: 'csv', plaintext: true })
    expect(team.asked.at(-1)?.dialog).toBe('csv')
    expect(readFileSync(join(team.folder, csv?.fileName ?? ''), 'utf8')).toContain('Exposures by incident category')
    expect((await team.audits()).map((a) => a.detail?.split('; ').slice(3).join('; '))).toEqual([
      'PDF; tables 1; not encrypted; reason; saved',
      'CSV; tables 1; not encrypted; reason; saved'
    ])
  })
})
