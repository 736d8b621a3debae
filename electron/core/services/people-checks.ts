import { sql } from 'kysely'
import { todayInLondon } from '../../../shared/calendar-date'
import type { z } from 'zod'
import { personInput } from '../../../shared/contract/people'
import { describeProblem } from '../../../shared/contract/labels'
import type { FieldProblem } from '../../../shared/contract/result'
import { employmentDateLimits, implausibleDates, type ImplausibleDate } from '../../../shared/employment-dates'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { visibleTo } from '../access'
import { currentUser } from './session-helpers'

export const staffNumberTaken = 'Someone already has that staff number'

type PersonFields = z.output<typeof personInput>
type Checked = Partial<PersonFields>

const dateFields = {
  start_date: { field: 'startDate', label: 'Start date' },
  leaving_date: { field: 'leavingDate', label: 'Leaving date' }
} as const

/** Each implausible date at the field to correct, named by its own label; limits from the shared rule. */
function dateProblem(problem: ImplausibleDate): FieldProblem {
  const { minimumAge, oldestAge } = employmentDateLimits
  switch (problem.kind) {
    case 'born-in-future':
      return { field: 'dateOfBirth', message: 'Date of birth must be in the past' }
    case 'born-too-long-ago':
      return { field: 'dateOfBirth', message: `Date of birth must be within the last ${oldestAge} years` }
    case 'before-minimum-age': {
      const { field, label } = dateFields[problem.date]
      return { field, message: `${label} must be on or after their ${minimumAge}th birthday` }
    }
    case 'leaving-before-start':
      return { field: 'leavingDate', message: 'Leaving date must be on or after the start date' }
    case 'too-far-ahead': {
      const { field, label } = dateFields[problem.date]
      return { field, message: `${label} must be no more than ${problem.years === 1 ? 'a year' : `${problem.years} years`} from today` }
    }
  }
}

/**
 * The staff number's holder, if it is not the person being edited. The link to them is given
 * only to a user who may see them: need-to-know hides even who holds a number.
 */
async function staffNumberProblem(call: CallContext, staffNumber: string, exceptId: string | undefined): Promise<FieldProblem | null> {
  const holder = await call.db
    .selectFrom('people')
    .select(['id', sql<number>`CASE WHEN ${visibleTo(currentUser(call).id)} THEN 1 ELSE 0 END`.as('visible')])
    .where('staff_number', '=', staffNumber)
    .executeTakeFirst()
  if (!holder || holder.id === exceptId) return null
  return { field: 'staffNumber', message: staffNumberTaken, ...(Number(holder.visible) === 1 ? { personId: holder.id } : {}) }
}

/** What the store and the calendar say about the fields that are well formed: every problem, not the first. */
async function storeProblems(call: CallContext, fields: Checked, exceptId: string | undefined): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = []
  if (fields.staffNumber) {
    const taken = await staffNumberProblem(call, fields.staffNumber, exceptId)
    if (taken) problems.push(taken)
  }
  // An empty role code is a role too, and names none in the catalogue: refused, never stored.
  if (fields.roleId !== undefined && fields.roleId !== null) {
    const role = await call.db.selectFrom('roles').select('id').where('id', '=', fields.roleId).executeTakeFirst()
    if (!role) problems.push({ field: 'roleId', message: 'Choose a role from the catalogue.' })
  }
  const dates = { dateOfBirth: fields.dateOfBirth ?? null, startDate: fields.startDate ?? null, leavingDate: fields.leavingDate ?? null }
  for (const problem of implausibleDates(dates, todayInLondon(call.core.clock()))) problems.push(dateProblem(problem))
  const named = fields.namedClinicianIds ?? []
  if (named.length > 0) {
    const clinicians = await call.db
      .selectFrom('users')
      .select(['id', 'roles'])
      .where('id', 'in', named)
      .where('status', '=', 'active')
      .execute()
    const valid = clinicians.filter((c) => (JSON.parse(c.roles) as string[]).includes('clinician'))
    if (valid.length !== new Set(named).size)
      problems.push({ field: 'namedClinicianIds', message: 'Named clinicians must be active clinicians' })
  }
  // One message per field, as the form shows one.
  return problems.filter((problem, index) => problems.findIndex((other) => other.field === problem.field) === index)
}

/** The refusal for these problems: a clash alone is a conflict, anything else is bad input. */
export function personRefusal(problems: FieldProblem[]): CoreError {
  const code = problems.every((problem) => problem.message === staffNumberTaken) ? 'conflict' : 'invalid-input'
  // One problem reads as the sentence shown at its field; several are each named by their label.
  const only = problems.length === 1 ? problems[0] : undefined
  const message = only
    ? `${only.message.replace(/\.$/, '')}.`
    : [...new Set(problems.map((problem) => `${describeProblem(problem)}.`))].join(' ')
  return new CoreError(code, message, undefined, { problems })
}

/** Checks well-formed fields against the store and the calendar; throws every problem at once. */
export async function checkPersonFields(call: CallContext, fields: PersonFields, exceptId?: string): Promise<void> {
  const problems = await storeProblems(call, fields, exceptId)
  if (problems.length > 0) throw personRefusal(problems)
}

/**
 * For input the contract refused: the problems of the fields that are well formed on their
 * own, so a form hears of a staff number in use or a date that cannot be right together with
 * the format problems, not one batch per attempt. Fields already refused are left out.
 */
export async function morePersonProblems(
  call: CallContext,
  raw: unknown,
  refused: FieldProblem[],
  exceptId?: string
): Promise<FieldProblem[]> {
  if (!raw || typeof raw !== 'object') return []
  const input = raw as Record<string, unknown>
  const fields: Record<string, unknown> = {}
  for (const [name, schema] of Object.entries(personInput.shape)) {
    const parsed = schema.safeParse(input[name])
    if (parsed.success) fields[name] = parsed.data
  }
  const problems = await storeProblems(call, fields as Checked, exceptId)
  return problems.filter((problem) => !refused.some((known) => known.field === problem.field))
}
