import { z } from 'zod'
import { calendarDate, id, page, text } from './fields'

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
  completedAt: z.string().nullable()
})

export type Task = z.infer<typeof task>

const clinician = ['clinician'] as const

export const tasksChannels = {
  'tasks:create': {
    input: z.object({ title: text('what needs doing', 200), dueDate: calendarDate, assigneeId: id.optional(), personId: id.nullable(), caseId: id.nullable() }).strict(),
    output: task,
    access: clinician
  },
  'tasks:complete': { input: z.object({ id }).strict(), output: task, access: clinician },
  'tasks:list': {
    input: z.object({ view: z.enum(['mine', 'overdue', 'person', 'case']), personId: id.optional(), caseId: id.optional(), page: page.default({ offset: 0, limit: 50 }) }).strict(),
    output: z.object({ rows: z.array(task), total: z.number().int() }),
    access: clinician
  }
} as const
