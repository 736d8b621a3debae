import { useQuery } from '@tanstack/react-query'
import type { z } from 'zod'
import { handoverChoice } from '../../../../shared/contract/cases'
import { call } from '../../api'
import { useLeaveWarning } from '../../app/LeaveGuard'
import { ErrorSummary } from '../../components/ErrorSummary'
import { SelectField } from '../../components/SelectField'
import { TextArea } from '../../components/TextArea'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'

export type HandoverChoice = z.output<typeof handoverChoice>
type Values = z.input<typeof handoverChoice>
const order = ['clinicianId', 'note']

/**
 * Who takes the work on, and the handover note: the part every handover shares. Errors show
 * at the top and at each field, from the same schema the core checks.
 */
export function HandoverChoiceForm({
  idPrefix,
  exclude,
  submitLabel,
  leaveLabel,
  onSubmit,
  onCancel
}: {
  idPrefix: string
  /** Who cannot take it on (the clinician who holds it now). */
  exclude: string[]
  submitLabel: string
  /** What leaving with changes would lose, as the leave warning names it: "the handover". */
  leaveLabel: string
  onSubmit: (choice: HandoverChoice) => Promise<void>
  onCancel?: () => void
}) {
  const clinicians = useQuery({ queryKey: ['clinicians'], queryFn: () => call('caseload:clinicians', {}) })
  const { register, handleSubmit, setError, formState } = useHarbourForm<Values>(handoverChoice, { defaultValues: { clinicianId: '', note: '' } })
  const errors = formState.errors
  // Once handed over the form goes away; until then, leaving with a choice or a note asks first.
  useLeaveWarning(leaveLabel, formState.isDirty && !formState.isSubmitSuccessful)
  const submit = handleSubmit(async (values) => {
    try {
      await onSubmit(values as HandoverChoice)
    } catch (error) {
      showApiError(error, setError, order)
    }
  })
  return (
    <>
      <ErrorSummary errors={summaryOf(errors, order)} idPrefix={idPrefix} />
      <form onSubmit={submit} noValidate>
        <SelectField
          id={`${idPrefix}-clinicianId`}
          label="Hand over to"
          placeholder="Choose a clinician"
          options={(clinicians.data ?? []).filter((c) => !exclude.includes(c.id)).map((c) => ({ value: c.id, label: c.displayName }))}
          error={errors.clinicianId?.message}
          {...register('clinicianId')}
        />
        <TextArea
          id={`${idPrefix}-note`}
          label="Handover note"
          hint="What is going on, what comes next, and anything the new clinician should know. Up to 4,000 characters. It is kept with the case."
          rows={6}
          error={errors.note?.message}
          {...register('note')}
        />
        <div className="button-group">
          <button type="submit" className="button" disabled={formState.isSubmitting}>
            {submitLabel}
          </button>
          {onCancel ? (
            <button type="button" className="button button--secondary" onClick={onCancel}>
              Cancel
            </button>
          ) : null}
        </div>
      </form>
    </>
  )
}
