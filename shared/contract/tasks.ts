import { z } from 'zod'
import { access } from './access'
import { calendarDate, id, optionalText, page, text } from './fields'

export const task = z.object({
  id: z.string(),
  title: z.string(),
  dueDate: z.string(),
  assigneeId: z.string(),
  assigneeName: z.string(),
  personId: z.string().nullable(),
  personName: z.string().nullable(),
  caseId: z.string().nullable(),
  source: z.string(),
  status: z.enum(['open', 'done']),
  /** Open and due before today (the core's clock, London time): the window shows it, never works it out. */
  overdue: z.boolean(),
  completedAt: z.string().nullable(),
  /** What happened, for tasks that close only with it written down (a safety alert's follow-up). */
  outcome: z.string().nullable()
})

/** Tasks that are closed by recording something elsewhere, or only with an outcome. */
export const alertTaskSource = 'rule:alert'
export const screeningReviewSource = 'rule:screening-review'
export const alertFollowUpSource = 'rule:alert-follow-up'
/** A referral with no update for a while: closed by Done, or by the referral's next step. */
export const referralChaseSource = 'rule:referral-chase'
/** A review raised when a person's trauma exposure meets a threshold rule; closed with Done. */
export const exposureReviewSource = 'rule:exposure-review'
/**
 * A notice to the clinician a case was handed to, naming the case and the handover note. It is
 * not work on the case: it never moves with a handover, and it is never counted as work left
 * with someone who can no longer sign in.
 */
export const handoverNoticeSource = 'rule:handover-notice'

/**
 * How a task is closed, one rule for the core (which refuses anything else) and the window
 * (which offers only that): a safety alert's task by acknowledging the alert, a screening
 * review by recording the decision, an alert's follow-up only with what happened, a handover
 * notice by marking it read, anything else with Done.
 */
export type TaskClosing = 'acknowledge-alert' | 'record-decision' | 'record-outcome' | 'mark-read' | 'done'

export function howTaskCloses(source: string): TaskClosing {
  if (source === alertTaskSource) return 'acknowledge-alert'
  if (source === screeningReviewSource) return 'record-decision'
  if (source === alertFollowUpSource) return 'record-outcome'
  if (source === handoverNoticeSource) return 'mark-read'
  return 'done'
}

export type Task = z.infer<typeof task>

const clinician = access.clinicians

export const tasksChannels = {
  'tasks:create': {
    input: z
      .object({
        title: text('what needs doing', 200),
        dueDate: calendarDate,
        assigneeId: id.optional(),
        personId: id.nullable(),
        caseId: id.nullable()
      })
      .strict(),
    output: task,
    access: clinician
  },
  'tasks:complete': {
    input: z.object({ id, outcome: optionalText('what happened', 4000).optional() }).strict(),
    output: task,
    access: clinician
  },
  'tasks:list': {
    input: z
      .object({
        view: z.enum(['mine', 'overdue', 'person', 'case']),
        personId: id.optional(),
        caseId: id.optional(),
        page: page.default({ offset: 0, limit: 50 })
      })
      .strict(),
    output: z.object({ rows: z.array(task), total: z.number().int() }),
    access: clinician
  }
} as const
