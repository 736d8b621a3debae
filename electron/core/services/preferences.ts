import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { defaultPreferences, preferences as preferencesSchema, type Preferences } from '../../../shared/contract/preferences'
import type { CoreContext } from '../context'
import { CoreError } from '../errors'
import { writeFileAtomic } from '../fs/atomic-write'

/**
 * Display preferences belong to the workstation, not to a person's record, so they live in
 * a small JSON file beside the store and are readable before anyone unlocks.
 */
export const preferencesFileName = 'preferences.json'

function preferencesPath(core: CoreContext): string {
  return join(core.dataFolder, preferencesFileName)
}

export function readPreferences(core: CoreContext): Preferences {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(preferencesPath(core), 'utf8'))
  } catch {
    return { ...defaultPreferences }
  }
  // A damaged or older file falls back field by field rather than losing every choice.
  const merged: Record<string, unknown> = { ...defaultPreferences }
  if (raw && typeof raw === 'object') {
    for (const [key, value] of Object.entries(raw)) {
      const field = preferencesSchema.shape[key as keyof Preferences]
      if (field?.safeParse(value).success) merged[key] = value
    }
  }
  return preferencesSchema.parse(merged)
}

export function updatePreferences(core: CoreContext, changes: Partial<Preferences>): Preferences {
  // The contract already refuses bad values; this keeps any other caller from writing one.
  const checked = preferencesSchema.safeParse({ ...readPreferences(core), ...changes })
  if (!checked.success)
    throw new CoreError('invalid-input', 'Choose one of the options offered.', [
      ...new Set(checked.error.issues.map((issue) => String(issue.path[0] ?? '(input)')))
    ])
  const next = checked.data
  writeFileAtomic(preferencesPath(core), `${JSON.stringify(next, null, 2)}\n`)
  return next
}
