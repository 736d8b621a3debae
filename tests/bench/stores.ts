import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import type { CoreContext } from '../../electron/core/context'
import type { Host } from '../../electron/core/ipc/dispatch'
import { seedSynthetic } from '../../electron/core/services/synthetic'
import { queryBuilder } from '../../electron/core/store/database'
import { bulkWrites } from '../../electron/core/store/bulk-writes'
import { HandoverState } from '../../electron/core/store/handover-state'
import { attachAuditSigner } from '../../electron/core/store/audit-signing'
import { openEncrypted, type SqliteDatabase } from '../../electron/core/store/open'
import { generateRawKeyPair } from '../../electron/core/store/slot-keys'
import type { Vault } from '../../electron/core/vault'
import { callAs, testHost } from '../fixtures/core-context'
import { admin } from '../fixtures/store'

/**
 * A host over an already-open connection, so the same services run against the encrypted
 * store and its plaintext twin. Lock checks are no-ops: benchmarks time queries, not sessions.
 */
export function benchHost(core: CoreContext, sqlite: SqliteDatabase, session: NonNullable<Vault['session']>): Host {
  // Built as the app builds it, statement cache included.
  const db = queryBuilder(sqlite)
  // Audit entries are signed as in the app (with a throwaway key), so both sides pay for signing.
  attachAuditSigner(sqlite, { id: session.id, privateKey: generateRawKeyPair('ed25519').privateKey })
  const parts = {
    session: {
      db,
      sqlite,
      handover: new HandoverState(),
      status: () => ({ state: 'unlocked' }),
      // The bench's session never locks; per-session memos (once-a-day work) need somewhere to listen.
      onChange: () => () => undefined
    }
  }
  const vault = {
    db,
    sqlite,
    session,
    parts,
    handover: null,
    bulk: bulkWrites(() => sqlite),
    lockIfDue: () => null,
    endSessionIfRevoked: () => false,
    touch: () => undefined,
    connectionFree: async () => undefined,
    status: () => ({ state: 'unlocked' })
  }
  return { core, vault: vault as unknown as Vault }
}

export interface BenchStores {
  encrypted: Host
  plain: Host
  clinicianId: string
  close: () => void
}

/** A seeded encrypted store, and a decrypted copy of the same file for the enc/plain ratio. */
export async function buildStores(folder: string, people: number): Promise<BenchStores> {
  const host = testHost(join(folder, 'encrypted'))
  await host.vault.setup(admin)
  const session = host.vault.session
  if (!session) throw new Error('setup did not sign in')
  const started = performance.now()
  // Just over two referrals a person on average: at 50,000 people, more than the 100,000 issue 13's budget is for.
  const seeded = await seedSynthetic(callAs(host), { people, seed: 2026, denseHistory: true, referralsPerPerson: 2.02 })
  process.stderr.write(
    `Seeded ${seeded.people} people, ${seeded.cases} cases, ${seeded.notes} notes, ${seeded.tasks} tasks, ${seeded.screenings} screenings, ` +
      `${seeded.incidents} incidents, ${seeded.exposures} exposures, ${seeded.trimOffers} TRiM offers, ${seeded.trimAssessments} TRiM assessments, ` +
      `${seeded.referrals} referrals (${seeded.referralSteps} steps, ${seeded.consents} consents) in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`
  )
  if (people >= 50_000 && seeded.referrals < 100_000)
    throw new Error(`The seed made ${seeded.referrals} referrals; the referral budgets are for at least 100,000.`)
  const dek = host.vault.withKey((_sqlite, key) => Buffer.from(key))
  host.vault.lock('manual')

  // The plaintext twin exists only for this measurement, in a temporary folder, with synthetic data.
  const plainPath = join(folder, 'plain.db')
  copyFileSync(host.vault.files.database, plainPath)
  const decrypting = openEncrypted(plainPath, dek)
  decrypting.pragma('journal_mode = DELETE')
  decrypting.pragma("rekey = ''")
  decrypting.close()
  const plain = new Database(plainPath)
  for (const pragma of ['foreign_keys = ON', 'temp_store = MEMORY', 'cache_size = -65536', 'journal_mode = WAL', 'synchronous = FULL'])
    plain.pragma(pragma)

  const encrypted = openEncrypted(host.vault.files.database, dek)
  dek.fill(0)
  return {
    encrypted: benchHost(host.core, encrypted, session),
    plain: benchHost(host.core, plain, session),
    clinicianId: session.id,
    close: () => {
      encrypted.close()
      plain.close()
    }
  }
}
