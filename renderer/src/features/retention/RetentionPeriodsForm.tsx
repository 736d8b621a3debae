import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { z } from 'zod'
import { call } from '../../api'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Field } from '../../components/Field'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'
import type { RetentionPeriods } from '../../../../shared/retention/due'

// Typed as text; the core checks the range (whole years from 1 to 100) and says so at the field.
const formSchema = z.object({
  leaverYears: z.string().trim().regex(/^\d+$/, "Enter the years a leaver's record is kept as a whole number"),
  surveillanceYears: z.string().trim().regex(/^\d+$/, 'Enter the years health surveillance records are kept as a whole number'),
  screeningsAreHealthSurveillance: z.boolean()
})
type FormValues = z.input<typeof formSchema>

const fields = ['leaverYears', 'surveillanceYears', 'screeningsAreHealthSurveillance'] as const

/** Administrators: how long records are kept (docs/retention.md). */
export function RetentionPeriodsForm({ periods }: { periods: RetentionPeriods }) {
  const queryClient = useQueryClient()
  const [pending, setPending] = useState(false)
  const [saved, setSaved] = useState(false)
  const { register, handleSubmit, setError, formState } = useHarbourForm<FormValues>(formSchema, {
    defaultValues: {
      leaverYears: String(periods.leaverYears),
      surveillanceYears: String(periods.surveillanceYears),
      screeningsAreHealthSurveillance: periods.screeningsAreHealthSurveillance
    }
  })
  const submit = handleSubmit(async (values) => {
    setPending(true)
    setSaved(false)
    try {
      await call('retention:setSettings', {
        leaverYears: Number(values.leaverYears),
        surveillanceYears: Number(values.surveillanceYears),
        screeningsAreHealthSurveillance: values.screeningsAreHealthSurveillance
      })
      setSaved(true)
      void queryClient.invalidateQueries({ queryKey: ['retention'] })
    } catch (error) {
      showApiError(error, setError, [...fields])
    } finally {
      setPending(false)
    }
  })
  return (
    <section className="panel panel--inset" aria-labelledby="retention-periods-heading">
      <h2 className="heading-m" id="retention-periods-heading">
        Retention periods
      </h2>
      <ErrorSummary errors={summaryOf(formState.errors, [...fields])} idPrefix="retention" />
      <form onSubmit={submit} noValidate>
        <Field
          id="retention-leaverYears"
          label="Years a leaver's record is kept"
          hint="Counted from the leaving date, or the last entry about them if later. 6 years until changed. From 1 to 100."
          width="narrow"
          inputMode="numeric"
          error={formState.errors.leaverYears?.message}
          {...register('leaverYears')}
        />
        <Field
          id="retention-surveillanceYears"
          label="Years health surveillance records are kept"
          hint="Counted from the last one. 40 years until changed. From 1 to 100."
          width="narrow"
          inputMode="numeric"
          error={formState.errors.surveillanceYears?.message}
          {...register('surveillanceYears')}
        />
        <div className="checkboxes__item">
          <input
            className="checkboxes__input"
            type="checkbox"
            id="retention-screeningsAreHealthSurveillance"
            {...register('screeningsAreHealthSurveillance')}
          />
          <label className="checkboxes__label" htmlFor="retention-screeningsAreHealthSurveillance">
            Screenings are health surveillance records (they are psychological health surveillance; this keeps them longer)
          </label>
        </div>
        <button type="submit" className="button" disabled={pending}>
          Save retention periods
        </button>
        {saved ? (
          <p role="status" className="hint">
            Retention periods saved.
          </p>
        ) : null}
      </form>
    </section>
  )
}
