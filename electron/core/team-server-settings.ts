import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { TeamServerSummary } from '../../shared/contract/session'
import { writeFileAtomic } from './fs/atomic-write'

/**
 * Which team server this computer joined at first run, kept in the data folder beside where a
 * standalone store would be. It holds where the server is and the CA file only: no username,
 * no passphrase, nothing clinical. Its presence is what makes this computer a team workstation.
 */
export interface TeamServerSettings extends TeamServerSummary {
  /** The force's CA certificate file (TCP only; empty for a Unix socket on this computer). */
  caFile: string
}

const fileName = 'team-server.json'

const settingsFile = z
  .object({
    format: z.literal('harbour-team-server'),
    version: z.literal(1),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535),
    database: z.string().min(1),
    caFile: z.string()
  })
  .strict()

/** Said when the file is there but cannot be read as Harbour wrote it. */
export const damagedTeamSettings =
  'This computer\u2019s team server settings (team-server.json in Harbour\u2019s data folder) are damaged. Ask the force\u2019s IT team to set it up again.'

export type TeamSettingsRead = { state: 'none' } | { state: 'joined'; settings: TeamServerSettings } | { state: 'damaged' }

export function readTeamServerSettings(dataFolder: string): TeamSettingsRead {
  const path = join(dataFolder, fileName)
  if (!existsSync(path)) return { state: 'none' }
  try {
    const parsed = settingsFile.safeParse(JSON.parse(readFileSync(path, 'utf8')))
    if (!parsed.success) return { state: 'damaged' }
    const { host, port, database, caFile } = parsed.data
    return { state: 'joined', settings: { host, port, database, caFile } }
  } catch {
    return { state: 'damaged' }
  }
}

export function writeTeamServerSettings(dataFolder: string, settings: TeamServerSettings): void {
  writeFileAtomic(join(dataFolder, fileName), `${JSON.stringify({ format: 'harbour-team-server', version: 1, ...settings }, null, 2)}\n`)
}

/**
 * The libpq connection URI for these settings: a socket folder as host=, otherwise TLS with
 * the certificate checked against the CA file and the server's name (verify-full).
 */
export function teamServerUrl(settings: TeamServerSettings): string {
  const database = encodeURIComponent(settings.database)
  if (settings.host.startsWith('/')) {
    return `postgresql:///${database}?host=${encodeURIComponent(settings.host)}&port=${settings.port}`
  }
  const host = settings.host.includes(':') && !settings.host.startsWith('[') ? `[${settings.host}]` : settings.host
  return `postgresql://${host}:${settings.port}/${database}?sslmode=verify-full&sslrootcert=${encodeURIComponent(settings.caFile)}`
}
