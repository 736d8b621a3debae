import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { Uint8ArrayReader, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import type { ListExportResult } from '../../shared/contract/list-export'
import { nurse } from '../fixtures/caseload'
import { engines, useEngineStores, type Engine } from '../fixtures/engines'
import { referralTeamOn } from '../fixtures/referrals'
import { admin } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

/** Debian's 7-Zip (p7zip-full, installed by .ci/run), to prove a common tool opens the export. */
const sevenZip = spawnSync('7z', ['i'], { encoding: 'utf8' }).status === 0
if (!sevenZip) console.warn('list-export.test.ts: 7z is not installed (apt-get install p7zip-full), so the 7-Zip check is skipped')

const stores = useEngineStores()
const tempFolder = useTempFolders()

const reason = 'Caseload review with the service lead on Friday'

/**
 * A team on 26 Nov 2026: Rosa (PC1001) and Ivy (PC1003, restricted, named for the administrator
 * only) with cases the administrator holds and referrals sent; Owen (PC1002) with a case Sam
 * holds. The save dialogs answer a file in the test's own folder (or nothing, once cancelled)
 * and record the names they suggested.
 */
async function exportTeam(engine: Engine) {
  const team = await referralTeamOn(stores, engine)
  const rosa = await team.person('PC1001', 'Rosa', 'Marsh')
  const owen = await team.person('PC1002', 'Owen', 'Price')
  const ivy = await team.person('PC1003', 'Ivy', 'Stone', true)
  const rosaCase = await team.openCase(rosa.id)
  const ivyCase = await team.openCase(ivy.id)
  await team.openCase(owen.id, team.samId)
  await team.sent(rosa.id, '2026-11-26', rosaCase.id)
  // A minute later, so the worklist's order (sent the same day: made first, first) is fixed.
  team.clock.advance(60_000)
  await team.sent(ivy.id, '2026-11-26', ivyCase.id)
  const folder = tempFolder()
  const asked: string[] = []
  let cancelled = false
  let saved = 0
  const answer = (suggested: string) => {
    asked.push(suggested)
    return cancelled ? null : join(folder, `${++saved}-${suggested}`)
  }
  team.core.dialogs = {
    chooseBackupDestination: async () => null,
    chooseBackupToRestore: async () => null,
    chooseExportDestination: async (suggested) => answer(suggested),
    chooseEncryptedExportDestination: async (suggested) => answer(suggested)
  }
  const exportList = (selection: unknown, extra: Record<string, unknown> = {}) =>
    team.call<ListExportResult>('list-export:save', { selection, reason, passphrase: admin.passphrase, ...extra })
  const audits = (action: string) =>
    team.rows<{ actor_id: string; entity_type: string; detail: string | null }>(
      'SELECT actor_id, entity_type, detail FROM audit_log WHERE action = ? ORDER BY seq',
      action
    )
  const adminId = team.userId() as string
  return {
    ...team,
    rosa,
    owen,
    ivy,
    folder,
    asked,
    adminId,
    exportList,
    audits,
    cancel: () => (cancelled = true),
    files: () => readdirSync(folder).filter((name) => !name.startsWith('.'))
  }
}

/** Opens the zip with @zip.js/zip.js: each entry's name, whether it is encrypted, and its text (byte order mark kept). */
async function openZip(file: string, password: string) {
  const reader = new ZipReader(new Uint8ArrayReader(readFileSync(file)))
  try {
    const entries = await reader.getEntries()
    const out: { name: string; encrypted: boolean; text: string }[] = []
    for (const entry of entries) {
      if (entry.directory) continue
      const bytes = await entry.getData(new Uint8ArrayWriter(), { password })
      out.push({ name: entry.filename, encrypted: entry.encrypted, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) })
    }
    return out
  } finally {
    await reader.close()
  }
}

const readCsv = (text: string): string[][] => parse(text, { bom: true }) as string[][]

