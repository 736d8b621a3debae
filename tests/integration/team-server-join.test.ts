import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { StoreStatus } from '../../shared/contract/session'
import { HostChoice } from '../../electron/core/host-choice'
import { parseTeamAddress } from '../../electron/core/store/postgres/connection'
import { Vault } from '../../electron/core/vault'
import { testCoreContext } from '../fixtures/core-context'
import { personFields } from '../fixtures/caseload'
import { admin, dispatch } from '../fixtures/store'
import { useTeamServers, type TeamTestStore } from '../fixtures/team-server'
import { useTempFolders } from '../fixtures/temp-folder'

const teamServer = useTeamServers()
const tempFolder = useTempFolders()
const nurse = { username: 'nurse.jo', passphrase: 'harbour lantern evening tide', displayName: 'Jo Nurse', roles: ['clinician'] }

/** A workstation as the Electron shell builds it: its own data folder, its own store, the choice between them. */
const workstations: HostChoice[] = []
afterEach(async () => {
  for (const stores of workstations.splice(0)) await stores.lock('signed-out')
})

function workstation(folder = tempFolder()) {
  const core = testCoreContext(folder)
  const vault = new Vault(core)
  const stores = new HostChoice(core, vault)
  workstations.push(stores)
  const raw = (channel: string, input: unknown) => dispatch(channel, input, stores.current())
  return { folder, vault, stores, raw }
}

/** What a clinician types on the join screen for the test server (a Unix socket on this machine). */
function joinFields(server: TeamTestStore, who: { username: string; passphrase: string }) {
  const address = parseTeamAddress(server.url)
  return {
    host: address.host,
    port: String(address.port),
    database: address.database,
    caFile: '',
    username: who.username,
    passphrase: who.passphrase
  }
}

const settingsFile = (folder: string) => join(folder, 'team-server.json')

