import { useQueryClient, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { z } from 'zod'
import { call } from '../../api'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Field } from '../../components/Field'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'

const recallKey = ['roles', 'traumatic-content-recall'] as const

// Typed as text; the core checks the range (1 to 60 months) and says so at the field.
const formSchema = z.object({
  traumaticContentRecallMonths: z.string().trim().regex(/^\d+$/, 'Enter the recall interval as a whole number of months')
})
type FormValues = z.input<typeof formSchema>

/**
 * Administrators: how often people in a role exposed to traumatic content are recalled when the
 * role has no interval of its own. National guidance names none, so the force decides.
 */
export function TraumaticContentRecallForm({ onSaved }: { onSaved: (message: string) => void }) {
  const queryClient = useQueryClient()
  const current = useQuery({ queryKey: recallKey, queryFn: () => call('roles:traumaticContentRecall', {}) })
  if (!current.data) return null
  const saved = (months: number) => {
    queryClient.setQueryData(recallKey, { traumaticContentRecallMonths: months })
    void queryClient.invalidateQueries({ queryKey: ['roles'] })
    void queryClient.invalidateQueries({ queryKey: ['due'] })
    onSaved(`Roles exposed to traumatic content without an interval of their own are now recalled every ${months} months.`)
  }
  return <RecallForm months={current.data.traumaticContentRecallMonths} onSaved={saved} />
}

function RecallForm({ months, onSaved }: { months: number; onSaved: (months: number) => void }) {
  const [pending, setPending] = useState(false)
  const { register, handleSubmit, setError, formState } = useHarbourForm<FormValues>(formSchema, {
    defaultValues: { traumaticContentRecallMonths: String(months) }
  })
  const submit = handleSubmit(async (values) => {
    setPending(true)
    try {
      const saved = await call('roles:setTraumaticContentRecall', {
        traumaticContentRecallMonths: Number(values.traumaticContentRecallMonths)
      })
      onSaved(saved.traumaticContentRecallMonths)
    } catch (error) {
      showApiError(error, setError, ['traumaticContentRecallMonths'])
    } finally {
      setPending(false)
    }
  })
  return (
    <section className="panel panel--inset" aria-labelledby="traumatic-recall-heading">
      <h2 className="heading-m" id="traumatic-recall-heading">
        Roles exposed to traumatic content
      </h2>
      <p>
        People in a role marked as exposed to traumatic content are always recalled for screening. A role’s own interval comes first; this
        one is used when it has none.
      </p>
      <ErrorSummary errors={summaryOf(formState.errors, ['traumaticContentRecallMonths'])} idPrefix="recall" />
      <form onSubmit={submit} noValidate>
        <Field
          id="recall-traumaticContentRecallMonths"
          label="Recall interval for roles exposed to traumatic content, in months"
          hint="Set by your force: national guidance names no interval for these roles (unconfirmed). 12 months, the annual surveillance interval, until changed. From 1 to 60."
          width="narrow"
          inputMode="numeric"
          error={formState.errors.traumaticContentRecallMonths?.message}
          {...register('traumaticContentRecallMonths')}
        />
        <button type="submit" className="button" disabled={pending}>
          Save recall interval
        </button>
      </form>
    </section>
  )
}
