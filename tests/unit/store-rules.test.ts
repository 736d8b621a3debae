import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { calibrateKdf, minimumKdf } from '../../electron/core/store/kdf'
import { kdfWithinLimits } from '../../electron/core/store/keyring'
import { isNetworkPath } from '../../electron/core/store/network-path'
import { newRecoveryCode, normaliseRecoveryCode } from '../../electron/core/store/recovery-code'
import { backoffSeconds } from '../../electron/core/store/unlock-attempts'
import { electronNativeBinding } from '../../electron/main/native-binding'

describe('unlock back-off', () => {
  it('starts at the fifth failure, doubles, passes 30 s by the tenth and stops at 15 minutes', () => {
    expect([0, 1, 4].map(backoffSeconds)).toEqual([0, 0, 0])
    expect(backoffSeconds(5)).toBe(2)
    expect(backoffSeconds(6)).toBe(4)
    expect(backoffSeconds(10)).toBeGreaterThanOrEqual(30)
    expect(backoffSeconds(100)).toBe(900)
  })
})

describe('recovery codes', () => {
  it('are eight groups of four from an alphabet without look-alikes, and differ every time', () => {
    const codes = new Set(Array.from({ length: 50 }, newRecoveryCode))
    expect(codes.size).toBe(50)
    for (const code of codes) expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/)
  })

  it('are accepted however they were typed', () => {
    const code = newRecoveryCode()
    expect(normaliseRecoveryCode(code.toLowerCase().replaceAll('-', ' '))).toBe(code)
    expect(normaliseRecoveryCode('ABCD-EFGH-1O1L')).toBe('ABCD-EFGH-1011')
  })
})

describe('network paths', () => {
  const mountInfo = [
    '22 1 8:1 / / rw - ext4 /dev/sda1 rw',
    '40 22 0:50 / /mnt/oh-share rw - cifs //server/oh rw',
    '41 22 0:51 / /srv/nfs rw - nfs4 server:/export rw'
  ].join('\n')

  it('knows UNC paths and Linux network mounts, and local disks', () => {
    expect(isNetworkPath('\\\\server\\share\\harbour', 'win32')).toBe(true)
    expect(isNetworkPath('//server/share/harbour', 'win32')).toBe(true)
    expect(isNetworkPath('C:\\Users\\nurse\\AppData\\Roaming\\Harbour', 'win32')).toBe(false)
    expect(isNetworkPath('/mnt/oh-share/harbour', 'linux', mountInfo)).toBe(true)
    expect(isNetworkPath('/srv/nfs/a/b', 'linux', mountInfo)).toBe(true)
    expect(isNetworkPath('/home/nurse/.config/Harbour', 'linux', mountInfo)).toBe(false)
    expect(isNetworkPath('/mnt/oh-share-local/harbour', 'linux', mountInfo)).toBe(false)
  })
})

describe('key derivation calibration', () => {
  it('never goes below the floor and scales passes up to reach the target time', async () => {
    expect(await calibrateKdf(600, async () => 5000)).toEqual(minimumKdf)
    expect(await calibrateKdf(600, async () => 100)).toEqual({ ...minimumKdf, iterations: 18 })
    expect((await calibrateKdf(600, async () => 1)).iterations).toBe(64)
  })

  it('always lands inside the limits a key slot is opened with, and those limits refuse runaway work', async () => {
    for (const elapsed of [5000, 600, 100, 10, 1]) expect(kdfWithinLimits(await calibrateKdf(600, async () => elapsed))).toBe(true)
    expect(kdfWithinLimits({ ...minimumKdf, memoryKiB: 2 ** 31 })).toBe(false)
    expect(kdfWithinLimits({ ...minimumKdf, memoryKiB: 1_048_576, iterations: 64 })).toBe(false)
    expect(kdfWithinLimits({ ...minimumKdf, memoryKiB: 1_048_576, iterations: 4 })).toBe(true)
  })
})

describe('native driver for Electron', () => {
  it('uses the separate Electron build only when unpackaged and present', () => {
    expect(electronNativeBinding('/nowhere', false, '150')).toBeUndefined()
    const root = mkdtempSync(join(tmpdir(), 'harbour-native-test-'))
    mkdirSync(join(root, 'native', 'electron-150'), { recursive: true })
    writeFileSync(join(root, 'native', 'electron-150', 'better_sqlite3.node'), '')
    expect(electronNativeBinding(root, false, '150')).toBe(join(root, 'native', 'electron-150', 'better_sqlite3.node'))
    expect(electronNativeBinding(root, false, '151')).toBeUndefined()
    expect(electronNativeBinding(root, true, '150')).toBeUndefined()
    rmSync(root, { recursive: true })
  })
})
