import { describe, expect, it } from 'vitest'
import { dataFolderFor, defaultDataFolder } from '../../electron/core/paths'

describe('default data folder (as Electron names userData for productName "Harbour")', () => {
  it('uses APPDATA on Windows', () => {
    expect(defaultDataFolder({ APPDATA: 'C:\\Users\\nurse\\AppData\\Roaming' }, 'win32', 'C:\\Users\\nurse')).toMatch(
      /Roaming[\\/]Harbour$/
    )
  })

  it('uses Application Support on macOS', () => {
    expect(defaultDataFolder({}, 'darwin', '/Users/nurse')).toBe('/Users/nurse/Library/Application Support/Harbour')
  })

  it('uses XDG_CONFIG_HOME or ~/.config on Linux', () => {
    expect(defaultDataFolder({}, 'linux', '/home/nurse')).toBe('/home/nurse/.config/Harbour')
    expect(defaultDataFolder({ XDG_CONFIG_HOME: '/srv/config' }, 'linux', '/home/nurse')).toBe('/srv/config/Harbour')
  })
})

describe('which data folder the app uses', () => {
  const userData = '/home/nurse/.config/Harbour'

  it('honours HARBOUR_DATA_FOLDER only when the app is not packaged (development and tests)', () => {
    expect(dataFolderFor({ packaged: false, env: { HARBOUR_DATA_FOLDER: '/tmp/harbour-test' }, userData })).toBe('/tmp/harbour-test')
    expect(dataFolderFor({ packaged: true, env: { HARBOUR_DATA_FOLDER: '/tmp/harbour-test' }, userData })).toBe(userData)
  })

  it('uses the per-user folder when nothing is set, or the variable is empty', () => {
    expect(dataFolderFor({ packaged: false, env: {}, userData })).toBe(userData)
    expect(dataFolderFor({ packaged: false, env: { HARBOUR_DATA_FOLDER: '' }, userData })).toBe(userData)
    expect(dataFolderFor({ packaged: true, env: {}, userData })).toBe(userData)
  })
})
