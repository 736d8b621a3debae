import { z } from 'zod'
import { ragRules } from '../instruments/rag'
import { calendarDate, id, page, text } from './fields'

const flag = z.object({ code: z.string(), severity: z.enum(['critical', 'warning', 'info']), message: z.string() })

export const instrumentAnswers = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('items'), instrument: z.string().max(40), answers: z.array(z.number().int().nullable()).max(40) }),
  z.object({
    kind: z.literal('external'),
    instrument: z.string().max(40),
    total: z.number().nullable(),
    subscales: z.record(z.string(), z.number().nullable()).default({})
  })
])

export const saveScreeningInput = z
  .object({
    personId: id,
    sittingDate: calendarDate,
    mode: z.enum(['clinician-entered', 'self-completed', 'imported']),
    results: z.array(instrumentAnswers).min(1, 'Complete at least one questionnaire').max(20)
  })
  .strict()

export const screeningResult = z.object({
  instrument: z.string(),
  answers: z.array(z.number().nullable()).nullable(),
  total: z.number().nullable(),
  band: z.string().nullable(),
  subscales: z.record(z.string(), z.number().nullable()),
  flags: z.array(flag),
  complete: z.boolean(),
  externallyScored: z.boolean(),
  scoringVersion: z.string()
})

export const screening = z.object({
  id: z.string(),
  personId: z.string(),
  sittingDate: z.string(),
  mode: z.enum(['clinician-entered', 'self-completed', 'imported']),
  rag: z.enum(['red', 'amber', 'green']),
  ragRule: z.string().nullable(),
  version: z.number().int(),
  supersedesId: z.string().nullable(),
  supersededById: z.string().nullable(),
  correctionReason: z.string().nullable(),
  enteredByName: z.string(),
  createdAt: z.string(),
  results: z.array(screeningResult)
})

export type Screening = z.infer<typeof screening>

export const alert = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  screeningId: z.string(),
  code: z.string(),
  message: z.string(),
  status: z.enum(['open', 'acknowledged']),
  acknowledgedByName: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  actionNote: z.string().nullable(),
  createdAt: z.string()
})

export type Alert = z.infer<typeof alert>

export const dueRow = z.object({
  personId: z.string(),
  personName: z.string(),
  staffNumber: z.string(),
  roleName: z.string(),
  department: z.string().nullable(),
  intervalMonths: z.number().int(),
  lastScreened: z.string().nullable(),
  dueDate: z.string(),
  overdue: z.boolean()
})

export type DueRow = z.infer<typeof dueRow>

const clinician = ['clinician'] as const

export const screeningChannels = {
  'screening:save': { input: saveScreeningInput, output: screening, access: clinician },
  'screening:correct': {
    input: z.object({ screeningId: id, reason: text('the reason for the correction', 500), results: saveScreeningInput.shape.results }).strict(),
    output: screening,
    access: clinician
  },
  'screening:forPerson': { input: z.object({ personId: id }).strict(), output: z.array(screening), access: clinician },
  'screening:alerts': { input: z.object({ personId: id.optional() }).strict(), output: z.array(alert), access: clinician },
  'screening:acknowledge': {
    input: z.object({ alertId: id, actionNote: text('the action taken', 2000) }).strict(),
    output: alert,
    access: clinician
  },
  'screening:due': {
    input: z
      .object({
        roleId: z.string().optional(),
        department: z.string().max(120).optional(),
        withinDays: z.number().int().min(0).max(366).default(30),
        page: page.default({ offset: 0, limit: 100 })
      })
      .strict(),
    output: z.object({ rows: z.array(dueRow), total: z.number().int(), overdue: z.number().int() }),
    access: clinician
  },
  'screening:exportDue': {
    input: z.object({ roleId: z.string().optional(), department: z.string().max(120).optional(), withinDays: z.number().int().min(0).max(366).default(30) }).strict(),
    output: z.object({ file: z.string(), rows: z.number().int() }).nullable(),
    access: clinician
  },
  'screening:rules': { input: z.object({}).strict(), output: ragRules, access: 'session' },
  'screening:setRules': { input: z.object({ rules: ragRules }).strict(), output: ragRules, access: ['admin'] }
} as const
