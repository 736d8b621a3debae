/**
 * `npm run bench [-- --json FILE] [-- --people N] [-- --concurrency-seconds S]`: builds a seeded encrypted store (50,000 people
 * by default) and its plaintext twin, then prints p50/p95 for the hot paths with two ratios:
 * to the same query as raw SQL on the same connection, and encrypted over plain. Budgets are
 * DESIGN.md §8; a benchmark prints, it never fails on time.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { faker } from '@faker-js/faker'
import { addCalendarDays, todayInLondon } from '../../shared/calendar-date'
import { reportKinds, reportNames } from '../../shared/contract/reports'
import { sql } from 'kysely'
import { caseloadCountsQuery, caseloadPageQuery, teamQuery } from '../../electron/core/services/caseload'
import { sqliteDialect } from '../../electron/core/store/dialect'
import { searchCountQuery, searchQuery } from '../../electron/core/services/people-search'
import { departmentsQuery, duePageQuery, dueQuery } from '../../electron/core/services/screening-recall'
import { worklistBase, worklistPageQuery } from '../../electron/core/services/referrals-worklist'
import { createDispatcher, type Host, type TeamHost } from '../../electron/core/ipc/dispatch'
import { handlers } from '../../electron/core/ipc/handlers'
import { printTable, time, toJson, type BenchRow, type Timing } from './measure'
import { measureHrImport } from './hr-import'
import { buildStores } from './stores'
import { measureTeamConcurrency } from './team-concurrency'
import { buildTeamServer } from './team-server'
import { rawTwin, type Call } from './twin'

const dispatch = createDispatcher(handlers)

async function call(host: Host | TeamHost, channel: string, input: unknown): Promise<unknown> {
  const result = await dispatch(channel, input, host)
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  return result.value
}

/** The hosts' stores are standalone (SQLite): the services' query builders over one of them. */
function queries(host: Host) {
  return { db: host.vault.db, dialect: sqliteDialect }
}

function raw(host: Host, compiled: { sql: string; parameters: readonly unknown[] }) {
  const statement = host.vault.sqlite.prepare(compiled.sql)
  return () => statement.all(...(compiled.parameters as unknown[]))
}