describe('joining a team server at first run', () => {
  it('signs in as the user’s own login, remembers only where the server is, and serves every call from the server', async () => {
    const server = await teamServer()
    await server.addUser(nurse)
    const { folder, raw, stores } = workstation()
    const before = await raw('session:status', {})
    expect(before).toMatchObject({ ok: true, value: { state: 'no-store', teamServer: null } })

    const joined = await raw('team-server:join', joinFields(server, nurse))
    expect(joined).toMatchObject({ ok: true, value: { username: nurse.username, roles: ['clinician'] } })
    const kept = readFileSync(settingsFile(folder), 'utf8')
    const address = parseTeamAddress(server.url)
    expect(JSON.parse(kept)).toEqual({
      format: 'harbour-team-server',
      version: 1,
      host: address.host,
      port: address.port,
      database: address.database,
      caFile: ''
    })
    expect(kept).not.toContain(nurse.passphrase)
    expect(kept).not.toContain(nurse.username)
    // No standalone store was made beside it.
    expect(existsSync(join(folder, 'harbour.db'))).toBe(false)

    const status = await raw('session:status', {})
    expect(status).toMatchObject({
      ok: true,
      value: { state: 'unlocked', user: { username: nurse.username }, teamServer: { host: address.host, database: address.database } }
    })
    // A person the administrator made on the server is found from this workstation.
    await server.call('people:create', personFields({ staffNumber: 'T1001', givenName: 'Aled', familyName: 'Price' }))
    expect(await raw('people:search', { query: 'Price' })).toMatchObject({ ok: true, value: [{ staffNumber: 'T1001' }] })
    expect(stores.teamStore).not.toBeNull()

    // A standalone store's first-run setup and recovery are not the way in any more.
    expect(await raw('session:setup', { ...admin, confirmPassphrase: admin.passphrase })).toMatchObject({
      ok: false,
      error: { code: 'unavailable' }
    })
    const newPassphrase = 'granite meadow copper whistle'
    expect(
      await raw('session:recover', {
        recoveryCode: 'x',
        username: nurse.username,
        passphrase: newPassphrase,
        confirmPassphrase: newPassphrase
      })
    ).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringContaining('team server') }
    })
  })

  it('after a restart, the workstation opens locked on the same server, and sign-in and lock go through the server', async () => {
    const server = await teamServer()
    await server.addUser(nurse)
    const first = workstation()
    expect((await first.raw('team-server:join', joinFields(server, nurse))).ok).toBe(true)
    await first.stores.lock('signed-out')

    const again = workstation(first.folder)
    const locked = await again.raw('session:status', {})
    expect(locked).toMatchObject({
      ok: true,
      value: { state: 'locked', user: null, teamServer: { database: parseTeamAddress(server.url).database } }
    })
    expect(await again.raw('people:search', { query: 'Price' })).toMatchObject({ ok: false, error: { code: 'locked' } })

    const wrong = await again.raw('session:unlock', { username: nurse.username, passphrase: 'not the passphrase at all' })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    const unlocked = await again.raw('session:unlock', { username: nurse.username, passphrase: nurse.passphrase })
    expect(unlocked).toMatchObject({ ok: true, value: { username: nurse.username } })
    expect(again.stores.isUnlocked()).toBe(true)

    const lockedAgain = await again.raw('session:lock', { reason: 'manual' })
    expect(lockedAgain).toMatchObject({ ok: true, value: { state: 'locked', lockReason: 'manual' } })
    expect(again.stores.isUnlocked()).toBe(false)
  })

  it('refuses a wrong passphrase, a missing CA file and an unknown database, and remembers nothing', async () => {
    const server = await teamServer()
    await server.addUser(nurse)
    const { folder, raw } = workstation()
    const fields = joinFields(server, nurse)

    const wrong = await raw('team-server:join', { ...fields, passphrase: 'not the passphrase at all' })
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated', message: 'The team server did not accept that username and passphrase.' }
    })

    const noCa = await raw('team-server:join', { ...fields, host: 'localhost' })
    expect(noCa).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', fields: ['caFile'], message: expect.stringContaining('CA certificate file') }
    })
    const missingCa = await raw('team-server:join', { ...fields, host: 'localhost', caFile: join(folder, 'no-such-ca.pem') })
    expect(missingCa).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: ['caFile'] } })

    const noDatabase = await raw('team-server:join', { ...fields, database: 'no_such_database' })
    expect(noDatabase).toMatchObject({ ok: false, error: { message: 'The team server has no database of that name.' } })

    const badPort = await raw('team-server:join', { ...fields, port: '99999' })
    expect(badPort).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: ['port'] } })

    expect(existsSync(settingsFile(folder))).toBe(false)
    expect(await raw('session:status', {})).toMatchObject({ ok: true, value: { state: 'no-store', teamServer: null } })
  })

  it('is refused on a computer that keeps its own store', async () => {
    const server = await teamServer()
    await server.addUser(nurse)
    const { vault, raw, folder } = workstation()
    await vault.setup(admin)
    vault.lock('manual')
    const refused = await raw('team-server:join', joinFields(server, nurse))
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('its own Harbour store') } })
    expect(existsSync(settingsFile(folder))).toBe(false)
    expect(((await raw('session:status', {})) as { value: StoreStatus }).value).toMatchObject({ state: 'locked', teamServer: null })
  })

  it('says plainly when the settings file is damaged, and does not offer to make a store of its own instead', async () => {
    const folder = tempFolder()
    writeFileSync(settingsFile(folder), '{"format":"harbour-team-server","version":1,"host":')
    const { raw } = workstation(folder)
    expect(await raw('session:status', {})).toMatchObject({ ok: true, value: { state: 'unavailable', problem: 'team-settings-damaged' } })
    expect(await raw('session:setup', { ...admin, confirmPassphrase: admin.passphrase })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringContaining('team server settings') }
    })
    expect(existsSync(join(folder, 'harbour.db'))).toBe(false)
  })

  it('tells a workstation when another one saves, without saying whose record', async () => {
    const server = await teamServer()
    await server.addUser(nurse)
    const { raw, stores } = workstation()
    expect((await raw('team-server:join', joinFields(server, nurse))).ok).toBe(true)
    let heard = 0
    stores.onRecordsChanged(() => {
      heard += 1
    })
    await server.call('people:create', personFields({ staffNumber: 'T2002', givenName: 'Bethan', familyName: 'Rees' }))
    await expect.poll(() => heard, { timeout: 20_000 }).toBeGreaterThan(0)
  })
})
