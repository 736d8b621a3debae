import { importMapping, requiredColumns, type ImportColumn, type ImportMapping } from '../../../shared/contract/people-import'
import { autoMapping, normaliseHeader } from '../../../shared/hr-header-synonyms'
import type { CallContext } from '../context'
import { CoreError } from '../errors'

export interface ChosenMapping {
  mapping: ImportMapping
  /** The saved mapping used, named so the window can say so. */
  appliedPreset: string | null
}

interface Preset {
  name: string
  mapping: ImportMapping
  updatedAt: string
}

/**
 * A saved mapping that fits the file: every header it names is in the file (without case,
 * spaces or punctuation) and it fills every required column. Of several, the one filling
 * the most columns, then the one saved last. Returned with the file's own spelling of each header.
 */
export function matchingPreset(headers: string[], presets: Preset[]): { name: string; mapping: ImportMapping } | null {
  const byKey = new Map(headers.map((header) => [normaliseHeader(header), header]))
  const fits = presets.flatMap((preset) => {
    const entries = Object.entries(preset.mapping).filter((entry): entry is [ImportColumn, string] => Boolean(entry[1]))
    const inFile = entries.map(([column, header]) => [column, byKey.get(normaliseHeader(header))] as const)
    if (inFile.some(([, header]) => header === undefined)) return []
    const mapping = Object.fromEntries(inFile) as ImportMapping
    if (!requiredColumns.every((column) => mapping[column])) return []
    return [{ name: preset.name, mapping, columns: entries.length, updatedAt: preset.updatedAt }]
  })
  fits.sort((a, b) => b.columns - a.columns || b.updatedAt.localeCompare(a.updatedAt))
  const best = fits[0]
  return best ? { name: best.name, mapping: best.mapping } : null
}

async function presets(call: CallContext): Promise<Preset[]> {
  const rows = await call.db.selectFrom('import_presets').selectAll().execute()
  return rows.map((row) => ({ name: row.name, mapping: importMapping.parse(JSON.parse(row.mapping)), updatedAt: row.updated_at }))
}

/**
 * The mapping to use: the one given; else the preset named; else a saved preset that fits
 * the file's headers (next month's file from the same system); else the headers recognised
 * by the synonym table (shared/hr-header-synonyms.ts).
 */
export async function chooseMapping(
  call: CallContext,
  headers: string[],
  given: { mapping?: ImportMapping | undefined; preset?: string | undefined }
): Promise<ChosenMapping> {
  if (given.mapping) return { mapping: given.mapping, appliedPreset: null }
  if (given.preset) {
    const row = await call.db.selectFrom('import_presets').select(['name', 'mapping']).where('name', '=', given.preset).executeTakeFirst()
    if (!row) throw new CoreError('not-found', 'There is no saved mapping with that name. Choose one from the list.')
    return { mapping: importMapping.parse(JSON.parse(row.mapping)), appliedPreset: row.name }
  }
  const preset = matchingPreset(headers, await presets(call))
  if (preset) return { mapping: preset.mapping, appliedPreset: preset.name }
  return { mapping: autoMapping(headers), appliedPreset: null }
}
