import { describe, expect, it } from 'vitest'
import { caseloadCountsQuery, caseloadPageQuery, teamQuery } from '../../electron/core/services/caseload'
import { exposureWindowQuery, personExposuresQuery } from '../../electron/core/services/incidents'
import { searchCountQuery, searchQuery } from '../../electron/core/services/people-search'
import { dueChasersQuery } from '../../electron/core/services/referrals-chasers'
import { worklistBase, worklistPageQuery } from '../../electron/core/services/referrals-worklist'
import { followUpOrder } from '../../electron/core/services/screening-follow-ups'
import { departmentsQuery, duePageQuery, dueQuery } from '../../electron/core/services/screening-recall'
import { sqliteDialect } from '../../electron/core/store/dialect'
import type { SqliteDatabase } from '../../electron/core/store/open'
import { caseloadStore } from '../fixtures/caseload'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

/** SCAN lines of EXPLAIN QUERY PLAN that walk a whole table of people, cases or notes. */
function fullScans(db: SqliteDatabase, compiled: { sql: string; parameters: readonly unknown[] }) {
  const plan = db.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...(compiled.parameters as unknown[])) as { detail: string }[]
  return {
    plan: plan.map((row) => row.detail),
    scans: plan
      .map((row) => row.detail)
      .filter((detail) => /^SCAN (people|cases|notes)\b/.test(detail) && !/USING (COVERING )?INDEX/.test(detail))
  }
}

describe('hot queries use indexes', () => {
  it('caseload page, team caseload, search and the recall list never scan people, cases or notes', async () => {
    const { host } = await caseloadStore(tempFolder())
    const db = host.vault.db
    const queries = { db, dialect: sqliteDialect }
    const me = host.vault.session?.id ?? ''
    const query = { sort: 'nextReview' as const, direction: 'asc' as const, overdueOnly: false, page: { offset: 0, limit: 50 } }
    const cases = [
      caseloadPageQuery(queries, me, me, query, '2026-11-26').compile(),
      caseloadPageQuery(queries, me, me, { ...query, sort: 'name', overdueOnly: true, priority: 'urgent' }, '2026-11-26').compile(),
      caseloadCountsQuery(queries, me, me, query, '2026-11-26').compile(),
      caseloadCountsQuery(
        queries,
        me,
        me,
        { overdueOnly: true, flag: 'post-incident', priority: 'urgent', status: 'active' },
        '2026-11-26'
      ).compile(),
      teamQuery(queries, '2026-11-26').compile(),
      searchQuery(queries, me, 'smith', 20).compile(),
      searchQuery(queries, me, 'jo smith', 20).compile(),
      searchQuery(queries, me, 'pc', 20).compile(),
      searchQuery(queries, me, 's', 20).compile(),
      searchQuery(queries, me, "o'b", 20).compile(),
      searchCountQuery(sqliteDialect, me, 's').compile(db),
      searchCountQuery(sqliteDialect, me, 'smith').compile(db),
      searchCountQuery(sqliteDialect, me, 'jo smith').compile(db),
      dueQuery(queries, me, '2026-11-26', '2026-12-26', {}).selectAll('people').orderBy('people.next_screening_due').limit(100).compile(),
      duePageQuery(queries, me, '2026-11-26', '2026-12-26', {}, { offset: 0, limit: 100 }).compile(),
      duePageQuery(queries, me, '2026-11-26', '2026-12-26', { roleId: 'firearms' }, { offset: 100, limit: 100 }).compile(),
      dueQuery(queries, me, '2026-11-26', '2026-12-26', { department: 'firearms' })
        .select((eb) => eb.fn.countAll().as('n'))
        .compile(),
      departmentsQuery(queries, me).compile()
    ]
    cases.forEach((compiled, index) => {
      const { plan, scans } = fullScans(host.vault.sqlite, compiled)
      expect(scans, `query ${index}:\n${plan.join('\n')}`).toEqual([])
    })
  })
})

describe('counts that read an index alone', () => {
  it('the caseload counts never read a person row, and the recall count reads only the recall index', async () => {
    const { host } = await caseloadStore(tempFolder())
    const db = host.vault.db
    const queries = { db, dialect: sqliteDialect }
    const me = host.vault.session?.id ?? ''
    const plan = (compiled: { sql: string; parameters: readonly unknown[] }) =>
      (
        host.vault.sqlite.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...(compiled.parameters as unknown[])) as { detail: string }[]
      ).map((row) => row.detail)
    const counts = plan(caseloadCountsQuery(queries, me, me, { overdueOnly: false }, '2026-11-26').compile())
    expect(counts.filter((detail) => /\b(SEARCH|SCAN) people\b(?! USING COVERING INDEX people_restricted)/.test(detail))).toEqual([])
    const recallCount = plan(
      dueQuery(queries, me, '2026-11-26', '2026-12-26', {})
        .select((eb) => eb.fn.countAll().as('n'))
        .compile()
    )
    expect(recallCount[0]).toBe('SEARCH people USING COVERING INDEX people_recall (next_screening_due>? AND next_screening_due<?)')
  })
})

