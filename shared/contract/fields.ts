import { z } from 'zod'
import { isCalendarDate } from '../calendar-date'

/** Field schemas shared by several features, with messages written for the person typing. */
export const calendarDate = z.string().refine(isCalendarDate, 'Enter a real date')
export const optionalDate = calendarDate.nullable()
export const id = z.string().uuid()

export function text(label: string, max: number) {
  return z
    .string()
    .trim()
    .min(1, `Enter ${label}`)
    .max(max, `${label[0]?.toUpperCase()}${label.slice(1)} must be ${max} characters or fewer`)
}

export function optionalText(label: string, max: number) {
  return z
    .string()
    .trim()
    .max(max, `${label[0]?.toUpperCase()}${label.slice(1)} must be ${max} characters or fewer`)
    .transform((value) => (value === '' ? null : value))
    .nullable()
}

export const page = z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(200).default(50) })

/**
 * Some of an object's fields, each either left out or given a valid value. `.partial()` also
 * accepts a field present with the value undefined, which reached a service as "set this to
 * nothing": `{ idleLockMinutes: undefined }` was stored as the text "undefined".
 */
export function someOf<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>) {
  const fields = Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => [key, (field as z.ZodType).exactOptional()]))
  return z.object(fields as unknown as { [K in keyof Shape]: z.ZodExactOptional<Shape[K]> }).strict()
}
