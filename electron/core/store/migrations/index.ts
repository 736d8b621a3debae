import type { SqliteDatabase } from '../open'
import { up as initial } from './0010_initial'

export interface Migration {
  version: number
  name: string
  up: (db: SqliteDatabase) => void
}

/** Every migration, in order. Versions step by 10 to leave room; never edit a shipped one. */
export const migrations: Migration[] = [{ version: 10, name: '0010_initial', up: initial }]
