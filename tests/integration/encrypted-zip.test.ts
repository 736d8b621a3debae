import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { encryptedZip, newZipPassword, readEncryptedZip, zipPasswordPattern } from '../../electron/core/documents/encrypted-zip'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

/** Debian's 7-Zip (p7zip-full, installed by .ci/run), to prove a common tool opens the file. */
const sevenZip = spawnSync('7z', ['i'], { encoding: 'utf8' }).status === 0
if (!sevenZip) console.warn('encrypted-zip.test.ts: 7z is not installed (apt-get install p7zip-full), so the 7-Zip checks are skipped')

const bundle = '{"resourceType":"Bundle","type":"collection"}\n'

describe('the encrypted zip', () => {
  it('makes strong, readable passwords, a different one each time', () => {
    const passwords = Array.from({ length: 50 }, newZipPassword)
    for (const password of passwords) expect(password).toMatch(zipPasswordPattern)
    expect(passwords[0]).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){5}$/)
    expect(new Set(passwords).size).toBe(passwords.length)
  })

  it('opens with its password, AES encrypted, and refuses the wrong one', async () => {
    const password = newZipPassword()
    const bytes = await encryptedZip([{ name: 'bundle.json', text: bundle }], password)
    // Nothing of the content is readable in the file itself.
    expect(Buffer.from(bytes).includes(Buffer.from('collection'))).toBe(false)
    expect(await readEncryptedZip(bytes, password)).toEqual([{ name: 'bundle.json', text: bundle, encrypted: true }])
    await expect(readEncryptedZip(bytes, `${password}X`)).rejects.toThrow(/password/i)
  })

  it('refuses a short password', async () => {
    await expect(encryptedZip([{ name: 'a.txt', text: 'a' }], 'short')).rejects.toThrow(/at least 12/)
  })

  it.runIf(sevenZip)('opens in 7-Zip as AES-256 with the password, and not with another', async () => {
    const password = newZipPassword()
    const file = join(tempFolder(), 'export.zip')
    writeFileSync(file, await encryptedZip([{ name: 'bundle.json', text: bundle }], password))
    const listing = spawnSync('7z', ['l', '-slt', `-p${password}`, file], { encoding: 'utf8' })
    expect(listing.stdout).toContain('Method = AES-256')
    expect(listing.stdout).toContain('Encrypted = +')
    const opened = spawnSync('7z', ['x', '-so', `-p${password}`, file, 'bundle.json'], { encoding: 'utf8' })
    expect(opened).toMatchObject({ status: 0, stdout: bundle })
    const refused = spawnSync('7z', ['x', '-so', '-pWRONG-WRONG-WRONG', file, 'bundle.json'], { encoding: 'utf8' })
    expect(refused.status).not.toBe(0)
    expect(refused.stdout).toBe('')
  })
})