const caseloadHeadings = [
  'Name',
  'Staff number',
  'Reason',
  'Status',
  'Priority',
  'Next review',
  'Review overdue',
  'Last contact',
  'Days since contact',
  'Flags',
  'Open tasks',
  'Safety alerts',
  'Referral waiting',
  'Exposure review'
]

describe.each(engines)('CSV exports of the lists (%s)', (engine) => {
  it('writes the caseload as an AES-256 zip whose CSV parses back to the rows on screen, with the password returned once', async () => {
    const team = await exportTeam(engine)
    const onScreen = await team.call<{ rows: { staffNumber: string }[] }>('caseload:list', {})
    const result = await team.exportList({ list: 'caseload', filters: {} })
    expect(result).toMatchObject({ fileName: '1-harbour-caseload-2026-11-26.zip', rows: 2 })
    expect(result?.password).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){5}$/)
    expect(team.asked).toEqual(['harbour-caseload-2026-11-26.zip'])
    const file = join(team.folder, result?.fileName ?? '')
    // Nothing of the content is readable in the file itself.
    expect(readFileSync(file).includes(Buffer.from('Marsh'))).toBe(false)
    const entries = await openZip(file, result?.password ?? '')
    expect(entries.map(({ name, encrypted }) => ({ name, encrypted }))).toEqual([
      { name: 'harbour-caseload-2026-11-26.csv', encrypted: true }
    ])
    const text = entries[0]?.text ?? ''
    expect(text.startsWith('\uFEFF')).toBe(true)
    expect(text).toContain('\r\n')
    const csv = readCsv(text)
    expect(csv[0]).toEqual(caseloadHeadings)
    // Both cases have no review date, so the screen orders them by case; compared here by staff number.
    expect(csv.slice(1).sort((a, b) => (a[1] ?? '').localeCompare(b[1] ?? ''))).toEqual([
      ['Marsh, Rosa', 'PC1001', 'Self-referral', 'Open', 'Routine', '', 'No', '', '', '', '0', '0', '', ''],
      ['Stone, Ivy', 'PC1003', 'Self-referral', 'Open', 'Routine', '', 'No', '', '', '', '0', '0', '', '']
    ])
    // The same people, in the same order, as the caseload screen.
    expect(csv.slice(1).map((row) => row[1])).toEqual(onScreen.rows.map((row) => row.staffNumber))
    // A wrong password opens nothing.
    await expect(openZip(file, 'WRON-GPAS-SWOR-DXXX-XXXX-XXXX')).rejects.toThrow(/password/i)
    if (sevenZip) {
      const listing = spawnSync('7z', ['l', '-slt', `-p${result?.password}`, file], { encoding: 'utf8' })
      expect(listing.stdout).toContain('Method = AES-256')
      const opened = spawnSync('7z', ['x', '-so', `-p${result?.password}`, file], { encoding: 'utf8' })
      expect(opened).toMatchObject({ status: 0, stdout: text })
    }
  })

  it('audits who, which list, how many rows and that it was saved, never the reason’s words or the file', async () => {
    const team = await exportTeam(engine)
    await team.exportList({ list: 'caseload', filters: {} })
    expect(await team.audits('export.list')).toEqual([
      { actor_id: team.adminId, entity_type: 'export', detail: 'caseload; rows 2; AES-256 zip; reason; saved' }
    ])
    const everything = JSON.stringify(await team.rows('SELECT * FROM audit_log'))
    for (const secret of ['Caseload review', 'Friday', team.folder, 'harbour-caseload', 'Marsh']) expect(everything).not.toContain(secret)
  })

  it('leaves out a restricted person the exporter is not named on, from every list', async () => {
    const team = await exportTeam(engine)
    const adminRegister = await team.exportList({ list: 'register', filters: {} })
    const adminRows = readCsv(
      (await openZip(join(team.folder, adminRegister?.fileName ?? ''), adminRegister?.password ?? ''))[0]?.text ?? ''
    )
    expect(adminRows.map((row) => row[0])).toEqual(['Staff number', 'PC1001', 'PC1002', 'PC1003'])
    expect(adminRows[3]).toEqual(['PC1003', 'Stone, Ivy', expect.any(String), 'Armed Policing', '1985-04-12', '', 'Yes'])

    await team.signInAsSam()
    const asSam = (selection: unknown) =>
      team.call<ListExportResult>('list-export:save', { selection, reason, passphrase: nurse.passphrase })
    /** Who is on the list, by staff number (the order is each list's own, tested with the lists). */
    const staffNumbers = async (selection: unknown) => {
      const result = await asSam(selection)
      const entries = await openZip(join(team.folder, result?.fileName ?? ''), result?.password ?? '')
      return readCsv(entries[0]?.text ?? '')
        .slice(1)
        .map((row) => row.find((cell) => /^PC\d{4}$/.test(cell)))
        .sort()
    }
    expect(await staffNumbers({ list: 'register', filters: {} })).toEqual(['PC1001', 'PC1002'])
    expect(await staffNumbers({ list: 'register', filters: { query: 'Stone' } })).toEqual([])
    expect(await staffNumbers({ list: 'referrals', filters: { view: 'all' } })).toEqual(['PC1001'])
    expect(await staffNumbers({ list: 'due', filters: { withinDays: 30 } })).toEqual(['PC1001', 'PC1002'])
    expect(await staffNumbers({ list: 'caseload', filters: {} })).toEqual(['PC1002'])
  })

  it('holds the same rows as the referrals worklist and the due list show, with their filters', async () => {
    const team = await exportTeam(engine)
    const referrals = await team.exportList({ list: 'referrals', filters: { view: 'all', breachedOnly: false } })
    const referralRows = readCsv((await openZip(join(team.folder, referrals?.fileName ?? ''), referrals?.password ?? ''))[0]?.text ?? '')
    expect(referralRows).toEqual([
      [
        'Name',
        'Staff number',
        'Referred to',
        'Status',
        'Urgency',
        'Referred on',
        'Days waiting',
        'Days to treatment',
        'Past 6 or 18 weeks',
        'Days since last update',
        'Case held by'
      ],
      ['Marsh, Rosa', 'PC1001', 'NHS Talking Therapies', 'Sent', 'Routine', '2026-11-26', '0', '', '', '0', 'Alex Morgan'],
      ['Stone, Ivy', 'PC1003', 'NHS Talking Therapies', 'Sent', 'Routine', '2026-11-26', '0', '', '', '0', 'Alex Morgan']
    ])
    const breached = await team.exportList({ list: 'referrals', filters: { view: 'all', breachedOnly: true } })
    expect(breached?.rows).toBe(0)

    const due = await team.call<{ rows: { staffNumber: string; personName: string; dueDate: string }[] }>('screening:due', {})
    const dueExport = await team.exportList({ list: 'due', filters: {} })
    const dueRows = readCsv((await openZip(join(team.folder, dueExport?.fileName ?? ''), dueExport?.password ?? ''))[0]?.text ?? '')
    expect(dueRows[0]).toEqual([
      'Staff number',
      'Name',
      'Role',
      'Department',
      'Last screened',
      'Later incomplete screening',
      'Due',
      'Status'
    ])
    expect(dueRows.slice(1).map((row) => [row[0], row[1], row[4], row[6]])).toEqual(
      due.rows.map((row) => [row.staffNumber, row.personName, 'Never', row.dueDate])
    )
    const otherDepartment = await team.exportList({ list: 'due', filters: { department: 'Custody' } })
    expect(otherDepartment?.rows).toBe(0)
  })

  it('is refused without the exporter’s own passphrase: no dialog, no file, the refusal audited', async () => {
    const team = await exportTeam(engine)
    const wrong = await team.raw('list-export:save', {
      selection: { list: 'caseload', filters: {} },
      reason,
      passphrase: nurse.passphrase
    })
    expect(wrong).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        message: 'That passphrase is not right. Enter your own passphrase to export.',
        fields: ['passphrase']
      }
    })
    const missing = await team.raw('list-export:save', { selection: { list: 'caseload', filters: {} }, reason })
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: ['passphrase'] } })
    expect(team.asked).toEqual([])
    expect(team.files()).toEqual([])
    expect(await team.audits('export.list')).toEqual([])
    expect(await team.audits('export.list-refused')).toEqual([
      { actor_id: team.adminId, entity_type: 'export', detail: 'caseload; passphrase not right' }
    ])
  })

  it('needs a reason', async () => {
    const team = await exportTeam(engine)
    for (const given of ['', '   ']) {
      const result = await team.raw('list-export:save', {
        selection: { list: 'caseload', filters: {} },
        reason: given,
        passphrase: admin.passphrase
      })
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'invalid-input', message: 'Enter a reason for the export.', fields: ['reason'] }
      })
    }
    expect(team.asked).toEqual([])
    expect(await team.audits('export.list')).toEqual([])
  })

  it('writes plaintext only once an administrator allows it and the exporter chooses it', async () => {
    const team = await exportTeam(engine)
    expect(
      await team.raw('list-export:save', {
        selection: { list: 'caseload', filters: {} },
        reason,
        passphrase: admin.passphrase,
        plaintext: true
      })
    ).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'Exports without encryption are not allowed here: an administrator can allow them in Settings. Nothing was saved.',
        fields: ['plaintext'],
        problems: [
          {
            field: 'plaintext',
            message: 'Exports without encryption are not allowed here: an administrator can allow them in Settings. Nothing was saved.'
          }
        ]
      }
    })
    expect(team.files()).toEqual([])

    // Only an administrator may allow it.
    await team.signInAsSam()
    expect(await team.raw('settings:set', { plaintextExportsAllowed: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    await team.signInAsAdmin()
    expect(await team.call('settings:set', { plaintextExportsAllowed: true })).toEqual({
      idleLockMinutes: 5,
      plaintextExportsAllowed: true
    })
    expect(await team.call('settings:get', {})).toEqual({ idleLockMinutes: 5, plaintextExportsAllowed: true })

    // Allowed, an export is still encrypted unless plaintext is chosen.
    expect((await team.exportList({ list: 'caseload', filters: {} }))?.password).toMatch(/-/)
    const plain = await team.exportList({ list: 'caseload', filters: {} }, { plaintext: true })
    expect(plain).toEqual({ fileName: '2-harbour-caseload-2026-11-26.csv', rows: 2, password: null })
    const text = readFileSync(join(team.folder, plain?.fileName ?? ''), 'utf8')
    expect(text.startsWith('\uFEFF')).toBe(true)
    expect(
      readCsv(text)
        .map((row) => row[0])
        .sort()
    ).toEqual(['Marsh, Rosa', 'Name', 'Stone, Ivy'])
    expect((await team.audits('export.list')).map((entry) => entry.detail)).toEqual([
      'caseload; rows 2; AES-256 zip; reason; saved',
      'caseload; rows 2; plaintext CSV; reason; saved'
    ])
  })

  it('saves and audits nothing when the save dialog is cancelled', async () => {
    const team = await exportTeam(engine)
    team.cancel()
    expect(await team.exportList({ list: 'register', filters: {} })).toBeNull()
    expect(team.asked).toEqual(['harbour-register-2026-11-26.zip'])
    expect(team.files()).toEqual([])
    expect(await team.audits('export.list')).toEqual([])
  })

  it('is refused to a TRiM practitioner, who sees nothing clinical', async () => {
    const team = await exportTeam(engine)
    const trim = { username: 'tom.peer', displayName: 'Tom Peer', roles: ['trim'], passphrase: 'quiet orchard beneath copper skies' }
    await team.addUser(trim)
    await team.signIn(trim)
    const result = await team.raw('list-export:save', {
      selection: { list: 'register', filters: {} },
      reason,
      passphrase: trim.passphrase
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(team.asked).toEqual([])
    expect(existsSync(team.folder) ? team.files() : []).toEqual([])
  })
})
