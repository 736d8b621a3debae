import { describe, expect, it } from 'vitest'
import type { CaseRecord } from '../../shared/contract/cases'
import type { Note } from '../../shared/contract/notes'
import type { Person } from '../../shared/contract/people'
import type { Task } from '../../shared/contract/tasks'
import { nurse, personFields } from '../fixtures/caseload'
import { engines, useEngineStores, type Engine } from '../fixtures/engines'
import { admin, manualClock } from '../fixtures/store'

const stores = useEngineStores()

describe.each(engines)('on %s', (engine: Engine) => {
  async function withPerson() {
    const clock = manualClock(new Date('2026-11-26T10:00:00Z'))
    const store = await stores(engine, clock.now)
    const person = await store.call<Person>('people:create', personFields())
    return { ...store, clock, person }
  }

  describe('cases', () => {
    it('opens a case with a review task, allows one open case per reason, and closes it', async () => {
      const { call, raw, person } = await withPerson()
      const opened = await call<CaseRecord>('cases:open', {
        personId: person.id,
        reason: 'self-referral',
        priority: 'soon',
        nextReviewDate: '2026-12-03'
      })
      expect(opened).toMatchObject({ status: 'open', priority: 'soon', openedOn: '2026-11-26', assignedClinicianName: 'Alex Morgan' })
      const tasks = await call<{ rows: Task[] }>('tasks:list', { view: 'case', caseId: opened.id })
      expect(tasks.rows.map((t) => [t.title, t.dueDate, t.source])).toEqual([['Case review', '2026-12-03', 'rule:review']])

      expect(
        await raw('cases:open', { personId: person.id, reason: 'self-referral', priority: 'routine', nextReviewDate: null })
      ).toMatchObject({
        ok: false,
        error: { code: 'conflict', fields: ['reason'] }
      })
      await call('cases:open', { personId: person.id, reason: 'return-to-work', priority: 'routine', nextReviewDate: null })

      await call('cases:update', { id: opened.id, nextReviewDate: '2026-12-10', status: 'active' })
      const moved = await call<{ rows: Task[] }>('tasks:list', { view: 'case', caseId: opened.id })
      expect(moved.rows.map((t) => t.dueDate)).toEqual(['2026-12-10'])

      expect(await raw('cases:close', { id: opened.id, outcome: 'Back to full duties', closedOn: '2026-11-01' })).toMatchObject({
        ok: false,
        error: { fields: ['closedOn'] }
      })
      const closed = await call<CaseRecord>('cases:close', { id: opened.id, outcome: 'Back to full duties', closedOn: '2026-11-26' })
      expect(closed).toMatchObject({ status: 'closed', closedOn: '2026-11-26' })
      const after = await call<{ rows: Task[] }>('tasks:list', { view: 'case', caseId: opened.id })
      expect(after.rows.map((t) => t.status)).toEqual(['done'])
      // A closed reason may be opened again.
      await call('cases:open', { personId: person.id, reason: 'self-referral', priority: 'routine', nextReviewDate: null })
    })

    it('records the pathways the guidance names, and prompts reviews at investigation dates', async () => {
      const { call, raw, person } = await withPerson()
      expect(await raw('cases:open', { personId: person.id, reason: 'bereavement', priority: 'soon', nextReviewDate: null })).toMatchObject(
        {
          ok: false,
          error: { fields: ['pathway.bereavement'] }
        }
      )
      const bereavement = await call<CaseRecord>('cases:open', {
        personId: person.id,
        reason: 'bereavement',
        priority: 'soon',
        nextReviewDate: null,
        pathway: { bereavement: { counsellingOfferedOn: '2026-11-26', response: 'accepted' } }
      })
      expect(bereavement.pathway.bereavement).toEqual({ counsellingOfferedOn: '2026-11-26', response: 'accepted' })
      const investigation = await call<CaseRecord>('cases:open', {
        personId: person.id,
        reason: 'under-investigation',
        priority: 'urgent',
        nextReviewDate: null,
        pathway: { investigation: { noticeDate: '2026-11-20', welfareOfficer: 'Insp Grey', nextHearingDate: '2027-01-15' } }
      })
      const tasks = await call<{ rows: Task[] }>('tasks:list', { view: 'case', caseId: investigation.id })
      expect(tasks.rows.map((t) => [t.title, t.dueDate])).toEqual([
        ['Welfare contact: notice served', '2026-11-20'],
        ['Welfare review before hearing', '2027-01-15']
      ])
      await call('cases:open', {
        personId: person.id,
        reason: 'internal-abuse-report',
        priority: 'soon',
        nextReviewDate: null,
        flags: ['leader-secondary-exposure'],
        pathway: {
          internalAbuse: { nature: ['racism', 'misogyny'], reportedOn: '2026-11-01', supportOffered: 'Staff network and OH counselling' }
        }
      })
    })

    it('needs a handover note to reassign, and keeps it with the case', async () => {
      const { call, raw, person, addUser } = await withPerson()
      const opened = await call<CaseRecord>('cases:open', {
        personId: person.id,
        reason: 'self-referral',
        priority: 'soon',
        nextReviewDate: '2026-12-03'
      })
      const other = await addUser(nurse)
      expect(await raw('cases:reassign', { id: opened.id, clinicianId: other.id, note: '' })).toMatchObject({
        ok: false,
        error: { fields: ['note'] }
      })
      const moved = await call<CaseRecord>('cases:reassign', { id: opened.id, clinicianId: other.id, note: 'On leave for three weeks' })
      expect(moved.assignedClinicianId).toBe(other.id)
      const notes = await call<Note[]>('notes:forCase', { caseId: opened.id })
      expect(notes.map((n) => n.text)).toEqual(['Handover: On leave for three weeks'])
      const task = await call<{ rows: Task[] }>('tasks:list', { view: 'case', caseId: opened.id })
      expect(task.rows[0]?.assigneeId).toBe(other.id)
    })
  })

  describe('next review dates', () => {
    it('refuse a date in the past, at opening and when changed, and change nothing', async () => {
      const { call, raw, person } = await withPerson()
      expect(
        await raw('cases:open', { personId: person.id, reason: 'self-referral', priority: 'soon', nextReviewDate: '2026-11-25' })
      ).toMatchObject({
        ok: false,
        error: {
          code: 'invalid-input',
          fields: ['nextReviewDate'],
          message: 'The next review cannot be in the past. Enter today or a later date.'
        }
      })
      expect(await call<CaseRecord[]>('cases:forPerson', { personId: person.id })).toEqual([])
      const opened = await call<CaseRecord>('cases:open', {
        personId: person.id,
        reason: 'self-referral',
        priority: 'soon',
        nextReviewDate: '2026-11-26'
      })
      expect(await raw('cases:update', { id: opened.id, nextReviewDate: '2026-11-01' })).toMatchObject({
        ok: false,
        error: { fields: ['nextReviewDate'] }
      })
      expect((await call<CaseRecord[]>('cases:forPerson', { personId: person.id }))[0]?.nextReviewDate).toBe('2026-11-26')
    })
  })

  describe('notes', () => {
    it('are append-only: an amendment links to the original and both stay', async () => {
      const { call, raw, person, exec } = await withPerson()
      const opened = await call<CaseRecord>('cases:open', {
        personId: person.id,
        reason: 'self-referral',
        priority: 'soon',
        nextReviewDate: null
      })
      const first = await call<Note>('notes:add', {
        caseId: opened.id,
        type: 'telephone',
        contactDate: '2026-11-25',
        text: 'Spoke about sleep; agreed GP visit.'
      })
      const amendment = await call<Note>('notes:amend', {
        noteId: first.id,
        text: 'Spoke about sleep; agreed GP visit and TRiM.',
        reason: 'Left out TRiM'
      })
      expect(amendment).toMatchObject({ amendsNoteId: first.id, amendmentReason: 'Left out TRiM', contactDate: '2026-11-25' })
      const notes = await call<Note[]>('notes:forCase', { caseId: opened.id })
      expect(notes.map((n) => n.id).sort()).toEqual([first.id, amendment.id].sort())
      // Even the store's owner, behind the services' back, cannot change or remove a note.
      await expect(exec("UPDATE notes SET text = 'changed'")).rejects.toThrow('append-only')
      await expect(exec('DELETE FROM notes')).rejects.toThrow('append-only')
      expect(await raw('notes:amend', { noteId: '00000000-0000-4000-8000-000000000000', text: 'x', reason: 'y' })).toMatchObject({
        ok: false,
        error: { code: 'not-found', message: 'There is no such note to amend.' }
      })
    })

    it('update the last contact date only for real contact, and refuse future dates', async () => {
      const { call, raw, person } = await withPerson()
      const opened = await call<CaseRecord>('cases:open', {
        personId: person.id,
        reason: 'self-referral',
        priority: 'soon',
        nextReviewDate: null
      })
      await call('notes:add', { caseId: opened.id, type: 'video', contactDate: '2026-11-20', text: 'Video call.' })
      await call('notes:add', { caseId: opened.id, type: 'did-not-attend', contactDate: '2026-11-24', text: 'DNA.' })
      const cases = await call<CaseRecord[]>('cases:forPerson', { personId: person.id })
      expect(cases[0]?.lastContactDate).toBe('2026-11-20')
      expect(await raw('notes:add', { caseId: opened.id, type: 'video', contactDate: '2026-12-01', text: 'Future.' })).toMatchObject({
        ok: false,
        error: { fields: ['contactDate'] }
      })
      expect(await raw('notes:add', { caseId: opened.id, type: 'video', contactDate: '2026-11-20', text: '' })).toMatchObject({
        ok: false,
        error: { fields: ['text'] }
      })
      // An empty note with a future date hears of both at once.
      const both = await raw('notes:add', { caseId: opened.id, type: 'video', contactDate: '2026-12-01', text: '' })
      expect(both.ok ? [] : both.error.problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'text' }),
          { field: 'contactDate', message: 'The contact date cannot be in the future.' }
        ])
      )
    })
  })

  describe('tasks and the caseload', () => {
    it('lists my tasks and the overdue ones by the injected clock, and completes them', async () => {
      const { call, person, clock, signIn } = await withPerson()
      const early = await call<Task>('tasks:create', { title: 'Chase GP letter', dueDate: '2026-11-27', personId: person.id, caseId: null })
      await call('tasks:create', { title: 'Book review', dueDate: '2026-12-20', personId: null, caseId: null })
      expect((await call<{ total: number }>('tasks:list', { view: 'overdue' })).total).toBe(0)
      clock.advance(3 * 24 * 60 * 60 * 1000)
      // Three days on, the session has long since locked itself (session-lock tests): sign in again.
      await signIn(admin)
      const overdue = await call<{ rows: Task[] }>('tasks:list', { view: 'overdue' })
      expect(overdue.rows.map((t) => t.title)).toEqual(['Chase GP letter'])
      await call('tasks:complete', { id: early.id })
      expect((await call<{ total: number }>('tasks:list', { view: 'overdue' })).total).toBe(0)
      expect((await call<{ total: number }>('tasks:list', { view: 'mine' })).total).toBe(1)
    })

    it('shows my open cases with filters, sorting, counts and days since contact', async () => {
      const { call, person, exec } = await withPerson()
      const second = await call<Person>('people:create', personFields({ staffNumber: 'PS0002', givenName: 'Aled', familyName: 'Jones' }))
      const a = await call<CaseRecord>('cases:open', {
        personId: person.id,
        reason: 'self-referral',
        priority: 'routine',
        nextReviewDate: '2026-11-30',
        flags: ['leader-secondary-exposure']
      })
      // A review that has since passed (it cannot be set in the past).
      await exec("UPDATE cases SET next_review_date = '2026-11-20' WHERE id = ?", a.id)
      await call('cases:open', { personId: second.id, reason: 'post-incident', priority: 'urgent', nextReviewDate: '2026-12-10' })
      await call('notes:add', { caseId: a.id, type: 'telephone', contactDate: '2026-11-16', text: 'Call.' })
      const list = await call<{
        rows: { personName: string; daysSinceContact: number | null; overdue: boolean }[]
        total: number
        counts: Record<string, unknown>
      }>('caseload:list', { sort: 'priority' })
      expect(list.rows.map((r) => r.personName)).toEqual(['Jones, Aled', 'Evans, Siân'])
      expect(list.rows[1]).toMatchObject({ daysSinceContact: 10, overdue: true })
      expect(list.counts).toEqual({ open: 2, overdue: 1, urgent: 1, byStatus: { open: 2 } })
      const byName = await call<{ rows: { personName: string }[] }>('caseload:list', { sort: 'name', direction: 'desc' })
      expect(byName.rows.map((r) => r.personName)).toEqual(['Jones, Aled', 'Evans, Siân'])
      expect((await call<{ total: number }>('caseload:list', { overdueOnly: true })).total).toBe(1)
      expect((await call<{ total: number }>('caseload:list', { flag: 'leader-secondary-exposure' })).total).toBe(1)
      expect((await call<{ total: number }>('caseload:list', { flag: 'post-incident' })).total).toBe(1)
      expect((await call<{ total: number }>('caseload:list', { priority: 'urgent' })).total).toBe(1)
      const team = await call<{ clinicianName: string; openCases: number; urgent: number; overdueReviews: number }[]>('caseload:team', {})
      expect(team).toEqual([expect.objectContaining({ clinicianName: 'Alex Morgan', openCases: 2, urgent: 1, overdueReviews: 1 })])
    })

    it('pages through every sort without losing or repeating a case, and leaves a person I may not see out of the rows and the counts', async () => {
      const { call, exec } = await withPerson()
      const names = [
        ['PS1', 'Ffion', 'Bevan'],
        ['PS2', 'Gareth', 'Bevan'],
        ['PS3', 'Carys', 'Owen'],
        ['PS4', 'Dai', 'Price'],
        ['PS5', 'Elin', 'Hughes'],
        ['PS6', 'Huw', 'Morgan']
      ]
      const priorities = ['urgent', 'soon', 'routine'] as const
      const reasons = ['self-referral', 'post-incident', 'management-referral'] as const
      for (const [index, [staffNumber, givenName, familyName]] of names.entries()) {
        const person = await call<Person>('people:create', personFields({ staffNumber, givenName, familyName }))
        await call('cases:open', {
          personId: person.id,
          reason: reasons[index % 3],
          priority: priorities[index % 3],
          nextReviewDate: index % 2 === 0 ? `2026-12-0${index + 1}` : null
        })
      }
      // A case I hold on a person I may no longer see (restricted after the case was opened, naming no one).
      const hidden = await call<Person>('people:create', personFields({ staffNumber: 'PS7', givenName: 'Iolo', familyName: 'Hidden' }))
      await call('cases:open', { personId: hidden.id, reason: 'self-referral', priority: 'urgent', nextReviewDate: '2026-11-27' })
      await exec('UPDATE people SET restricted = 1 WHERE id = ?', hidden.id)
      await exec('DELETE FROM person_access WHERE person_id = ?', hidden.id)

      type Listing = {
        rows: { caseId: string; personName: string }[]
        total: number
        counts: { open: number; urgent: number; overdue: number }
      }
      for (const sort of ['name', 'staffNumber', 'reason', 'status', 'priority', 'nextReview', 'lastContact'] as const) {
        for (const direction of ['asc', 'desc'] as const) {
          const whole = await call<Listing>('caseload:list', { sort, direction, page: { offset: 0, limit: 200 } })
          expect(whole.total).toBe(6)
          expect(whole.rows.map((row) => row.personName)).not.toContain('Hidden, Iolo')
          const paged: string[] = []
          for (let offset = 0; offset < 6; offset += 4) {
            const page = await call<Listing>('caseload:list', { sort, direction, page: { offset, limit: 4 } })
            expect(page.total).toBe(6)
            paged.push(...page.rows.map((row) => row.caseId))
          }
          expect(paged, `${sort} ${direction}`).toEqual(whole.rows.map((row) => row.caseId))
        }
      }
      const byName = await call<Listing>('caseload:list', { sort: 'name', page: { offset: 0, limit: 200 } })
      expect(byName.rows.map((row) => row.personName)).toEqual([
        'Bevan, Ffion',
        'Bevan, Gareth',
        'Hughes, Elin',
        'Morgan, Huw',
        'Owen, Carys',
        'Price, Dai'
      ])
      const urgent = await call<Listing>('caseload:list', { priority: 'urgent' })
      expect(urgent.rows.map((row) => row.personName)).toEqual(['Bevan, Ffion', 'Price, Dai'])
      expect(urgent.total).toBe(2)
      // Counts are of everything I may see, whatever the filter; the hidden person's urgent, overdue case is not among them.
      expect(urgent.counts).toMatchObject({ open: 6, urgent: 2, overdue: 0 })
    })
  })
})
