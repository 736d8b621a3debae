import { z } from 'zod'
import { access } from './access'
import { id } from './fields'

/**
 * Unsaved work kept while someone is part-way through a form: per user, per form and per
 * subject (the note on case X, the details of person Y), in the encrypted store. A draft is
 * never part of the record: only its author is offered it back, and only while they may still
 * see the person it is about.
 */
export const draftForms = [
  'case-note',
  'note-amendment',
  'person-details',
  'new-person',
  'open-case',
  'case-handover',
  'screening',
  'screening-correction',
  'task-outcome'
] as const
export type DraftForm = (typeof draftForms)[number]

/** What each form's subject is; a new person has none yet. */
export const draftSubjects: Record<DraftForm, 'case' | 'note' | 'person' | 'screening' | 'task' | 'none'> = {
  'case-note': 'case',
  'note-amendment': 'note',
  'person-details': 'person',
  'new-person': 'none',
  'open-case': 'person',
  'case-handover': 'case',
  screening: 'person',
  'screening-correction': 'screening',
  'task-outcome': 'task'
}

/** The largest draft kept, as JSON text: a full-length note (20,000 characters) with room to spare. */
export const maxDraftCharacters = 60_000

/** Drafts untouched for this long are deleted at the next sign-in. */
export const draftRetentionDays = 30

export function draftSize(content: unknown): number {
  return JSON.stringify(content).length
}

/** The form's own values, as plain JSON. */
export const draftContent = z
  .record(z.string().max(100), z.json())
  .refine(
    (content) => draftSize(content) <= maxDraftCharacters,
    `A draft can be ${maxDraftCharacters.toLocaleString('en-GB')} characters at most`
  )
export type DraftContent = z.infer<typeof draftContent>

const key = { form: z.enum(draftForms), subjectId: id.nullable() }

export const draft = z.object({ content: draftContent, savedAt: z.string() })
export type Draft = z.infer<typeof draft>

const clinician = access.clinicians

export const draftsChannels = {
  'drafts:get': { input: z.object(key).strict(), output: draft.nullable(), access: clinician },
  'drafts:save': {
    input: z.object({ ...key, content: draftContent }).strict(),
    output: z.object({ savedAt: z.string() }),
    access: clinician
  },
  'drafts:discard': { input: z.object(key).strict(), output: z.object({ discarded: z.boolean() }), access: clinician }
} as const
