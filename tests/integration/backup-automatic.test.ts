import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { BackupStatus } from '../../shared/contract/backup'
import { automaticBackupName, backupOnExit, usualBackupFolder } from '../../electron/core/services/backup-automatic'
import { keyringBesideBackup, restoreFrom } from '../../electron/core/services/backup'
import { BackupError } from '../../electron/core/store/backup'
import { storeFiles } from '../../electron/core/store/files'
import { admin, createTestStore, manualClock, sha256 } from '../fixtures/store'
import { useTeamServers } from '../fixtures/team-server'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()
const teamServer = useTeamServers()
const day = 86_400_000

async function store() {
  const clock = manualClock(new Date('2026-12-03T17:30:00Z'))
  const made = await createTestStore(tempFolder(), clock.now)
  return { ...made, clock }
}

function auditActions(sqlite: { prepare: (sql: string) => { all: () => unknown[] } }) {
  return sqlite.prepare("SELECT action, detail FROM audit_log WHERE action LIKE 'backup.%' ORDER BY seq").all()
}

/** A day on, the idle lock has closed the session: the administrator signs in again. */
async function signInAgain(host: { vault: { lock: (reason: 'manual') => void; unlock: (u: string, p: string) => Promise<unknown> } }) {
  host.vault.lock('manual')
  await host.vault.unlock(admin.username, admin.passphrase)
}

async function status(call: (channel: string, input: unknown) => Promise<unknown>): Promise<BackupStatus> {
  const result = (await call('backup:status', {})) as { ok: boolean; value: BackupStatus }
  if (!result.ok) throw new Error(JSON.stringify(result))
  return result.value
}

