import { z } from 'zod'
import { access } from './access'
import { calendarDate, id, text } from './fields'

export const noteTypes = ['telephone', 'face-to-face', 'video', 'email', 'letter', 'did-not-attend', 'supervision', 'other'] as const
export type NoteType = (typeof noteTypes)[number]
export const noteTypeNames: Record<NoteType, string> = {
  telephone: 'Telephone',
  'face-to-face': 'Face to face',
  video: 'Video',
  email: 'Email',
  letter: 'Letter',
  'did-not-attend': 'Did not attend (DNA)',
  supervision: 'Supervision',
  other: 'Other'
}

export const note = z.object({
  id: z.string(),
  caseId: z.string(),
  type: z.enum(noteTypes),
  contactDate: z.string(),
  text: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  amendsNoteId: z.string().nullable(),
  amendmentReason: z.string().nullable(),
  createdAt: z.string()
})

export type Note = z.infer<typeof note>

const clinician = access.clinicians

export const notesChannels = {
  'notes:add': {
    input: z
      .object({
        caseId: id,
        type: z.enum(noteTypes, 'Choose the type of contact'),
        contactDate: calendarDate,
        text: text('the note', 20_000)
      })
      .strict(),
    output: note,
    access: clinician
  },
  'notes:amend': {
    input: z.object({ noteId: id, text: text('the corrected note', 20_000), reason: text('the reason for the amendment', 500) }).strict(),
    output: note,
    access: clinician
  },
  'notes:forCase': { input: z.object({ caseId: id }).strict(), output: z.array(note), access: clinician }
} as const
