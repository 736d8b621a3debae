import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDispatcher } from '../../electron/core/ipc/dispatch'
import { handlers } from '../../electron/core/ipc/handlers'
import { preferencesFileName, readPreferences, updatePreferences } from '../../electron/core/services/preferences'
import { defaultPreferences } from '../../shared/contract/preferences'
import { testCoreContext, testHost } from '../fixtures/core-context'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

describe('preferences service', () => {
  it('starts from the defaults when nothing has been saved', () => {
    const core = testCoreContext(tempFolder())
    expect(readPreferences(core)).toEqual(defaultPreferences)
    expect(existsSync(join(core.dataFolder, preferencesFileName))).toBe(false)
  })

  it('saves changes, keeps the rest, and leaves no temporary files behind', () => {
    const core = testCoreContext(tempFolder())
    updatePreferences(core, { theme: 'dark' })
    const saved = updatePreferences(core, { textSize: 'large' })
    expect(saved).toEqual({ ...defaultPreferences, theme: 'dark', textSize: 'large' })
    expect(readPreferences(core)).toEqual(saved)
    expect(readdirSync(core.dataFolder)).toEqual([preferencesFileName])
  })

  it('creates the data folder when it does not exist yet', () => {
    const core = testCoreContext(join(tempFolder(), 'not', 'yet', 'there'))
    updatePreferences(core, { reduceMotion: true })
    expect(readPreferences(core).reduceMotion).toBe(true)
  })

  it('falls back field by field when the file is damaged or edited by hand', () => {
    const core = testCoreContext(tempFolder())
    const file = join(core.dataFolder, preferencesFileName)
    writeFileSync(file, '{"theme": "dark", "textSize": "enormous", "reduceMotion": "yes", "extra": 1}')
    expect(readPreferences(core)).toEqual({ ...defaultPreferences, theme: 'dark' })
    writeFileSync(file, '\u0000\u0001not json at all')
    expect(readPreferences(core)).toEqual(defaultPreferences)
    writeFileSync(file, '[1, 2, 3]')
    expect(readPreferences(core)).toEqual(defaultPreferences)
  })

  it('through the contract: bad input is refused and changes nothing on disk', async () => {
    const call = testHost(tempFolder())
    const core = call.core
    const dispatch = createDispatcher(handlers, { validateOutput: true })
    expect(await dispatch('preferences:set', { theme: 'high-contrast' }, call)).toMatchObject({ ok: true })
    const file = join(core.dataFolder, preferencesFileName)
    const before = readFileSync(file, 'utf8')
    for (const bad of [{ theme: 'neon' }, { textSize: null }, { reduceMotion: 'true' }, { theme: 'dark', admin: true }]) {
      expect(await dispatch('preferences:set', bad, call)).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    }
    expect(readFileSync(file, 'utf8')).toBe(before)
    expect(await dispatch('preferences:get', {}, call)).toEqual({
      ok: true,
      value: { ...defaultPreferences, theme: 'high-contrast' }
    })
  })
})
