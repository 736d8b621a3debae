import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { Controller } from 'react-hook-form'
import { z } from 'zod'
import { formatCalendarDate, todayInLondon } from '../../../../shared/calendar-date'
import { calendarDate, text } from '../../../../shared/contract/fields'
import { noteTypeNames, noteTypes, type Note } from '../../../../shared/contract/notes'
import { call } from '../../api'
import { DateField } from '../../components/DateField'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Field } from '../../components/Field'
import { SelectField } from '../../components/SelectField'
import { TextArea } from '../../components/TextArea'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'
import { useFocusAfterRender } from '../../components/useFocusAfterRender'
import { useFormDraft } from '../../components/useFormDraft'

/** The query key of one case's notes, refreshed after a note is added or amended. */
export const notesKey = (caseId: string) => ['notes', caseId]

const addSchema = z.object({
  type: z.enum(noteTypes, 'Choose the type of contact'),
  contactDate: calendarDate,
  text: text('the note', 20_000)
})
const amendSchema = z.object({ text: text('the corrected note', 20_000), reason: text('the reason for the amendment', 500) })

export function AddNoteForm({ caseId, idPrefix }: { caseId: string; idPrefix: string }) {
  const queryClient = useQueryClient()
  const order = ['type', 'contactDate', 'text']
  const methods = useHarbourForm<z.input<typeof addSchema>>(addSchema, {
    defaultValues: { type: 'telephone', contactDate: todayInLondon(new Date()), text: '' }
  })
  const { register, handleSubmit, setError, formState, control, reset } = methods
  const draft = useFormDraft({ form: 'case-note', subjectId: caseId, label: 'the note' }, methods)
  const submit = handleSubmit(async (values) => {
    try {
      await draft.whileSaving(() => call('notes:add', { caseId, ...values }))
      reset({ type: values.type, contactDate: values.contactDate, text: '' })
      void queryClient.invalidateQueries({ queryKey: notesKey(caseId) })
      void queryClient.invalidateQueries({ queryKey: ['cases'] })
    } catch (error) {
      showApiError(error, setError, order)
    }
  })
  return (
    <form onSubmit={submit} noValidate className="note-form" aria-label="Add a note">
      {draft.notice}
      <ErrorSummary errors={summaryOf(formState.errors, order)} idPrefix={idPrefix} />
      <div className="form-row">
        <SelectField
          id={`${idPrefix}-type`}
          label="Contact"
          options={noteTypes.map((t) => ({ value: t, label: noteTypeNames[t] }))}
          error={formState.errors.type?.message}
          {...register('type')}
        />
        <Controller
          control={control}
          name="contactDate"
          render={({ field }) => (
            <DateField
              id={`${idPrefix}-contactDate`}
              legend="Date"
              value={field.value}
              onChange={(value) => field.onChange(value ?? '')}
              error={formState.errors.contactDate?.message}
            />
          )}
        />
      </div>
      <TextArea id={`${idPrefix}-text`} label="Note" error={formState.errors.text?.message} {...register('text')} />
      <button type="submit" className="button" disabled={formState.isSubmitting}>
        Add note
      </button>
    </form>
  )
}

function AmendForm({ note, onDone }: { note: Note; onDone: () => void }) {
  const queryClient = useQueryClient()
  const order = ['text', 'reason']
  const prefix = `amend-${note.id}`
  const methods = useHarbourForm<z.input<typeof amendSchema>>(amendSchema, { defaultValues: { text: note.text, reason: '' } })
  const { register, handleSubmit, setError, formState, setFocus } = methods
  const draft = useFormDraft({ form: 'note-amendment', subjectId: note.id, label: 'the amendment' }, methods)
  // The form opens where the Amend button was: focus goes straight to the text being corrected.
  useEffect(() => setFocus('text'), [setFocus])
  const submit = handleSubmit(async (values) => {
    try {
      await draft.whileSaving(() => call('notes:amend', { noteId: note.id, ...values }))
      void queryClient.invalidateQueries({ queryKey: notesKey(note.caseId) })
      onDone()
    } catch (error) {
      showApiError(error, setError, order)
    }
  })
  return (
    <form onSubmit={submit} noValidate className="amend-form" aria-label="Amend this note">
      {draft.notice}
      <ErrorSummary errors={summaryOf(formState.errors, order)} idPrefix={prefix} />
      <TextArea
        id={`${prefix}-text`}
        label="Corrected note"
        hint="The original stays in the record; this is added beside it."
        error={formState.errors.text?.message}
        {...register('text')}
      />
      <Field
        id={`${prefix}-reason`}
        label="Reason for the amendment"
        width="full"
        error={formState.errors.reason?.message}
        {...register('reason')}
      />
      <div className="button-group">
        <button type="submit" className="button">
          Save amendment
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  )
}

/** Notes newest first; amendments sit under the note they correct, and both stay visible. */
const amendButtonId = (note: Note) => `amend-note-${note.id}`

export function NotesList({ notes }: { notes: Note[] }) {
  const [amending, setAmending] = useState<string | null>(null)
  const focusAfterRender = useFocusAfterRender()
  const stopAmending = (note: Note) => {
    setAmending(null)
    focusAfterRender(amendButtonId(note))
  }
  const originals = notes.filter((n) => !n.amendsNoteId)
  const amendments = (id: string) => notes.filter((n) => n.amendsNoteId === id).sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  if (notes.length === 0) return <p className="empty">No notes yet.</p>
  return (
    <ol className="notes" aria-label="Notes, newest first">
      {originals.map((note) => (
        <li key={note.id} className="note">
          <p className="note__meta">
            <strong>{noteTypeNames[note.type]}</strong> · {formatCalendarDate(note.contactDate)} · {note.authorName}
          </p>
          <p className="note__text">{note.text}</p>
          {amendments(note.id).map((amendment) => (
            <div key={amendment.id} className="note__amendment">
              <p className="note__meta">
                <strong>Amended</strong> {formatCalendarDate(amendment.createdAt.slice(0, 10))} by {amendment.authorName}:{' '}
                {amendment.amendmentReason}
              </p>
              <p className="note__text">{amendment.text}</p>
            </div>
          ))}
          {amending === note.id ? (
            <AmendForm note={note} onDone={() => stopAmending(note)} />
          ) : (
            <button type="button" id={amendButtonId(note)} className="link-button" onClick={() => setAmending(note.id)}>
              Amend<span className="visually-hidden"> the note of {formatCalendarDate(note.contactDate)}</span>
            </button>
          )}
        </li>
      ))}
    </ol>
  )
}
