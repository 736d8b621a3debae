import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { z } from 'zod'
import type { TrimSettings } from '../../../../shared/trim/timing'
import { call } from '../../api'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Field } from '../../components/Field'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'
import { trimSettingsKey } from './keys'

const whole = (label: string) => z.string().trim().regex(/^\d+$/, `Enter the ${label} as a whole number`)
// Typed as text; the core checks the ranges and says so at the field.
const formSchema = z.object({
  initialAssessmentDays: whole('days to the initial assessment'),
  followUpDays: whole('days to the follow-up'),
  referralThreshold: whole('referral threshold')
})
type FormValues = z.input<typeof formSchema>
const order = ['initialAssessmentDays', 'followUpDays', 'referralThreshold']

/** Administrators: when TRiM assessments fall due after an incident, and the score that prompts a referral. */
export function TrimSettingsForm() {
  const queryClient = useQueryClient()
  const current = useQuery({ queryKey: trimSettingsKey, queryFn: () => call('trim:settings', {}) })
  const [saved, setSaved] = useState<string | null>(null)
  if (!current.data) return null
  const onSaved = (settings: TrimSettings) => {
    queryClient.setQueryData(trimSettingsKey, settings)
    setSaved('TRiM settings saved. New TRiM plans use them; plans already made keep their dates.')
  }
  return (
    <section className="panel" aria-labelledby="trim-settings-heading">
      <h2 className="heading-m" id="trim-settings-heading">
        TRiM
      </h2>
      <SettingsForm key={JSON.stringify(current.data)} settings={current.data} onSaved={onSaved} />
      <p className="hint" role="status">
        {saved}
      </p>
    </section>
  )
}

function SettingsForm({ settings, onSaved }: { settings: TrimSettings; onSaved: (settings: TrimSettings) => void }) {
  const [pending, setPending] = useState(false)
  const { register, handleSubmit, setError, formState } = useHarbourForm<FormValues>(formSchema, {
    defaultValues: {
      initialAssessmentDays: String(settings.initialAssessmentDays),
      followUpDays: String(settings.followUpDays),
      referralThreshold: String(settings.referralThreshold)
    }
  })
  const submit = handleSubmit(async (values) => {
    setPending(true)
    try {
      onSaved(
        await call('trim:setSettings', {
          initialAssessmentDays: Number(values.initialAssessmentDays),
          followUpDays: Number(values.followUpDays),
          referralThreshold: Number(values.referralThreshold)
        })
      )
    } catch (error) {
      showApiError(error, setError, order)
    } finally {
      setPending(false)
    }
  })
  return (
    <>
      <ErrorSummary errors={summaryOf(formState.errors, order)} idPrefix="trim-settings" />
      <form onSubmit={submit} noValidate>
        <Field
          id="trim-settings-initialAssessmentDays"
          label="Days after the incident that the initial assessment is due"
          hint="Commonly about 72 hours: 3 days until changed. From 1 to 14."
          width="narrow"
          inputMode="numeric"
          error={formState.errors.initialAssessmentDays?.message}
          {...register('initialAssessmentDays')}
        />
        <Field
          id="trim-settings-followUpDays"
          label="Days after the incident that the follow-up is due"
          hint="Commonly about a month: 28 days until changed. From 7 to 90, and after the initial assessment."
          width="narrow"
          inputMode="numeric"
          error={formState.errors.followUpDays?.message}
          {...register('followUpDays')}
        />
        <Field
          id="trim-settings-referralThreshold"
          label="Risk factors present that prompt a referral"
          hint="An assessment with this many risk factors present or more prompts a referral (3 until changed), as does persistent difficulty at follow-up. From 1 to 20."
          width="narrow"
          inputMode="numeric"
          error={formState.errors.referralThreshold?.message}
          {...register('referralThreshold')}
        />
        <button type="submit" className="button" disabled={pending}>
          Save
        </button>
      </form>
    </>
  )
}
