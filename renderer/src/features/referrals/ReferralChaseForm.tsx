import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { z } from 'zod'
import { call } from '../../api'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Field } from '../../components/Field'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'

const chaseKey = ['referrals', 'chase-setting'] as const

// Typed as text; the core checks the range (1 to 90 days) and says so at the field.
const formSchema = z.object({
  referralChaseDays: z.string().trim().regex(/^\d+$/, 'Enter the days before a referral is chased as a whole number')
})
type FormValues = z.input<typeof formSchema>

/**
 * Administrators: how many days a sent referral may go without an update before the holder of
 * its case (or whoever made it) is given a task to chase it.
 */
export function ReferralChaseForm() {
  const queryClient = useQueryClient()
  const current = useQuery({ queryKey: chaseKey, queryFn: () => call('referrals:chaseSetting', {}) })
  const [saved, setSaved] = useState<string | null>(null)
  if (!current.data) return null
  const onSaved = (days: number) => {
    queryClient.setQueryData(chaseKey, { referralChaseDays: days })
    setSaved(`Referrals are now chased after ${days} ${days === 1 ? 'day' : 'days'} without an update.`)
  }
  return (
    <section className="panel" aria-labelledby="referral-chase-heading">
      <h2 className="heading-m" id="referral-chase-heading">
        Referrals
      </h2>
      <ChaseForm key={current.data.referralChaseDays} days={current.data.referralChaseDays} onSaved={onSaved} />
      <p className="hint" role="status">
        {saved}
      </p>
    </section>
  )
}

function ChaseForm({ days, onSaved }: { days: number; onSaved: (days: number) => void }) {
  const [pending, setPending] = useState(false)
  const { register, handleSubmit, setError, formState } = useHarbourForm<FormValues>(formSchema, {
    defaultValues: { referralChaseDays: String(days) }
  })
  const submit = handleSubmit(async (values) => {
    setPending(true)
    try {
      const saved = await call('referrals:setChaseSetting', { referralChaseDays: Number(values.referralChaseDays) })
      onSaved(saved.referralChaseDays)
    } catch (error) {
      showApiError(error, setError, ['referralChaseDays'])
    } finally {
      setPending(false)
    }
  })
  return (
    <>
      <ErrorSummary errors={summaryOf(formState.errors, ['referralChaseDays'])} idPrefix="chase" />
      <form onSubmit={submit} noValidate>
        <Field
          id="chase-referralChaseDays"
          label="Chase a referral after this many days without an update"
          hint="A sent referral with no new step for this long gives the holder of its case (or whoever made it) a task to chase it. From 1 to 90 days; 14 until changed."
          width="narrow"
          inputMode="numeric"
          error={formState.errors.referralChaseDays?.message}
          {...register('referralChaseDays')}
        />
        <button type="submit" className="button" disabled={pending}>
          Save
        </button>
      </form>
    </>
  )
}
