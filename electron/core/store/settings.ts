import type { Kysely, Transaction } from 'kysely'
import {
  settingDefaults,
  settingKeys,
  settingProblems,
  settingSchemas,
  type SettingKey,
  type SettingValue
} from '../../../shared/contract/settings'
import { CoreError } from '../errors'
import type { SqliteDatabase } from './open'
import type { HarbourDatabase } from './schema'

/**
 * The one way settings go in and out of the settings table: JSON text checked against the
 * setting's schema both ways (a value first stored as plain text, as the amber follow-up
 * setting was, is read as that text). A value that does not fit is refused on write; on read it is
 * never used (an idle lock of "undefined" once switched the lock off for everyone): the
 * default is used instead and the key is reported.
 */
type Executor = Kysely<HarbourDatabase> | Transaction<HarbourDatabase>

export interface SettingRead<K extends SettingKey> {
  value: SettingValue<K>
  /** False when a stored value was there but did not fit, and the default was used. */
  valid: boolean
}

export function parseSetting<K extends SettingKey>(key: K, stored: string | undefined): SettingRead<K> {
  if (stored === undefined) return { value: settingDefaults[key], valid: true }
  let raw: unknown = stored
  try {
    raw = JSON.parse(stored)
  } catch {
    // Not JSON: plain text from before settings were stored as JSON, checked like any value.
  }
  const parsed = settingSchemas[key].safeParse(raw)
  return parsed.success ? { value: parsed.data as SettingValue<K>, valid: true } : { value: settingDefaults[key], valid: false }
}

/** The stored text for a value, or a refusal naming the setting (never the value). */
export function settingText<K extends SettingKey>(key: K, value: unknown): string {
  const parsed = settingSchemas[key].safeParse(value)
  if (!parsed.success) throw new CoreError('invalid-input', settingProblems[key], [key])
  return JSON.stringify(parsed.data)
}

export function isSettingKey(key: string): key is SettingKey {
  return (settingKeys as string[]).includes(key)
}

export async function readSetting<K extends SettingKey>(db: Executor, key: K): Promise<SettingRead<K>> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst()
  return parseSetting(key, row?.value)
}

export function readSettingSync<K extends SettingKey>(sqlite: SqliteDatabase, key: K): SettingRead<K> {
  const row = sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined
  return parseSetting(key, row?.value)
}

/** The same, on the raw connection, for work that holds the key (the automatic backup at exit). */
export function writeSettingSync<K extends SettingKey>(sqlite: SqliteDatabase, key: K, value: unknown): void {
  sqlite
    .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(key, settingText(key, value))
}

export async function writeSetting<K extends SettingKey>(db: Executor, key: K, value: unknown): Promise<void> {
  const text = settingText(key, value)
  await db
    .insertInto('settings')
    .values({ key, value: text })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: text }))
    .execute()
}

/** The settings whose stored values do not fit, so the default is in use (reported at sign-in). */
export function invalidSettingKeys(sqlite: SqliteDatabase): SettingKey[] {
  return settingKeys.filter((key) => !readSettingSync(sqlite, key).valid)
}
