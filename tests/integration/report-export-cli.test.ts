import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { readEncryptedZipBytes } from '../../electron/core/documents/encrypted-zip'
import type { Person } from '../../shared/contract/people'
import type { ReportResult } from '../../shared/contract/reports'
import { caseloadStore, personFields } from '../fixtures/caseload'
import { cli } from '../fixtures/cli'
import { parsePdf } from '../fixtures/pdf-text'
import { admin } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()
const line = `${admin.passphrase}\n`

describe('the report export from the CLI', () => {
  it('writes the suppressed report as CSV or PDF in an encrypted zip and prints the password last; refuses misuse with nothing written', async () => {
    const store = await caseloadStore(tempFolder())
    const people: Person[] = []
    for (let i = 1; i <= 7; i++)
      people.push(
        await store.call<Person>(
          'people:create',
          personFields({ staffNumber: `EX${i}`, department: i <= 6 ? 'Armed Policing' : 'Custody' })
        )
      )
    const attended = (p: Person) => ({ personId: p.id, part: 'attended', intensity: 'high', hoursReviewed: null })
    await store.call('incidents:create', {
      occurredOn: '2026-11-10',
      categoryId: 'suicide',
      reference: 'CAD 1',
      attendees: people.map(attended)
    })
    const request = { report: 'exposures', from: '2026-11-01', to: '2026-11-30', by: 'department' }
    const onScreen = await store.call<ReportResult>('reports:run', request)
    store.host.vault.lock('manual')

    const folder = tempFolder()
    const base = ['export', 'report', '--store', store.folder, '--user', admin.username, '--report', 'exposures']
    const period = ['--from', '2026-11-01', '--to', '2026-11-30', '--by', 'department']
    const csvOut = join(folder, 'exposures.zip')
    const written = cli([...base, ...period, '--format', 'csv', '--reason', 'Governance pack', '--out', csvOut], line)
    expect(written.stderr).toBe('')
    expect(written.code).toBe(0)
    const lines = written.stdout.trimEnd().split('\n')
    expect(lines[0]).toContain('Report written:')
    const password = /^password: (\S+)$/.exec(lines.at(-1) ?? '')?.[1] ?? ''
    expect(password).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){5}$/)
    const [csv] = await readEncryptedZipBytes(new Uint8Array(readFileSync(csvOut)), password)
    expect(csv?.name).toBe('harbour-report-exposures-2026-11-01-to-2026-11-30.csv')
    const records = (parse(new TextDecoder().decode(csv?.bytes), { bom: true }) as string[][]).map((r) => r.filter((cell) => cell !== ''))
    const table = onScreen.tables[0]
    const custody = table?.rows.indexOf('Custody') ?? -1
    expect(table?.current.marks[custody]?.[0]).toBe('<5')
    expect(records).toContainEqual(['Custody', '<5', '<5'])

    const pdfOut = join(folder, 'exposures-pdf.zip')
    const pdfRun = cli([...base, ...period, '--format', 'pdf', '--reason', 'Governance pack', '--out', pdfOut], line)
    expect(pdfRun.code).toBe(0)
    const pdfPassword = /^password: (\S+)$/.exec(pdfRun.stdout.trimEnd().split('\n').at(-1) ?? '')?.[1] ?? ''
    const [pdf] = await readEncryptedZipBytes(new Uint8Array(readFileSync(pdfOut)), pdfPassword)
    const text = (await parsePdf(pdf?.bytes ?? new Uint8Array())).text
    expect(text).toContain('Exposures by incident category')
    expect(text).toContain('Page 1 of')

    // Misuse: no reason, a format it does not make, a file already there.
    const noReason = cli([...base, ...period, '--format', 'csv', '--out', join(folder, 'a.zip')], line)
    expect(noReason.code).not.toBe(0)
    expect(noReason.stderr).toContain('--reason')
    const badFormat = cli([...base, ...period, '--format', 'xlsx', '--reason', 'Pack', '--out', join(folder, 'b.zip')], line)
    expect(badFormat.code).not.toBe(0)
    expect(badFormat.stderr).toContain('--format')
    const again = cli([...base, ...period, '--format', 'csv', '--reason', 'Pack', '--out', csvOut], line)
    expect(again.code).not.toBe(0)
    expect(existsSync(join(folder, 'a.zip')) || existsSync(join(folder, 'b.zip'))).toBe(false)
  })
})
