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
 * Drafts a management advice report: functional advice only. There is no box for a diagnosis,
 * scores or clinical detail, by design.
 */
export function DraftReportForm({
  personId,
  lineManager,
  onDone,
  onCancel
}: {
  personId: string
  lineManager: string | null
  onDone: (made: ManagementAdviceReport) => void
  onCancel: () => void
}) {
  const queryClient = useQueryClient()
  const { register, handleSubmit, setError, formState, control } = useHarbourForm<Values>(formSchema, {
    defaultValues: {
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
  const submit = handleSubmit(async (values) => {
    try {
      const made = await call('management-advice:draft', { ...values, personId })
      void queryClient.invalidateQueries({ queryKey: managementAdviceKey(personId) })
      onDone(made)
    } catch (error) {
      showApiError(error, setError, order)
    }
  })
  return (
    <section className="panel panel--inset" aria-labelledby="draft-advice-heading">
      <h3 className="heading-m" id="draft-advice-heading">
        Draft a management advice report
      </h3>
      <p className="hint">
        Functional advice only: how the person’s health affects their work. Never a diagnosis, scores or clinical detail.
      </p>
      <ErrorSummary errors={summaryOf(errors, order)} idPrefix="advice" />
      <form onSubmit={submit} noValidate aria-label="Draft a management advice report">
        <Field id="advice-managerName" label="Manager’s name" error={errors.managerName?.message} {...register('managerName')} />
        <Field
          id="advice-organisation"
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
                  id={index === 0 ? 'advice-fitness' : `advice-fitness-${value}`}
                  value={value}
                  {...register('fitness')}
                />
                <label className="radios__label" htmlFor={index === 0 ? 'advice-fitness' : `advice-fitness-${value}`}>
                  {fitnessLabels[value]}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <TextArea
          id="advice-adjustments"
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
              id="advice-expectedReturnOn"
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
              id="advice-reviewOn"
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
            <input className="checkboxes__input" type="checkbox" id="advice-askedToSeeFirst" {...register('askedToSeeFirst')} />
            <label className="checkboxes__label" htmlFor="advice-askedToSeeFirst">
              The person asked to see the report before it is released
            </label>
          </div>
        </div>
        <div className="button-group">
          <button type="submit" className="button" disabled={formState.isSubmitting}>
            Save draft
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  )
}
