import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { formatCalendarDate } from '../../../shared/calendar-date'
import { importColumnNames, type ImportChange, type ImportColumn } from '../../../shared/contract/people-import'
import type { NewTask } from '../store/bulk-writes'
import type { HarbourDatabase } from '../store/schema'
import { displayName } from './people'
import type { PlannedWrite, WritePlan } from './people-import-write'

/** Changes named in a report: enough to read, few enough to send. */
export const changesListed = 500
export const leaverTaskSource = 'rule:leaver'

type Update = Extract<PlannedWrite, { kind: 'update' }>

/** An update that gives someone a leaving date they did not have (or a different one). */
const newLeaver = (step: Update): step is Update & { values: { leaving_date: string } } =>
  step.values.leaving_date !== null && step.values.leaving_date !== step.leavingDateBefore

const updates = (plan: WritePlan): Update[] => plan.steps.filter((step): step is Update => step.kind === 'update')

/**
 * A task for the holder of each open case of a new leaver: the HR file is often the first the
 * clinician hears of it, and a case left open for someone who has gone helps no one.
 */
export async function leaverTasks(
  db: Kysely<HarbourDatabase>,
  plan: WritePlan,
  at: { today: string; now: string; actorId: string }
): Promise<{ tasks: NewTask[]; told: Map<string, string[]> }> {
  const leavers = new Map(
    updates(plan)
      .filter(newLeaver)
      .map((step) => [step.id, step.values.leaving_date])
  )
  const tasks: NewTask[] = []
  const told = new Map<string, string[]>()
  const ids = [...leavers.keys()]
  for (let start = 0; start < ids.length; start += 500) {
    const cases = await db
      .selectFrom('cases')
      .innerJoin('users', 'users.id', 'cases.assigned_clinician_id')
      .select(['cases.id', 'cases.person_id', 'cases.assigned_clinician_id', 'users.display_name'])
      .where('cases.person_id', 'in', ids.slice(start, start + 500))
      .where('cases.status', '<>', 'closed')
      .execute()
    for (const found of cases) {
      const date = leavers.get(found.person_id) ?? at.today
      const id = randomUUID()
      tasks.push({
        values: {
          id,
          title: `${date > at.today ? 'Leaves' : 'Left'} the force on ${formatCalendarDate(date)}: review the open case`,
          due_date: at.today,
          assignee_id: found.assigned_clinician_id,
          person_id: found.person_id,
          case_id: found.id,
          source: leaverTaskSource,
          rule_key: null,
          status: 'open',
          completed_at: null,
          completed_by: null,
          created_by: at.actorId,
          created_at: at.now
        },
        audit: { actorId: at.actorId, action: 'task.created', entityType: 'task', entityId: id }
      })
      told.set(found.person_id, [...(told.get(found.person_id) ?? []), found.display_name])
    }
  }
  return { tasks, told }
}

const columnName = (column: Update['changed'][number]): string =>
  importColumnNames[(column === 'role_id' ? 'role' : column) as ImportColumn]

/** Who an import changes and how, naming no one the user may not see. */
export function describeChanges(
  plan: WritePlan,
  hidden: Set<string>,
  told: Map<string, string[]>
): { changes: ImportChange[]; moreChanges: number } {
  const visible = updates(plan).filter((step) => !hidden.has(step.id))
  const changes = visible.slice(0, changesListed).map((step) => ({
    staffNumber: step.values.staff_number,
    name: displayName(step.values),
    fields: step.changed.map(columnName),
    leaver: newLeaver(step),
    caseHoldersTold: told.get(step.id) ?? []
  }))
  return { changes, moreChanges: visible.length - changes.length }
}
