import type { Kysely, Transaction } from 'kysely'
import type { SafetyWork } from '../../../shared/contract/cases'
import { alertFollowUpSource, alertTaskSource, screeningReviewSource } from '../../../shared/contract/tasks'
import type { HarbourDatabase } from '../store/schema'

type Db = Kysely<HarbourDatabase> | Transaction<HarbourDatabase>

const safetySources = [alertTaskSource, screeningReviewSource, alertFollowUpSource]

/**
 * The safety work still open for a case: the person's unacknowledged alerts, and the case's
 * open urgent or safety tasks (an alert's own task is shown as its alert, not twice). Closing
 * the case never closes any of it, so whoever closes must see it first.
 */
export async function openSafetyWork(db: Db, record: { id: string; personId: string }): Promise<SafetyWork[]> {
  const alerts = await db
    .selectFrom('alerts')
    .leftJoin('tasks', 'tasks.id', 'alerts.task_id')
    .leftJoin('users', 'users.id', 'tasks.assignee_id')
    .select(['alerts.id', 'alerts.message', 'alerts.task_id', 'alerts.created_at', 'users.display_name'])
    .where('alerts.person_id', '=', record.personId)
    .where('alerts.status', '=', 'open')
    .orderBy('alerts.created_at')
    .execute()
  const alertTasks = new Set(alerts.flatMap((alert) => (alert.task_id ? [alert.task_id] : [])))
  const tasks = await db
    .selectFrom('tasks')
    .innerJoin('users', 'users.id', 'tasks.assignee_id')
    .select(['tasks.id', 'tasks.title', 'tasks.due_date', 'users.display_name'])
    .where('tasks.case_id', '=', record.id)
    .where('tasks.status', '=', 'open')
    .where((eb) => eb.or([eb('tasks.priority', '=', 'top'), eb('tasks.source', 'in', safetySources)]))
    .orderBy('tasks.due_date')
    .execute()
  return [
    ...alerts.map((alert): SafetyWork => ({
      kind: 'alert',
      id: alert.id,
      title: `Safety alert not yet acknowledged: ${alert.message}`,
      holderName: alert.display_name,
      dueDate: null
    })),
    ...tasks
      .filter((task) => !alertTasks.has(task.id))
      .map((task): SafetyWork => ({ kind: 'task', id: task.id, title: task.title, holderName: task.display_name, dueDate: task.due_date }))
  ]
}
