import { Controller } from 'react-hook-form'
import type { z } from 'zod'
import { todayInLondon } from '../../../../shared/calendar-date'
import { managementAdviceChannels, type ManagementAdviceReport } from '../../../../shared/contract/management-advice'
import { call } from '../../api'
import { useLeaveWarning } from '../../app/LeaveGuard'
import { DateField } from '../../components/DateField'
import { ErrorSummary } from '../../components/ErrorSummary'
import { TextArea } from '../../components/TextArea'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'

const formSchema = managementAdviceChannels['management-advice:recordShown'].input.omit({ reportId: true })
type Values = z.input<typeof formSchema>
const order = ['shownOn', 'comments']

/** Records that the person saw the report before release: when, and what they said (or "No comments"). */
export function RecordShownForm({ report, onDone }: { report: ManagementAdviceReport; onDone: (updated: ManagementAdviceReport) => void }) {
  const prefix = `advice-${report.id.slice(0, 8)}-shown`
  const { register, handleSubmit, setError, formState, control } = useHarbourForm<Values>(formSchema, {
    defaultValues: { shownOn: todayInLondon(new Date()), comments: '' }
  })
  useLeaveWarning('the person’s comments', formState.isDirty)
  const errors = formState.errors
  const submit = handleSubmit(async (values) => {
    try {
      onDone(await call('management-advice:recordShown', { ...values, reportId: report.id }))
    } catch (error) {
      showApiError(error, setError, order)
    }
  })
  return (
    <form onSubmit={submit} noValidate aria-label="Record that the person has seen it">
      <h4 className="heading-s">Record that the person has seen it</h4>
      <ErrorSummary errors={summaryOf(errors, order)} idPrefix={prefix} />
      <Controller
        control={control}
        name="shownOn"
        render={({ field }) => (
          <DateField
            id={`${prefix}-shownOn`}
            legend="Date shown to the person"
            hint="For example 3 12 2026"
            value={field.value ?? null}
            onChange={field.onChange}
            error={errors.shownOn?.message}
          />
        )}
      />
      <TextArea
        id={`${prefix}-comments`}
        label="The person’s comments"
        hint="What they said about the report. If they had nothing to add, write “No comments”. Their comments are not sent to the manager."
        rows={3}
        error={errors.comments?.message}
        {...register('comments')}
      />
      <button type="submit" className="button button--secondary" disabled={formState.isSubmitting}>
        Record as seen
      </button>
    </form>
  )
}
