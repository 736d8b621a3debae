import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely'
import { describe, expect, it } from 'vitest'
import { reportGroupings, reportKinds } from '../../shared/contract/reports'
import { counters } from '../../electron/core/services/reports'
import type { ReportDb } from '../../electron/core/services/reports-queries'
import type { ReportViews } from '../../electron/core/store/schema-reports'
import { caseloadStore } from '../fixtures/caseload'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

/** Tables of events that grow with the force: a report reads them by date or by person, never whole. */
const eventTables =
  /^SCAN (screenings|exposures|incidents|referrals|cases|bereavement_counselling|signposting_records|trim_offers|trim_assessments)\b/

describe('governance reports use indexes', () => {
  it('never read a whole table of screenings, exposures, referrals, TRiM, cases, bereavement or signposting', async () => {
    const { host } = await caseloadStore(tempFolder())
    const sqlite = host.vault.sqlite
    const statements: { sql: string; parameters: readonly unknown[] }[] = []
    let db: ReportDb | null = null
    // Records each statement as compiled, so its plan can be asked for.
    const recorder: KyselyPlugin = {
      transformQuery: (args: PluginTransformQueryArgs): RootOperationNode => {
        if (db) statements.push(db.getExecutor().compileQuery(args.node, args.queryId))
        return args.node
      },
      transformResult: async (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => args.result
    }
    db = host.vault.db.withTables<ReportViews>().withPlugin(recorder)
    const period = { from: '2026-01-01', to: '2026-12-31', asOf: '2026-11-26', today: '2026-11-26' }
    for (const kind of reportKinds) for (const by of [null, ...reportGroupings]) await counters[kind]({ db, period, by })
    expect(statements.length).toBeGreaterThan(reportKinds.length)
    const scans = statements.flatMap((statement) =>
      (sqlite.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`).all(...(statement.parameters as unknown[])) as { detail: string }[])
        .map((row) => row.detail)
        .filter((detail) => eventTables.test(detail) && !/USING (COVERING )?INDEX/.test(detail))
        .map((detail) => `${detail} in ${statement.sql.slice(0, 80)}`)
    )
    expect(scans).toEqual([])
  })
})