function row(name: string, timing: Timing, rawTiming: Timing | null, plainTiming: Timing | null, budgetMs?: number): BenchRow {
  return {
    name,
    ...timing,
    ratioToRawSql: rawTiming ? timing.p95Ms / rawTiming.p95Ms : null,
    ratioEncryptedToPlain: plainTiming ? timing.p95Ms / plainTiming.p95Ms : null,
    ...(budgetMs === undefined ? {} : { budgetMs })
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      json: { type: 'string' },
      people: { type: 'string' },
      'hr-import-only': { type: 'boolean' },
      'concurrency-seconds': { type: 'string' }
    }
  })
  if (values['hr-import-only']) return hrImportOnly(values.json)
  const people = Number(values.people ?? 50_000)
  const folder = mkdtempSync(join(tmpdir(), 'harbour-bench-'))
  const rows: BenchRow[] = []
  try {
    process.stderr.write(`Building a ${people.toLocaleString('en-GB')}-person encrypted store and its plaintext twin…\n`)
    const stores = await buildStores(folder, people)
    const { encrypted, plain, clinicianId } = stores
    const today = todayInLondon(encrypted.core.clock())
    const caseloadInput = { sort: 'nextReview', direction: 'asc', overdueOnly: false, page: { offset: 0, limit: 50 } } as const

    const both = async (
      name: string,
      run: (host: Host) => () => unknown,
      rawSql: ((host: Host) => () => unknown) | null,
      budgetMs?: number,
      n = 200
    ) => {
      const enc = await time(run(encrypted), { n })
      const pla = await time(run(plain), { n })
      const rawTiming = rawSql ? await time(rawSql(encrypted), { n }) : null
      rows.push(row(name, enc, rawTiming, pla, budgetMs))
    }

    await both(
      'caseload page (50 of my open cases, with counts)',
      (host) => () => call(host, 'caseload:list', caseloadInput),
      (host) => {
        // The same two statements the service runs: the page, and its counts with the total.
        const statements = [
          raw(host, caseloadPageQuery(queries(host), clinicianId, clinicianId, caseloadInput, today).compile()),
          raw(host, caseloadCountsQuery(queries(host), clinicianId, clinicianId, caseloadInput, today).compile())
        ]
        return () => statements.forEach((run) => run())
      },
      20
    )
    await both(
      'team caseload',
      (host) => () => call(host, 'caseload:team', {}),
      (host) => raw(host, teamQuery(queries(host), today).compile()),
      20
    )

    const sample = encrypted.vault.sqlite.prepare('SELECT id FROM people ORDER BY rowid LIMIT 200').all() as { id: string }[]
    let next = 0
    const personId = () => sample[next++ % sample.length]?.id ?? ''
    const personPage = (id: string): Call[] => [
      ['people:get', { id }],
      ['cases:forPerson', { personId: id }],
      ['tasks:list', { view: 'person', personId: id }]
    ]
    const personPageTwin = await rawTwin(encrypted, clinicianId, personPage, sample[0]?.id ?? '')
    await both(
      'person page load (record, cases, tasks)',
      (host) => async () => {
        for (const [channel, input] of personPage(personId())) await call(host, channel, input)
      },
      () => () => personPageTwin(personId()),
      20
    )

    // Issue 13: the Referrals screen, a person's exposure load, and the person page with both.
    const worklistInput = { view: 'mine', breachedOnly: false, page: { offset: 0, limit: 50 } } as const
    await both(
      'referral worklist',
      (host) => () => call(host, 'referrals:worklist', worklistInput),
      (host) => {
        // The same two statements the service runs: the page in its order, and the count.
        const page = raw(host, worklistPageQuery(host.vault.db, clinicianId, worklistInput, today).compile())
        const count = raw(
          host,
          worklistBase(host.vault.db, clinicianId, worklistInput, today)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .compile()
        )
        return () => {
          page()
          count()
        }
      },
      20
    )
    const exposedWithReferrals = (
      encrypted.vault.sqlite
        .prepare(
          'SELECT DISTINCT e.person_id FROM exposures e WHERE EXISTS (SELECT 1 FROM referrals r WHERE r.person_id = e.person_id) ORDER BY e.person_id LIMIT 200'
        )
        .all() as { person_id: string }[]
    ).map((r) => r.person_id)
    if (exposedWithReferrals.length === 0) throw new Error('The seed made no one with both exposures and referrals')
    let nextExposed = 0
    const exposedId = () => exposedWithReferrals[nextExposed++ % exposedWithReferrals.length] ?? ''
    const exposureTotalsTwin = await rawTwin(
      encrypted,
      clinicianId,
      (id) => [['incidents:forPerson', { personId: id }]],
      exposedWithReferrals[0] ?? ''
    )
    await both(
      'exposure totals (person)',
      (host) => () => call(host, 'incidents:forPerson', { personId: exposedId() }),
      () => () => exposureTotalsTwin(exposedId()),
      20
    )
    const fullPersonPage = (id: string): Call[] => [
      ...personPage(id),
      ['referrals:forPerson', { personId: id }],
      ['incidents:forPerson', { personId: id }]
    ]
    const fullPersonPageTwin = await rawTwin(encrypted, clinicianId, fullPersonPage, exposedWithReferrals[0] ?? '')
    await both(
      'person page with exposures and referrals',
      (host) => async () => {
        for (const [channel, input] of fullPersonPage(exposedId())) await call(host, channel, input)
      },
      () => () => fullPersonPageTwin(exposedId()),
      20
    )

    faker.seed(11)
    const surnames = (
      encrypted.vault.sqlite.prepare('SELECT family_name FROM people ORDER BY random() LIMIT 100').all() as { family_name: string }[]
    ).map((r) => r.family_name)
    let typed = 0
    // Each call is one keystroke of someone typing a surname: "s", "sm", "smi", …
    const keystroke = () => {
      const name = surnames[Math.floor(typed / 6) % surnames.length] ?? 'smith'
      const length = (typed++ % 6) + 1
      return name.slice(0, length)
    }
    await both(
      'search as you type (each keystroke of a surname)',
      (host) => () => call(host, 'people:search', { query: keystroke(), limit: 20 }),
      (host) => () => {
        const compiled = searchQuery(queries(host), clinicianId, keystroke(), 20).compile()
        return host.vault.sqlite.prepare(compiled.sql).all(...(compiled.parameters as unknown[]))
      },
      50,
      600
    )
    // What Ctrl+K asks: the same matches and how many there are in all.
    await both(
      'search as you type, with the count (Ctrl+K)',
      (host) => () => call(host, 'people:find', { query: keystroke(), limit: 20 }),
      (host) => () => {
        const query = keystroke()
        for (const compiled of [
          searchQuery(queries(host), clinicianId, query, 20).compile(),
          searchCountQuery(sqliteDialect, clinicianId, query).compile(host.vault.db)
        ]) {
          host.vault.sqlite.prepare(compiled.sql).all(...(compiled.parameters as unknown[]))
        }
      },
      20,
      600
    )
    // Lists that are not about one person: their twins are the statements one call ran, replayed as they were.
    const listTwin = async (name: string, channel: string, input: unknown, budgetMs = 20) => {
      const twin = await rawTwin(encrypted, clinicianId, () => [[channel, input]], clinicianId)
      await both(
        name,
        (host) => () => call(host, channel, input),
        () => () => twin(clinicianId),
        budgetMs
      )
    }
    await listTwin('overdue tasks (mine)', 'tasks:list', { view: 'overdue' })
    // Home's safety lists: every open alert, and the team's screening results waiting for a decision.
    await listTwin('open safety alerts (home)', 'screening:alerts', {})
    await listTwin('screening results that need a decision (home)', 'screening:followUps', {})
    // Home's pointers: referrals past 6 and 18 weeks, people exposed lately, bereavement not offered (issue 14: 50 ms).
    await listTwin('what else needs me (home)', 'home:attention', {}, 50)

    // Governance reports (issue 14: each 200 ms): the year to today, by role, as the window asks.
    const yearAgo = addCalendarDays(today, -364)
    for (const report of reportKinds)
      await both(
        `report: ${reportNames[report]} (a year, by role)`,
        (host) => () => call(host, 'reports:run', { report, from: yearAgo, to: today, by: 'role', compare: false }),
        null,
        200,
        20
      )

    const screened = (
      encrypted.vault.sqlite.prepare('SELECT DISTINCT person_id FROM screenings LIMIT 200').all() as { person_id: string }[]
    ).map((r) => r.person_id)
    let nextScreened = 0
    /** A PHQ-9 and GAD-7 sitting today for the next screened person. */
    const screeningSave = () => ({
      personId: screened[nextScreened++ % screened.length],
      sittingDate: today,
      mode: 'clinician-entered',
      results: [
        { kind: 'items', instrument: 'phq9', answers: [1, 1, 0, 1, 0, 0, 1, 0, 0] },
        { kind: 'items', instrument: 'gad7', answers: [1, 0, 1, 0, 0, 1, 0] }
      ]
    })
    await both(
      'screening due list (next 30 days, first 100)',
      (host) => () => call(host, 'screening:due', { withinDays: 30, page: { offset: 0, limit: 100 } }),
      (host) => {
        const cutoff = new Date(`${today}T12:00:00Z`)
        cutoff.setUTCDate(cutoff.getUTCDate() + 30)
        const until = cutoff.toISOString().slice(0, 10)
        const base = dueQuery(queries(host), clinicianId, today, until, {})
        const page = raw(host, duePageQuery(queries(host), clinicianId, today, until, {}, { offset: 0, limit: 100 }).compile())
        const count = raw(host, base.select(sql<number>`count(*)`.as('n')).compile())
        return () => {
          page()
          count()
        }
      },
      20,
      30
    )
    await both(
      'recall departments (the filter’s choices)',
      (host) => () => call(host, 'screening:dueDepartments', {}),
      (host) => raw(host, departmentsQuery(queries(host), clinicianId).compile()),
      20
    )
    const historyTwin = await rawTwin(encrypted, clinicianId, (id) => [['screening:forPerson', { personId: id }]], screened[0] ?? '')
    await both(
      'person screening history',
      (host) => () => call(host, 'screening:forPerson', { personId: screened[nextScreened++ % screened.length] }),
      () => () => historyTwin(screened[nextScreened++ % screened.length] ?? ''),
      20
    )
    await both(
      'screening save (PHQ-9 + GAD-7, rescored, audited)',
      (host) => () => call(host, 'screening:save', screeningSave()),
      null,
      undefined,
      100
    )

    // Team mode: the same calls over the same records on a PostgreSQL team server, side by side.
    const server = await buildTeamServer(encrypted.core, encrypted.vault.sqlite)
    if (server) {
      const standalone = new Map(rows.map((measured) => [measured.name, measured.p95Ms]))
      const onServer = async (name: string, run: () => unknown, budgetMs?: number, n = 200) => {
        const timing = await time(run, { n })
        const sqliteP95 = standalone.get(name)
        rows.push({
          name: `${name} [team server]`,
          ...timing,
          ratioToRawSql: null,
          ratioEncryptedToPlain: null,
          note: sqliteP95 ? `PostgreSQL ÷ standalone p95: ${(timing.p95Ms / sqliteP95).toFixed(2)}` : 'PostgreSQL',
          ...(budgetMs === undefined ? {} : { budgetMs })
        })
      }
      const onTeam = (channel: string, input: unknown) => call(server.host, channel, input)
      await onServer('caseload page (50 of my open cases, with counts)', () => onTeam('caseload:list', caseloadInput), 20)
      await onServer('team caseload', () => onTeam('caseload:team', {}), 20)
      await onServer(
        'person page load (record, cases, tasks)',
        async () => {
          for (const [channel, input] of personPage(personId())) await onTeam(channel, input)
        },
        20
      )
      await onServer('referral worklist', () => onTeam('referrals:worklist', worklistInput), 20)
      await onServer('overdue tasks (mine)', () => onTeam('tasks:list', { view: 'overdue' }), 20)
      await onServer('open safety alerts (home)', () => onTeam('screening:alerts', {}), 20)
      await onServer('what else needs me (home)', () => onTeam('home:attention', {}), 50)
      await onServer(
        'screening due list (next 30 days, first 100)',
        () => onTeam('screening:due', { withinDays: 30, page: { offset: 0, limit: 100 } }),
        20
      )
      await onServer('screening save (PHQ-9 + GAD-7, rescored, audited)', () => onTeam('screening:save', screeningSave()), undefined, 100)
      const seconds = Number(values['concurrency-seconds'] ?? 30)
      process.stderr.write(`Eight workstations saving screenings and notes at once for ${seconds} s…\n`)
      const openCases = (
        encrypted.vault.sqlite
          .prepare("SELECT c.id FROM cases c JOIN people p ON p.id = c.person_id WHERE c.status <> 'closed' AND p.restricted = 0 LIMIT 200")
          .all() as { id: string }[]
      ).map((r) => r.id)
      rows.push(
        await measureTeamConcurrency(encrypted.core, server.url, {
          clients: 8,
          seconds,
          personIds: screened.filter((id): id is string => id !== undefined),
          caseIds: openCases,
          today
        })
      )
      await server.close()
    }

    // As many rows as there are people, up to the 50,000 the budget is for.
    const importRows = Math.min(people, 50_000)
    process.stderr.write(`Checking and importing ${importRows.toLocaleString('en-GB')} HR rows into a fresh store…\n`)
    rows.push(...(await measureHrImport(folder, importRows)))
    stores.close()
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
  report(rows, values.json)
}

/** The HR import alone, for a month's file and a whole force, without building the seeded stores. */
async function hrImportOnly(json: string | undefined): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'harbour-bench-'))
  const rows: BenchRow[] = []
  try {
    for (const count of [10_000, 50_000]) {
      process.stderr.write(`Checking and importing ${count.toLocaleString('en-GB')} HR rows…\n`)
      rows.push(...(await measureHrImport(folder, count)))
    }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
  report(rows, json)
}

function report(rows: BenchRow[], json: string | undefined): void {
  printTable(rows)
  if (json) {
    writeFileSync(json, `${toJson(rows)}\n`)
    console.log(`\nWrote ${rows.length} rows to ${json}`)
  }
}

void main()
