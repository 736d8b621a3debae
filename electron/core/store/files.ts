import { join } from 'node:path'

/** The files that make up a store, all inside one data folder. */
export function storeFiles(dataFolder: string) {
  return {
    database: join(dataFolder, 'harbour.db'),
    keyring: join(dataFolder, 'harbour.keyring.json'),
    unlockAttempts: join(dataFolder, 'unlock-attempts.json')
  }
}

export type StoreFiles = ReturnType<typeof storeFiles>
