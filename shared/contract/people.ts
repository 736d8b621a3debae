import { z } from 'zod'
import { access } from './access'
import { id, optionalDate, optionalText, text } from './fields'

export const employmentTypes = ['police-officer', 'police-staff', 'special-constable', 'pcso', 'volunteer'] as const
export type EmploymentType = (typeof employmentTypes)[number]

export const employmentTypeNames: Record<EmploymentType, string> = {
  'police-officer': 'Police officer',
  'police-staff': 'Police staff',
  'special-constable': 'Special constable',
  pcso: 'PCSO',
  volunteer: 'Volunteer'
}

export const personInput = z
  .object({
    staffNumber: z
      .string()
      .trim()
      .min(1, 'Enter the staff or collar number')
      .max(20, 'Staff number must be 20 characters or fewer')
      .regex(/^[A-Za-z0-9/-]+$/, 'Staff number can only use letters, numbers, hyphens and slashes'),
    title: optionalText('the title', 20),
    givenName: text('the given name', 80),
    familyName: text('the family name', 80),
    preferredName: optionalText('the preferred name', 80),
    dateOfBirth: optionalDate,
    employmentType: z.enum(employmentTypes, 'Choose the type of employment'),
    roleId: z.string().nullable(),
    department: optionalText('the department', 120),
    lineManager: optionalText('the line manager', 120),
    email: optionalText('the email address', 200).refine(
      (value) => value === null || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value),
      'Enter an email address like name@force.police.uk'
    ),
    phone: optionalText('the phone number', 40),
    startDate: optionalDate,
    leavingDate: optionalDate,
    restricted: z.boolean(),
    namedClinicianIds: z.array(id).max(20),
    adjustments: optionalText('the adjustments', 4000)
  })
  .strict()

export type PersonInput = z.input<typeof personInput>

export const personSummary = z.object({
  id: z.string(),
  staffNumber: z.string(),
  displayName: z.string(),
  roleName: z.string().nullable(),
  department: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  restricted: z.boolean(),
  leavingDate: z.string().nullable()
})

export type PersonSummary = z.infer<typeof personSummary>

export const person = z.object({
  id: z.string(),
  staffNumber: z.string(),
  title: z.string().nullable(),
  givenName: z.string(),
  familyName: z.string(),
  preferredName: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  employmentType: z.enum(employmentTypes),
  roleId: z.string().nullable(),
  roleName: z.string().nullable(),
  department: z.string().nullable(),
  lineManager: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  startDate: z.string().nullable(),
  leavingDate: z.string().nullable(),
  restricted: z.boolean(),
  namedClinicianIds: z.array(z.string()),
  adjustments: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Saves so far: an edit sends back the version it read (optimistic concurrency). */
  version: z.number().int()
})

export type Person = z.infer<typeof person>

const clinician = access.clinicians

const searchInput = z.object({ query: z.string().max(100), limit: z.number().int().min(1).max(50).default(20) }).strict()

export const peopleChannels = {
  /** The best matches only. */
  'people:search': { input: searchInput, output: z.array(personSummary), access: clinician },
  /** The best matches and how many match in all, so a capped list can say so. */
  'people:find': { input: searchInput, output: z.object({ rows: z.array(personSummary), total: z.number().int() }), access: clinician },
  'people:get': { input: z.object({ id }).strict(), output: person, access: clinician },
  'people:create': { input: personInput, output: person, access: clinician },
  'people:update': {
    input: z.object({ id, changes: personInput, version: z.number().int().positive().optional() }).strict(),
    output: person,
    access: clinician
  }
} as const
