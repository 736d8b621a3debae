import { describe, expect, it } from 'vitest'
import { defaultDataFolder } from '../../electron/core/paths'

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
