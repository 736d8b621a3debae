import Database from 'better-sqlite3-multiple-ciphers'
import { rmSync } from 'node:fs'
import { startsWithPlaintextHeader } from './backup'
import type { OpenOptions } from './open'

/**
 * Copies an encrypted database into a new file under a different key, with a keyed
 * `VACUUM INTO` (never the backup API, which can write plaintext).
 *
 * SQLite3 Multiple Ciphers encrypts a `VACUUM INTO` target with the key of the connection's
 * main database (a key in the target's URI would need URI filenames, which the driver leaves
 * off). So the copy runs from a connection whose main database is keyed with the NEW key and
 * never written, with the store ATTACHed under its current key: `VACUUM live INTO` then
 * writes the store's pages under the new key. The store file itself is only read.
 */
export function copyUnderNewKey(
  source: string,
  sourceKey: Buffer,
  destination: string,
  newKey: Buffer,
  driver: Pick<OpenOptions, 'nativeBinding'> = {}
): void {
  const holderPath = `${destination}.key-holder`
  rmSync(holderPath, { force: true })
  rmSync(destination, { force: true })
  const holder = new Database(holderPath, driver.nativeBinding ? { nativeBinding: driver.nativeBinding } : {})
  try {
    holder.pragma("cipher = 'sqlcipher'")
    holder.pragma('legacy = 4')
    // Hex comes from a Buffer's own encoding, so nothing else can be interpolated.
    holder.pragma(`key = "x'${newKey.toString('hex')}'"`)
    holder.pragma('temp_store = MEMORY')
    holder.prepare('SELECT count(*) FROM sqlite_master').get()
    holder.prepare('ATTACH DATABASE ? AS live KEY ?').run(source, `x'${sourceKey.toString('hex')}'`)
    holder.prepare('SELECT count(*) FROM live.sqlite_master').get()
    holder.prepare('VACUUM live INTO ?').run(destination)
    holder.exec('DETACH DATABASE live')
  } finally {
    holder.close()
    rmSync(holderPath, { force: true })
  }
  if (startsWithPlaintextHeader(destination)) {
    rmSync(destination, { force: true })
    throw new Error('The re-keyed copy was not encrypted.')
  }
}
