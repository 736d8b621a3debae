import { useQuery } from '@tanstack/react-query'
import type { z } from 'zod'
import { handoverChoice } from '../../../../shared/contract/cases'
import { call } from '../../api'
import { useLeaveWarning } from '../../app/LeaveGuard'
import { ErrorSummary } from '../../components/ErrorSummary'
import { SelectField } from '../../components/SelectField'
import { TextArea } from '../../components/TextArea'
import { useFormDraft } from '../../components/useFormDraft'
import type { FormDraft } from '../../components/useDraft'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'

export type HandoverChoice = z.output<typeof handoverChoice>
type Values = z.input<typeof handoverChoice>
const order = ['clinicianId', 'note']

interface ChoiceProps {
  idPrefix: string
  /** Who cannot take it on (the clinician who holds it now). */
  exclude: string[]
  submitLabel: string
  onSubmit: (choice: HandoverChoice) => Promise<void>
  onCancel?: () => void
}

const useChoiceForm = () => useHarbourForm<Values>(handoverChoice, { defaultValues: { clinicianId: '', note: '' } })

/**
 * Who takes the work on, and the handover note: the part every handover shares. Errors show
 * at the top and at each field, from the same schema the core checks. Leaving with a choice or
 * a note typed asks first.
 */
export function HandoverChoiceForm({
  leaveLabel,
  ...props
}: ChoiceProps & { /** As the leave warning names it: "the handover". */ leaveLabel: string }) {
  const methods = useChoiceForm()
  // Once handed over the form goes away; until then, leaving with changes asks first.
  useLeaveWarning(leaveLabel, methods.formState.isDirty && !methods.formState.isSubmitSuccessful)
  return <ChoiceFields {...props} methods={methods} draft={null} />
}

/** As HandoverChoiceForm, keeping what is typed as a draft against the case (which also warns on leaving). */
export function CaseHandoverChoiceForm({ caseId, ...props }: ChoiceProps & { caseId: string }) {
  const methods = useChoiceForm()
  const draft = useFormDraft({ form: 'case-handover', subjectId: caseId, label: 'the handover' }, methods)
  return <ChoiceFields {...props} methods={methods} draft={draft} />
}

function ChoiceFields({
  idPrefix,
  exclude,
  submitLabel,
  onSubmit,
  onCancel,
  methods,
  draft
}: ChoiceProps & { methods: ReturnType<typeof useChoiceForm>; draft: FormDraft | null }) {
  const clinicians = useQuery({ queryKey: ['clinicians'], queryFn: () => call('caseload:clinicians', {}) })
  const { register, handleSubmit, setError, formState } = methods
  const errors = formState.errors
  const submit = handleSubmit(async (values) => {
    try {
      const save = () => onSubmit(values as HandoverChoice)
      await (draft ? draft.whileSaving(save) : save())
    } catch (error) {
      showApiError(error, setError, order)
    }
  })
  return (
    <>
      {draft?.notice}
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
