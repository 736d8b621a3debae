import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readEncryptedZipBytes } from '../../electron/core/documents/encrypted-zip'
import type { Person } from '../../shared/contract/people'
import type { PersonRecord } from '../../shared/person-record/record'
import { caseloadStore, personFields } from '../fixtures/caseload'
import { cli } from '../fixtures/cli'
import { parsePdf } from '../fixtures/pdf-text'
import { phq9 } from '../fixtures/referrals'
import { admin } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()
const line = `${admin.passphrase}\n`

const sevenZip = spawnSync('7z', ['i'], { encoding: 'utf8' }).status === 0
if (!sevenZip)
  console.warn('person-record-export-cli.test.ts: 7z is not installed (apt-get install p7zip-full), so the 7-Zip check is skipped')

describe('the person record export from the CLI', () => {
  it('writes record.json and record.pdf in an encrypted zip and prints the password last; refuses each misuse with nothing written', async () => {
    const store = await caseloadStore(tempFolder())
    const sian = await store.call<Person>('people:create', personFields({ staffNumber: 'PC4321', givenName: 'Siân', familyName: 'Evans' }))
    const owen = await store.call<Person>('people:create', personFields({ staffNumber: 'PC5555', givenName: 'Owen', familyName: 'Price' }))
    for (const [person, text] of [
      [sian, 'Spoke about the collision and sleep'],
      [owen, 'Owen asked about shift patterns']
    ] as const) {
      const opened = await store.call<{ id: string }>('cases:open', {
        personId: person.id,
        reason: 'self-referral',
        priority: 'routine',
        nextReviewDate: null
      })
      await store.call('notes:add', { caseId: opened.id, type: 'telephone', contactDate: '2026-11-20', text })
      await store.call('screening:save', { personId: person.id, sittingDate: '2026-11-20', mode: 'clinician-entered', results: [phq9(12)] })
    }
    store.host.vault.lock('manual')

    const out = join(tempFolder(), 'sian.zip')
    const base = ['export', 'person', '--store', store.folder, '--user', admin.username]
    const written = cli([...base, '--person', 'PC4321', '--reason', 'Subject access request by letter', '--out', out], line)
    expect(written.stderr).toBe('')
    expect(written.code).toBe(0)
    const lines = written.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(
      new RegExp(
        `^Person record written: ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ records, as record.json and record.pdf\\)\\. The password follows`
      )
    )
    const password = /^password: (\S+)$/.exec(lines.at(-1) ?? '')?.[1] ?? ''
    expect(password).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){5}$/)

    const entries = await readEncryptedZipBytes(new Uint8Array(readFileSync(out)), password)
    expect(entries.map((entry) => [entry.name, entry.encrypted])).toEqual([
      ['record.json', true],
      ['record.pdf', true]
    ])
    const json = new TextDecoder().decode(entries[0]?.bytes)
    const record = JSON.parse(json) as PersonRecord
    expect(record).toMatchObject({ format: 'harbour-person-record', version: 1, person: { id: sian.id, staffNumber: 'PC4321' } })
    expect(record.notes.map((note) => note.text)).toEqual(['Spoke about the collision and sleep'])
    const pdf = await parsePdf(entries[1]?.bytes ?? new Uint8Array())
    expect(pdf.text.replace(/\s+/g, ' ')).toContain('Spoke about the collision and sleep')
    for (const text of [json, pdf.text]) {
      expect(text).not.toContain('PC5555')
      expect(text).not.toContain(owen.id)
      expect(text).not.toContain('Owen')
    }
    await expect(readEncryptedZipBytes(new Uint8Array(readFileSync(out)), 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF')).rejects.toThrow()
    if (sevenZip) {
      const listed = spawnSync('7z', ['l', '-slt', `-p${password}`, out], { encoding: 'utf8' })
      expect(listed.stdout).toContain('AES-256')
      const opened = spawnSync('7z', ['x', '-so', `-p${password}`, out, 'record.json'], { encoding: 'utf8' })
      expect(opened.status).toBe(0)
      expect(JSON.parse(opened.stdout)).toEqual(record)
    }

    const misuse = (args: string[], file = join(tempFolder(), 'refused.zip')) => {
      const before = existsSync(file) ? readFileSync(file) : null
      const result = cli([...base, ...args, '--out', file], line)
      expect(existsSync(file) ? readFileSync(file) : null).toEqual(before)
      return { code: result.code, stderr: result.stderr.trim(), stdout: result.stdout }
    }
    expect(misuse(['--reason', 'x'])).toMatchObject({
      code: 2,
      stderr: 'harbour: --person STAFF_NUMBER is required: whose record to export.'
    })
    const noReason = 'harbour: --reason is required: say why the record is being exported.'
    expect(misuse(['--person', 'PC4321'])).toMatchObject({ code: 2, stderr: noReason })
    expect(misuse(['--person', 'PC4321', '--reason', '   '])).toMatchObject({ code: 2, stderr: noReason })
    expect(misuse(['--person', 'PC9999', '--reason', 'x'])).toMatchObject({
      code: 1,
      stderr: 'harbour: There is no person with staff number PC9999.',
      stdout: ''
    })
    expect(misuse(['--person', 'PC4321', '--reason', 'x'], out).stderr).toBe(
      `harbour: There is already a file at ${out}; choose another name.`
    )
    expect(cli(['export', 'everything', '--store', store.folder], line)).toMatchObject({ code: 2 })

    await store.host.vault.unlock(admin.username, admin.passphrase)
    const audit = store.host.vault.sqlite
      .prepare(`SELECT entity_type, entity_id, detail FROM audit_log WHERE action = 'export.person-record' ORDER BY seq`)
      .all() as { entity_type: string; entity_id: string | null; detail: string }[]
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ entity_type: 'person', entity_id: sian.id })
    expect(audit[0]?.detail).toMatch(/^reason; records \d+; cases 1, notes 1, /)
    expect(audit[0]?.detail).not.toMatch(/letter|Subject/i)
  })
})
