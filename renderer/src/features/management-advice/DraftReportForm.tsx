import { useQueryClient } from '@tanstack/react-query'
import { Controller } from 'react-hook-form'
import type { z } from 'zod'
import { checkAdjustments, managementAdviceFields, type ManagementAdviceReport } from '../../../../shared/contract/management-advice'
import { fitnessLabels, fitnessOptions } from '../../../../shared/management-advice/fitness'
import { call } from '../../api'
import { useLeaveWarning } from '../../app/LeaveGuard'
import { DateField } from '../../components/DateField'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Field } from '../../components/Field'
import { TextArea } from '../../components/TextArea'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'
import { managementAdviceKey } from './keys'

const formSchema = managementAdviceFields.omit({ personId: true }).superRefine(checkAdjustments)
type Values = z.input<typeof formSchema>
const order = ['managerName', 'organisation', 'fitness', 'adjustments', 'expectedReturnOn', 'reviewOn', 'askedToSeeFirst']

/**
 * Drafts a management advice report, or changes a draft (`editing`): functional advice only.
 * There is no box for a diagnosis, scores or clinical detail, by design.
 */
export function DraftReportForm({
  personId,
  lineManager,
  editing,
  onDone,
  onCancel
}: {
  personId: string
  lineManager: string | null
  editing?: ManagementAdviceReport
  onDone: (made: ManagementAdviceReport) => void
  onCancel: () => void
}) {
  const queryClient = useQueryClient()
  const { register, handleSubmit, setError, formState, control } = useHarbourForm<Values>(formSchema, {
    defaultValues: editing
      ? {
          managerName: editing.managerName,
          organisation: editing.organisation ?? '',
          fitness: editing.fitness,
          adjustments: editing.adjustments ?? '',
          expectedReturnOn: editing.expectedReturnOn,
          reviewOn: editing.reviewOn,
          askedToSeeFirst: editing.askedToSeeFirst
        }
      : {
          managerName: lineManager ?? '',
          organisation: '',
          adjustments: '',
          expectedReturnOn: null,
          reviewOn: null,
          askedToSeeFirst: false
        }
  })
  useLeaveWarning('the management advice report', formState.isDirty)
  const errors = formState.errors
  const title = editing ? 'Change the draft report' : 'Draft a management advice report'
  // Field ids: the new-draft form and a draft being changed can be open on the page together.
  const ids = editing ? `advice-${editing.id.slice(0, 8)}` : 'advice'
  const headingId = `${ids}-heading`
  const submit = handleSubmit(async (values) => {
    try {
      const made = editing
        ? await call('management-advice:update', { ...values, reportId: editing.id })
        : await call('management-advice:draft', { ...values, personId })
      void queryClient.invalidateQueries({ queryKey: managementAdviceKey(personId) })
      onDone(made)
    } catch (error) {
      showApiError(error, setError, order)
    }
  })
  return (
    <section className="panel panel--inset" aria-labelledby={headingId}>
      <h3 className="heading-m" id={headingId}>
        {title}
      </h3>
      <p className="hint">
        Functional advice only: how the person’s health affects their work. Never a diagnosis, scores or clinical detail.
      </p>
      <ErrorSummary errors={summaryOf(errors, order)} idPrefix={ids} />
      <form onSubmit={submit} noValidate aria-label={title}>
        <Field id={`${ids}-managerName`} label="Manager’s name" error={errors.managerName?.message} {...register('managerName')} />
        <Field
          id={`${ids}-organisation`}
          label="Organisation (optional)"
          hint="The team or department the report goes to, if consent names it rather than the manager."
          error={errors.organisation?.message}
          {...register('organisation')}
        />
        <fieldset className={`fieldset form-group${errors.fitness ? ' form-group--error' : ''}`}>
          <legend className="fieldset__legend">Fitness for role</legend>
          {errors.fitness?.message ? <p className="error-message">{errors.fitness.message}</p> : null}
          <div className="radios">
            {fitnessOptions.map((value, index) => (
              <div className="radios__item" key={value}>
                <input
                  className="radios__input"
                  type="radio"
                  id={index === 0 ? `${ids}-fitness` : `${ids}-fitness-${value}`}
                  value={value}
                  {...register('fitness')}
                />
                <label className="radios__label" htmlFor={index === 0 ? `${ids}-fitness` : `${ids}-fitness-${value}`}>
                  {fitnessLabels[value]}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <TextArea
          id={`${ids}-adjustments`}
          label="Adjustments (optional)"
          hint="What would help them at work, for example a phased return or no night shifts."
          rows={3}
          error={errors.adjustments?.message}
          {...register('adjustments')}
        />
        <Controller
          control={control}
          name="expectedReturnOn"
          render={({ field }) => (
            <DateField
              id={`${ids}-expectedReturnOn`}
              legend="Expected return to work (optional)"
              hint="For example 14 12 2026"
              value={field.value ?? null}
              onChange={field.onChange}
              error={errors.expectedReturnOn?.message}
            />
          )}
        />
        <Controller
          control={control}
          name="reviewOn"
          render={({ field }) => (
            <DateField
              id={`${ids}-reviewOn`}
              legend="Review date (optional)"
              hint="For example 11 1 2027"
              value={field.value ?? null}
              onChange={field.onChange}
              error={errors.reviewOn?.message}
            />
          )}
        />
        <div className="checkboxes">
          <div className="checkboxes__item">
            <input className="checkboxes__input" type="checkbox" id={`${ids}-askedToSeeFirst`} {...register('askedToSeeFirst')} />
            <label className="checkboxes__label" htmlFor={`${ids}-askedToSeeFirst`}>
              The person asked to see the report before it is released
            </label>
          </div>
        </div>
        <div className="button-group">
          <button type="submit" className="button" disabled={formState.isSubmitting}>
            {editing ? 'Save the changes' : 'Save draft'}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  )
}
