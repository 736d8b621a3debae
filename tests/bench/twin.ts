import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely'
import { createDispatcher, type Host } from '../../electron/core/ipc/dispatch'
import { handlers } from '../../electron/core/ipc/handlers'
import { appendAuditSync } from '../../electron/core/store/audit'
import type { HarbourDatabase } from '../../electron/core/store/schema'

const dispatch = createDispatcher(handlers)

export type Call = readonly [channel: string, input: unknown]

/** The statements one run of `calls` sends to SQLite, as the services build them. */
async function statementsOf(host: Host, calls: Call[]): Promise<CompiledQuery[]> {
  const seen: CompiledQuery[] = []
  const parts = host.vault.parts.session as { db: Kysely<HarbourDatabase> }
  const ownDb = parts.db
  parts.db = new Kysely<HarbourDatabase>({
    dialect: new SqliteDialect({ database: host.vault.sqlite }),
    log: (event) => {
      if (event.level === 'query') seen.push(event.query)
    }
  })
  try {
    for (const [channel, input] of calls) {
      const result = await dispatch(channel, input, host)
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
    }
  } finally {
    parts.db = ownDb
  }
  return seen
}

/**
 * The raw-SQL twin of a set of calls about one person: the very statements the services ran
 * (traced once, after a warm-up so once-a-day work is not counted), each prepared once and run
 * on the same connection with the person's id swapped in. The audit entry a read writes is
 * written here too, so both sides pay for the same durable, signed write.
 */
export async function rawTwin(
  host: Host,
  actorId: string,
  calls: (personId: string) => Call[],
  tracedPersonId: string
): Promise<(personId: string) => void> {
  await statementsOf(host, calls(tracedPersonId))
  const statements = await statementsOf(host, calls(tracedPersonId))
  const sqlite = host.vault.sqlite
  const steps = statements
    .filter((query) => !/\baudit_log\b/.test(query.sql))
    .map((query) => ({ statement: sqlite.prepare(query.sql), parameters: query.parameters, reads: /^\s*select/i.test(query.sql) }))
  const audits = statements.filter((query) => /^\s*insert into "audit_log"/i.test(query.sql)).length
  return (personId) => {
    const values = (parameters: readonly unknown[]) => parameters.map((p) => (p === tracedPersonId ? personId : p))
    for (const step of steps) {
      if (step.reads) step.statement.all(...values(step.parameters))
      else step.statement.run(...values(step.parameters))
    }
    for (let i = 0; i < audits; i++)
      appendAuditSync(sqlite, { actorId, action: 'person.viewed', entityType: 'person', entityId: personId }, new Date())
  }
}