describe('the recall page', () => {
  it('picks its people off the recall index alone, and reads last sittings only for the people on the page', async () => {
    const { host } = await caseloadStore(tempFolder())
    const queries = { db: host.vault.db, dialect: sqliteDialect }
    const me = host.vault.session?.id ?? ''
    const compiled = duePageQuery(queries, me, '2026-11-26', '2026-12-26', {}, { offset: 0, limit: 100 }).compile()
    const plan = (
      host.vault.sqlite.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...(compiled.parameters as unknown[])) as { detail: string }[]
    ).map((row) => row.detail)
    // The page's ids: a list subquery over the covering recall index (sorting only its columns).
    expect(plan, plan.join('\n')).toContain(
      'SEARCH people USING COVERING INDEX people_recall (next_screening_due>? AND next_screening_due<?)'
    )
    // The details: each of those ids looked up by key, so the last-sitting subqueries run once per row on the page.
    expect(
      plan.some((detail) => /^SEARCH people USING INDEX sqlite_autoindex_people_\d \(id=\?\)$/.test(detail)),
      plan.join('\n')
    ).toBe(true)
    expect(plan.filter((detail) => /^SCAN people\b/.test(detail))).toEqual([])
  })
})

describe('the team decision worklist', () => {
  it('reads its page in index order, never sorting every open result, and counts from the index alone', async () => {
    const { host } = await caseloadStore(tempFolder())
    const db = host.vault.db
    const queries = { db, dialect: sqliteDialect }
    const me = host.vault.session?.id ?? ''
    const page = followUpOrder(queries, me).limit(25).compile()
    const plan = (compiled: { sql: string; parameters: readonly unknown[] }) =>
      (
        host.vault.sqlite.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...(compiled.parameters as unknown[])) as { detail: string }[]
      ).map((row) => row.detail)
    expect(plan(page)).toContain('SEARCH f USING INDEX screening_follow_ups_worklist (status=? AND route=?)')
    expect(plan(page).filter((detail) => detail.includes('TEMP B-TREE'))).toEqual([])
    const open = db
      .selectFrom('screening_follow_ups as f')
      .where('f.status', '=', 'open')
      .where('f.route', '=', 'team-decision')
      .select((eb) => eb.fn.countAll<number>().as('n'))
    expect(plan(open.compile())).toEqual(['SEARCH f USING COVERING INDEX screening_follow_ups_worklist (status=? AND route=?)'])
  })

  it('reads a person’s exposures and their 12-month window through the person’s index, never scanning exposures or incidents', async () => {
    const { host } = await caseloadStore(tempFolder())
    const db = host.vault.db
    for (const compiled of [exposureWindowQuery(db, 'p1', '2026-11-26').compile(), personExposuresQuery(db, 'p1').compile()]) {
      const plan = (
        host.vault.sqlite.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...(compiled.parameters as unknown[])) as { detail: string }[]
      ).map((row) => row.detail)
      expect(
        plan.filter((detail) => /^SCAN (exposures|incidents)\b/.test(detail)),
        plan.join('\n')
      ).toEqual([])
      expect(
        plan.some((detail) => detail.includes('exposures USING INDEX exposures_person')),
        plan.join('\n')
      ).toBe(true)
    }
  })
})

describe('the Referrals worklist, the caseload breach tag and the chasers', () => {
  it('read referrals through their indexes, never scanning referrals, people, cases or tasks', async () => {
    const { host } = await caseloadStore(tempFolder())
    const db = host.vault.db
    const me = host.vault.session?.id ?? ''
    const plan = (compiled: { sql: string; parameters: readonly unknown[] }) =>
      (
        host.vault.sqlite.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...(compiled.parameters as unknown[])) as { detail: string }[]
      ).map((row) => row.detail)
    const page = { offset: 0, limit: 50 }
    const queries = [
      worklistPageQuery(db, me, { view: 'all', breachedOnly: false, page }, '2026-11-26').compile(),
      worklistPageQuery(db, me, { view: 'mine', breachedOnly: true, page }, '2026-11-26').compile(),
      worklistBase(db, me, { view: 'all', breachedOnly: false }, '2026-11-26')
        .select((eb) => eb.fn.countAll().as('n'))
        .compile(),
      worklistBase(db, me, { view: 'mine', breachedOnly: true }, '2026-11-26')
        .select((eb) => eb.fn.countAll().as('n'))
        .compile(),
      dueChasersQuery(db, '2026-11-26', 14).compile(),
      caseloadPageQuery(
        { db, dialect: sqliteDialect },
        me,
        me,
        { sort: 'nextReview', direction: 'asc', overdueOnly: false, page },
        '2026-11-26'
      ).compile()
    ]
    queries.forEach((compiled, index) => {
      const detail = plan(compiled)
      expect(
        detail.filter((line) => /^SCAN (referrals|people|cases|tasks)\b/.test(line) && !/USING (COVERING )?INDEX/.test(line)),
        `query ${index}:\n${detail.join('\n')}`
      ).toEqual([])
    })
    // The page walks referrals_worklist in its order and stops (migration 0220); the count reads that index alone.
    expect(plan(queries[0] as never)).toContain('SEARCH referrals USING INDEX referrals_worklist (<expr><?)')
    expect(plan(queries[0] as never).filter((detail) => detail.includes('TEMP B-TREE'))).toEqual([])
    expect(plan(queries[2] as never)).toContain('SEARCH referrals USING COVERING INDEX referrals_worklist (<expr><?)')
    expect(plan(queries[1] as never)).toContain('SEARCH referrals USING INDEX referrals_waiting (status=? AND referred_on<?)')
  })
})
