import pg from 'pg'
import { performance } from 'node:perf_hooks'
import { loadavg } from 'node:os'
import type { CoreContext } from '../../electron/core/context'
import { createDispatcher } from '../../electron/core/ipc/dispatch'
import { handlers } from '../../electron/core/ipc/handlers'
import { verifyTeamServer } from '../../electron/core/store/postgres/team-setup'
import { TeamStore } from '../../electron/core/team-store'
import { admin } from '../fixtures/store'
import type { BenchRow } from './measure'

const dispatch = createDispatcher(handlers)

export interface ConcurrencyOptions {
  clients: number
  seconds: number
  /** People the clinician may screen, and open cases they may write notes on. */
  personIds: string[]
  caseIds: string[]
  today: string
}

/**
 * Issue 12's concurrency row: `clients` workstations, each signed in over its own pool, saving
 * screenings and notes in turn as fast as the server lets them for `seconds`. Afterwards, as the
 * schema's owner: every save that was answered "saved" is there exactly once (none lost, none
 * written twice) and the audit chain is whole. Prints, never fails on time; a lost or doubled
 * row or a broken chain is thrown, since that is not a speed.
 */
export async function measureTeamConcurrency(core: CoreContext, url: string, options: ConcurrencyOptions): Promise<BenchRow> {
  const owner = new pg.Client({ connectionString: url })
  await owner.connect()
  const clients = await Promise.all(
    Array.from({ length: options.clients }, async () => {
      const team = new TeamStore(core, url)
      await team.signIn(admin.username, admin.passphrase)
      return team
    })
  )
  try {
    const before = await counts(owner)
    const samples: number[] = []
    const saved = { screenings: 0, notes: 0 }
    const failures: string[] = []
    const ends = performance.now() + options.seconds * 1000
    let turn = 0
    await Promise.all(
      clients.map(async (team, client) => {
        let own = 0
        while (performance.now() < ends) {
          const n = turn++
          const screening = (own++ + client) % 2 === 0
          const [channel, input] = screening
            ? [
                'screening:save',
                {
                  personId: options.personIds[n % options.personIds.length],
                  sittingDate: options.today,
                  mode: 'clinician-entered',
                  results: [
                    { kind: 'items', instrument: 'phq9', answers: [1, 1, 0, 1, 0, 0, 1, 0, 0] },
                    { kind: 'items', instrument: 'gad7', answers: [1, 0, 1, 0, 0, 1, 0] }
                  ]
                }
              ]
            : [
                'notes:add',
                { caseId: options.caseIds[n % options.caseIds.length], type: 'telephone', contactDate: options.today, text: 'Bench note' }
              ]
          const started = performance.now()
          const result = await dispatch(channel, input, { core, team })
          samples.push(performance.now() - started)
          if (!result.ok) failures.push(`${channel}: ${result.error.message}`)
          else if (screening) saved.screenings++
          else saved.notes++
        }
      })
    )
    const after = await counts(owner)
    const written = { screenings: after.screenings - before.screenings, notes: after.notes - before.notes }
    if (written.screenings !== saved.screenings || written.notes !== saved.notes)
      throw new Error(
        `Concurrent saves lost or doubled rows: ${saved.screenings} screenings and ${saved.notes} notes answered saved, ${written.screenings} and ${written.notes} written.`
      )
    if (failures.length > 0) throw new Error(`${failures.length} concurrent saves failed, the first: ${failures[0]}`)
    const verdict = await verifyTeamServer(owner)
    if (!verdict.audit.ok) throw new Error(`The audit chain broke under concurrent saves at entry ${verdict.audit.firstBadSeq}.`)
    samples.sort((a, b) => a - b)
    const at = (p: number) => samples[Math.max(0, Math.min(samples.length - 1, Math.ceil((p / 100) * samples.length) - 1))] ?? Number.NaN
    const total = saved.screenings + saved.notes
    return {
      name: `${options.clients} clients saving screenings and notes for ${options.seconds} s [team server]`,
      p50Ms: at(50),
      p95Ms: at(95),
      n: total,
      load1: loadavg()[0] ?? Number.NaN,
      ratioToRawSql: null,
      ratioEncryptedToPlain: null,
      note: `${(total / options.seconds).toFixed(1)} saves/s (${saved.screenings} screenings, ${saved.notes} notes); none lost or doubled; audit chain whole (${verdict.audit.entries} entries)`
    }
  } finally {
    await Promise.all(clients.map((team) => team.lock('signed-out')))
    await owner.end()
  }
}

async function counts(owner: pg.Client): Promise<{ screenings: number; notes: number }> {
  const result = await owner.query<{ screenings: string; notes: string }>(
    'SELECT (SELECT count(*) FROM screenings) AS screenings, (SELECT count(*) FROM notes) AS notes'
  )
  const row = result.rows[0]
  return { screenings: Number(row?.screenings ?? 0), notes: Number(row?.notes ?? 0) }
}
