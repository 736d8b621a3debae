import { join } from 'node:path'

/** The files that make up a store, all inside one data folder. */
export function storeFiles(dataFolder: string) {
  return {
    database: join(dataFolder, 'harbour.db'),
    keyring: join(dataFolder, 'harbour.keyring.json'),
    unlockAttempts: join(dataFolder, 'unlock-attempts.json'),
    /** Held by the one process that has the store open (see store-lock.ts). */
    lock: join(dataFolder, 'harbour.lock'),
    preferences: join(dataFolder, 'preferences.json')
  }
}

export type StoreFiles = ReturnType<typeof storeFiles>

/** The database's companion files: SQLite keeps them beside it, under its name. */
export const databaseCompanions = ['-wal', '-shm', '-journal'] as const
