import { todayInLondon } from '../../../shared/calendar-date'
import type { LatestResult, NextScreening, PersonOverview } from '../../../shared/contract/person-overview'
import { answeredFloor } from '../../../shared/instruments/answered-floor'
import { ragFor, type RagRule } from '../../../shared/instruments/rag'
import type { Flag } from '../../../shared/instruments/types'
import type { CallContext } from '../context'
import { caseQuery, toCase } from './cases'
import { getPerson } from './people'
import { readRules } from './screening'
import { bereavementNotYetOffered } from './signposting'
import { listAlerts } from './screening-alerts'
import { isOpenWork, taskQuery, toTask } from './tasks'

const shownTasks = 10
/** The far-past date the triggers keep for "never screened, due now" (migration 0040). */
const neverScreened = '0001-01-01'

/**
 * What a clinician needs first on opening a record — open alerts, open cases and who holds
 * them, the latest result of each questionnaire, due tasks and what is due next — in one read.
 * It is a view of the record: refused and audited exactly as opening the record is, and only
 * for the roles that may read cases, screenings and tasks.
 */
export async function personOverview(call: CallContext, input: { id: string }): Promise<PersonOverview> {
  const person = await getPerson(call, input)
  const db = call.db
  const today = todayInLondon(call.core.clock())
  const openAlerts = (await listAlerts(call, { personId: person.id })).filter((alert) => alert.status === 'open')
  const openCases = (
    await caseQuery(db)
      .where('cases.person_id', '=', person.id)
      .where('cases.status', '<>', 'closed')
      .orderBy('cases.opened_on', 'desc')
      .execute()
  ).map(toCase)
  const openTasks = taskQuery(db).where('tasks.person_id', '=', person.id).where(isOpenWork())
  const dueTasks = (await openTasks.orderBy('tasks.due_date').orderBy('tasks.title').limit(shownTasks).execute()).map((row) =>
    toTask(row, today)
  )
  const count = await openTasks
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst()
  const reviews = openCases
    .filter((record) => record.nextReviewDate !== null)
    .sort((a, b) => (a.nextReviewDate ?? '').localeCompare(b.nextReviewDate ?? ''))
  const soonest = reviews[0]
  return {
    person,
    openAlerts,
    openCases,
    latestResults: await latestResults(call, person.id),
    dueTasks,
    dueTasksTotal: Number(count?.n ?? 0),
    nextReview: soonest?.nextReviewDate
      ? { date: soonest.nextReviewDate, caseId: soonest.id, overdue: soonest.nextReviewDate < today }
      : null,
    nextScreening: await nextScreening(call, person.id, today),
    bereavementCounsellingNotYetOffered: await bereavementNotYetOffered(db, person.id, openCases)
  }
}

/**
 * An incomplete questionnaire's own colour, by the rules in force: a sitting made red by another
 * questionnaire must not make this one look red, nor a green sitting hide that it was not finished.
 */
function ownRag(
  row: { instrument_id: string; total: number | null; band: string | null; flags: string; critical_not_answered: string },
  answers: (number | null)[] | null,
  rules: RagRule[]
) {
  const outcome = ragFor(
    [
      {
        instrument: row.instrument_id,
        total: row.total,
        band: row.band,
        flags: JSON.parse(row.flags) as Flag[],
        answers,
        complete: false,
        unansweredCritical: (JSON.parse(row.critical_not_answered) as { item: number }[]).map((gap) => gap.item)
      }
    ],
    rules
  )
  return { rag: outcome.rag, ragReason: outcome.reason, riskNotAssessed: outcome.riskNotAssessed }
}

/** The newest current (uncorrected) result of each questionnaire the person has taken. */
async function latestResults(call: CallContext, personId: string): Promise<LatestResult[]> {
  const rows = await call.db
    .selectFrom('screening_results')
    .innerJoin('screenings', 'screenings.id', 'screening_results.screening_id')
    .where('screenings.person_id', '=', personId)
    .where('screenings.superseded_by_id', 'is', null)
    .select([
      'screening_results.instrument_id',
      'screening_results.total',
      'screening_results.band',
      'screening_results.complete',
      'screening_results.answers',
      'screening_results.flags',
      'screening_results.critical_not_answered',
      'screenings.id',
      'screenings.sitting_date',
      'screenings.rag',
      'screenings.rag_reason',
      'screenings.risk_not_assessed'
    ])
    .orderBy('screenings.sitting_date', 'desc')
    .orderBy('screenings.created_at', 'desc')
    .execute()
  const latest = new Map<string, LatestResult>()
  const rules = await readRules(call.db)
  for (const row of rows) {
    if (latest.has(row.instrument_id)) continue
    const sitting = { rag: row.rag, ragReason: row.rag_reason, riskNotAssessed: row.risk_not_assessed === 1 }
    const answers = row.answers ? (JSON.parse(row.answers) as (number | null)[]) : null
    latest.set(row.instrument_id, {
      instrument: row.instrument_id,
      screeningId: row.id,
      sittingDate: row.sitting_date,
      total: row.total,
      band: row.band,
      complete: row.complete === 1,
      answeredFloor: row.complete === 1 ? null : answeredFloor(row.instrument_id, answers),
      ...(row.complete === 1 ? sitting : ownRag(row, answers, rules))
    })
  }
  return [...latest.values()]
}

async function nextScreening(call: CallContext, personId: string, today: string): Promise<NextScreening> {
  const row = await call.db
    .selectFrom('people')
    .select(['next_screening_due', 'leaving_date'])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow()
  if (row.leaving_date && row.leaving_date <= today) return { status: 'left', dueDate: null, overdue: false }
  if (row.next_screening_due === null) return { status: 'not-recalled', dueDate: null, overdue: false }
  if (row.next_screening_due === neverScreened) return { status: 'never-screened', dueDate: null, overdue: true }
  return { status: 'due', dueDate: row.next_screening_due, overdue: row.next_screening_due < today }
}