describe('the automatic backup when Harbour closes', () => {
  it('writes a backup into the usual folder that restores and verifies, and audits it by counts only', async () => {
    const { host, folder, clock } = await store()
    expect(backupOnExit(host)).toEqual({ outcome: 'made', kept: 1, removed: 0 })
    const backups = usualBackupFolder(folder)
    const name = automaticBackupName(clock.now())
    expect(readdirSync(backups).sort()).toEqual([name, `${name}.keyring.json`])
    const actions = auditActions(host.vault.sqlite)
    expect(actions).toEqual([{ action: 'backup.automatic', detail: 'kept=1;removed=0' }])
    expect(JSON.stringify(actions)).not.toContain(folder)

    // It restores as a manual backup does: proved, then put in place.
    host.vault.lock('manual')
    const restored = await restoreFrom(host.vault, host.core, join(backups, name), admin)
    expect(restored.rows).toBeGreaterThan(0)
    await host.vault.unlock(admin.username, admin.passphrase)
    expect(host.vault.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'backup.restored'").get()).toEqual({ n: 1 })
  })

  it('keeps exactly the newest N automatic backups, and never touches manual backups or other files', async () => {
    const { host, call, clock } = await store()
    const folder = tempFolder()
    expect(await call('backup:setAutomatic', { folder, keep: 3 })).toMatchObject({ ok: true })
    const manual = join(folder, 'harbour-backup-2026-12-01.hbk')
    host.core.dialogs = { chooseBackupDestination: async () => manual, chooseBackupToRestore: async () => null }
    expect(await call('backup:create', {})).toMatchObject({ ok: true })
    writeFileSync(join(folder, 'notes.txt'), 'not Harbour’s')
    writeFileSync(join(folder, 'harbour-auto-someday.hbk'), 'not named as Harbour names them')
    const made: string[] = []
    for (let n = 0; n < 5; n++) {
      clock.advance(day)
      made.push(automaticBackupName(clock.now()))
      expect(backupOnExit(host)).toEqual({ outcome: 'made', kept: Math.min(n + 1, 3), removed: n + 1 > 3 ? 1 : 0 })
    }
    const newest = made.slice(-3)
    expect(readdirSync(folder).sort()).toEqual(
      [
        'harbour-auto-someday.hbk',
        'harbour-backup-2026-12-01.hbk',
        'harbour-backup-2026-12-01.hbk.keyring.json',
        'notes.txt',
        ...newest.flatMap((name) => [name, `${name}.keyring.json`])
      ].sort()
    )
    expect(auditActions(host.vault.sqlite).at(-1)).toEqual({ action: 'backup.automatic', detail: 'kept=3;removed=1' })
  })

  it('keeps every older backup when the new one fails its check, removes only the failed copy, and reports it to administrators', async () => {
    const { host, call, clock, folder } = await store()
    expect(backupOnExit(host)).toMatchObject({ outcome: 'made' })
    clock.advance(day)
    expect(backupOnExit(host)).toMatchObject({ outcome: 'made' })
    const backups = usualBackupFolder(folder)
    const before = readdirSync(backups).sort()
    const hashes = before.map((name) => sha256(join(backups, name)))
    await signInAgain(host)
    expect(await call('backup:setAutomatic', { keep: 1 })).toMatchObject({ ok: true })
    clock.advance(day)
    const outcome = backupOnExit(host, {
      verify: () => {
        throw new BackupError('The backup failed its integrity check.')
      }
    })
    expect(outcome).toEqual({ outcome: 'failed', reason: 'The backup failed its integrity check.' })
    expect(readdirSync(backups).sort()).toEqual(before)
    expect(before.map((name) => sha256(join(backups, name)))).toEqual(hashes)
    expect(auditActions(host.vault.sqlite).slice(-2)).toEqual([
      { action: 'backup.automatic', detail: 'kept=2;removed=0' },
      { action: 'backup.failed', detail: 'automatic' }
    ])

    // Reported at the next sign-in, to an administrator, without a path.
    await signInAgain(host)
    const seen = await status(call)
    expect(seen.automaticFailure).toEqual({
      at: '2026-12-05T17:30:00.000Z',
      text: 'The automatic backup on 5 Dec 2026 failed: The backup failed its integrity check.'
    })
    expect(seen.automaticFailure?.text).not.toContain(folder)

    // The next one that works clears it.
    clock.advance(day)
    expect(backupOnExit(host)).toEqual({ outcome: 'made', kept: 1, removed: 2 })
    await signInAgain(host)
    expect((await status(call)).automaticFailure).toBeNull()
  })

  it('reports a folder it cannot write to in words with no path, and exit goes on', async () => {
    const { host, call, folder } = await store()
    const blocked = join(tempFolder(), 'blocked')
    writeFileSync(blocked, 'a file where the folder should be')
    // Set through the store directly: the channel would refuse it (see below).
    host.vault.sqlite
      .prepare("INSERT INTO settings (key, value) VALUES ('automaticBackup', ?)")
      .run(JSON.stringify({ onExit: true, folder: join(blocked, 'inner'), keep: 7, reminderDays: 7 }))
    const outcome = backupOnExit(host)
    expect(outcome.outcome).toBe('failed')
    expect(auditActions(host.vault.sqlite)).toEqual([{ action: 'backup.failed', detail: 'automatic' }])
    expect(JSON.stringify(outcome)).not.toContain(blocked)
    const failure = (await status(call)).automaticFailure
    expect(failure?.text).toMatch(/^The automatic backup on 3 Dec 2026 failed: /)
    expect(failure?.text).not.toContain(blocked)
    expect(existsSync(usualBackupFolder(folder))).toBe(false)
  })

  it('writes nothing when switched off', async () => {
    const { host, call, folder } = await store()
    expect(await call('backup:setAutomatic', { onExit: false })).toMatchObject({ ok: true })
    expect(backupOnExit(host)).toEqual({ outcome: 'off' })
    expect(existsSync(usualBackupFolder(folder))).toBe(false)
  })

  it('on a locked store, writes nothing and deletes nothing: the key is not held while locked', async () => {
    const { host, folder, clock } = await store()
    expect(backupOnExit(host)).toMatchObject({ outcome: 'made' })
    const backups = usualBackupFolder(folder)
    const before = readdirSync(backups).sort()
    host.vault.lock('idle')
    const database = sha256(storeFiles(folder).database)
    clock.advance(day)
    expect(backupOnExit(host)).toEqual({ outcome: 'locked' })
    expect(readdirSync(backups).sort()).toEqual(before)
    expect(sha256(storeFiles(folder).database)).toBe(database)
  })

  it('refuses a folder inside the data folder (other than the usual one), a synced folder, a file and a relative path, changing nothing', async () => {
    const { call, folder } = await store()
    const outside = tempFolder()
    const file = join(outside, 'a-file')
    writeFileSync(file, '')
    mkdirSync(join(outside, 'OneDrive - Police'), { recursive: true })
    const linkToData = join(outside, 'link')
    symlinkSync(folder, linkToData)
    for (const bad of [folder, join(folder, 'elsewhere'), linkToData, join(outside, 'OneDrive - Police', 'Harbour'), file, 'backups']) {
      const refused = await call('backup:setAutomatic', { folder: bad, keep: 2 })
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: ['folder'] } })
      expect(JSON.stringify(refused)).not.toContain(outside)
    }
    expect((await status(call)).automatic).toEqual({ onExit: true, folder: '', keep: 7, reminderDays: 7 })
    expect(await call('backup:setAutomatic', { folder: usualBackupFolder(folder) })).toMatchObject({ ok: true })
  })

  it('refuses settings out of bounds with the field’s words', async () => {
    const { call } = await store()
    expect(await call('backup:setAutomatic', { keep: 61 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', fields: ['keep'] }
    })
    expect(await call('backup:setAutomatic', { keep: 0 })).toMatchObject({ ok: false })
    expect(await call('backup:setAutomatic', { reminderDays: 0 })).toMatchObject({ ok: false, error: { fields: ['reminderDays'] } })
    expect((await status(call)).automatic.keep).toBe(7)
  })

  it('is for administrators only', async () => {
    const { host, call } = await store()
    const session = host.vault.session
    if (!session) throw new Error('expected an unlocked store')
    host.vault.sqlite.prepare('UPDATE users SET roles = ? WHERE id = ?').run(JSON.stringify(['clinician']), session.id)
    host.vault.refreshSessionUser({ ...session, roles: ['clinician'] })
    for (const channel of ['backup:status', 'backup:dismissReminder'])
      expect(await call(channel, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await call('backup:setAutomatic', { keep: 2 })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })
})

describe('the backup reminder', () => {
  it('shows on a store never backed up, goes for the day when dismissed, is back the next day, and goes once a backup is made', async () => {
    const { host, call, clock } = await store()
    expect((await status(call)).reminder).toEqual({ daysSince: null, text: 'No backup has been made yet — make one now' })
    expect(await call('backup:dismissReminder', {})).toMatchObject({ ok: true, value: { reminder: null } })
    clock.advance(day)
    await signInAgain(host)
    expect((await status(call)).reminder).not.toBeNull()
    expect(backupOnExit(host)).toMatchObject({ outcome: 'made' })
    const seen = await status(call)
    expect(seen.reminder).toBeNull()
    expect(seen.lastBackupAt).toBe(clock.now().toISOString())
    // Eight days on, a manual backup counts as much as an automatic one.
    clock.advance(8 * day)
    await signInAgain(host)
    expect((await status(call)).reminder).toEqual({ daysSince: 8, text: 'No backup for 8 days — make one now' })
    const out = join(tempFolder(), 'manual.hbk')
    host.core.dialogs = { chooseBackupDestination: async () => out, chooseBackupToRestore: async () => null }
    expect(await call('backup:create', {})).toMatchObject({ ok: true })
    expect((await status(call)).reminder).toBeNull()
    expect(readFileSync(keyringBesideBackup(out), 'utf8')).toContain('harbour-keyring')
  })
})

describe('on a team server', () => {
  it('nothing is backed up at exit and the backup channels are refused: its backups are the IT team’s', async () => {
    const team = await teamServer(manualClock().now)
    expect(backupOnExit(team.host)).toEqual({ outcome: 'team-server' })
    for (const [channel, input] of [
      ['backup:status', {}],
      ['backup:setAutomatic', { keep: 2 }],
      ['backup:dismissReminder', {}],
      ['backup:create', {}]
    ] as const)
      expect(await team.raw(channel, input)).toMatchObject({ ok: false, error: { code: 'unavailable' } })
  })
})
