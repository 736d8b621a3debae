import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readEncryptedZip } from '../../electron/core/documents/encrypted-zip'
import type { Person } from '../../shared/contract/people'
import type { FhirBundle } from '../../shared/fhir/bundle'
import { caseloadStore, personFields } from '../fixtures/caseload'
import { cli } from '../fixtures/cli'
import { phq9 } from '../fixtures/referrals'
import { admin } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()
const line = `${admin.passphrase}\n`

const sevenZip = spawnSync('7z', ['i'], { encoding: 'utf8' }).status === 0
if (!sevenZip) console.warn('fhir-export-cli.test.ts: 7z is not installed (apt-get install p7zip-full), so the 7-Zip check is skipped')

describe('the FHIR export from the CLI', () => {
  it('writes bundle.json in an encrypted zip and prints the password last; refuses each misuse with nothing written', async () => {
    const store = await caseloadStore(tempFolder())
    const sian = await store.call<Person>('people:create', personFields({ staffNumber: 'PC4321', givenName: 'Siân', familyName: 'Evans' }))
    await store.call<Person>('people:create', personFields({ staffNumber: 'PC5555', givenName: 'Owen', familyName: 'Price' }))
    await store.call('screening:save', { personId: sian.id, sittingDate: '2026-11-20', mode: 'clinician-entered', results: [phq9(12)] })
    store.host.vault.lock('manual')

    const out = join(tempFolder(), 'sian.zip')
    const base = ['export', 'fhir', '--store', store.folder, '--user', admin.username]
    const written = cli([...base, '--person', 'PC4321', '--reason', 'Subject access request', '--out', out], line)
    expect(written.code).toBe(0)
    const lines = written.stdout.trimEnd().split('\n')
    expect(lines[0]).toBe(
      `FHIR bundle written: ${out} (1 person, 3 resources). The password follows: give it to the recipient separately; it is shown only once.`
    )
    const password = /^password: (\S+)$/.exec(lines.at(-1) ?? '')?.[1] ?? ''
    expect(password).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){5}$/)

    const entries = await readEncryptedZip(new Uint8Array(readFileSync(out)), password)
    expect(entries.map((entry) => [entry.name, entry.encrypted])).toEqual([['bundle.json', true]])
    const bundle = JSON.parse(entries[0]?.text ?? '') as FhirBundle
    expect(bundle.entry.map((entry) => entry.resource.resourceType)).toEqual(['Patient', 'QuestionnaireResponse', 'Observation'])
    expect(bundle.entry[0]?.resource).toMatchObject({ identifier: [{ value: 'PC4321' }], name: [{ family: 'Evans' }] })
    expect(JSON.stringify(bundle)).not.toContain('PC5555')
    await expect(readEncryptedZip(new Uint8Array(readFileSync(out)), 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF')).rejects.toThrow()
    if (sevenZip) {
      const opened = spawnSync('7z', ['x', '-so', `-p${password}`, out, 'bundle.json'], { encoding: 'utf8' })
      expect(opened.status).toBe(0)
      expect(JSON.parse(opened.stdout)).toEqual(bundle)
    }

    const everyone = join(tempFolder(), 'everyone.zip')
    const all = cli([...base, '--all', '--reason', 'Transfer to the new provider', '--out', everyone], line)
    expect(all.code).toBe(0)
    const allPassword =
      all.stdout
        .trimEnd()
        .split('\n')
        .at(-1)
        ?.replace(/^password: /, '') ?? ''
    const allBundle = JSON.parse((await readEncryptedZip(new Uint8Array(readFileSync(everyone)), allPassword))[0]?.text ?? '') as FhirBundle
    expect(allBundle.entry.filter((entry) => entry.resource.resourceType === 'Patient')).toHaveLength(2)

    const misuse = (args: string[], file = join(tempFolder(), 'refused.zip')) => {
      const before = existsSync(file) ? readFileSync(file) : null
      const result = cli([...base, ...args, '--out', file], line)
      expect(existsSync(file) ? readFileSync(file) : null).toEqual(before)
      return { code: result.code, stderr: result.stderr.trim(), stdout: result.stdout }
    }
    expect(misuse(['--person', 'PC4321', '--all', '--reason', 'x'])).toMatchObject({
      code: 2,
      stderr: 'harbour: Give either --person or --all, not both.'
    })
    expect(misuse(['--reason', 'x'])).toMatchObject({
      code: 2,
      stderr: 'harbour: Give --person STAFF_NUMBER for one person, or --all for everyone you may see.'
    })
    const noReason = 'harbour: --reason is required: say why the records are being exported.'
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

    await store.host.vault.unlock(admin.username, admin.passphrase)
    const audit = store.host.vault.sqlite
      .prepare(`SELECT entity_type, entity_id, detail FROM audit_log WHERE action = 'export.fhir' ORDER BY seq`)
      .all() as { entity_type: string; entity_id: string | null; detail: string }[]
    expect(audit.map((entry) => [entry.entity_type, entry.entity_id])).toEqual([
      ['person', sian.id],
      ['people', null]
    ])
    expect(audit.map((entry) => entry.detail.split(';').slice(0, 2).join(';'))).toEqual(['reason; people 1', 'reason; people 2'])
  })
})
