import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Controller } from 'react-hook-form'
import type { z } from 'zod'
import { todayInLondon } from '../../../../shared/calendar-date'
import { consentPurposeLabels, consentPurposes } from '../../../../shared/consent/purposes'
import { checkConsentRecipient, consentFields, type ConsentRecord } from '../../../../shared/contract/consent'
import { call } from '../../api'
import { useLeaveWarning } from '../../app/LeaveGuard'
import { DateField } from '../../components/DateField'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Field } from '../../components/Field'
import { SelectField } from '../../components/SelectField'
import { TextArea } from '../../components/TextArea'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'
import { consentKey } from './keys'

// The person is fixed by the page, so it is added on submit rather than held as a field.
const formSchema = consentFields.omit({ personId: true }).superRefine(checkConsentRecipient)
type Values = z.input<typeof formSchema>
const order = ['purpose', 'destinationId', 'recipient', 'scope', 'givenOn']

const recipientLabel = {
  'management-advice': { label: 'Manager or organisation', hint: 'Who the management advice report may go to, as named on the report.' },
  other: { label: 'Who it may be shared with', hint: 'For example Professional Standards, or the force’s HR team.' }
}

/** Records a person's consent to share: for what, with whom, what may be shared, and when they agreed. */
export function RecordConsentForm({
  personId,
  onDone,
  onCancel
}: {
  personId: string
  onDone: (recorded: ConsentRecord) => void
  onCancel: () => void
}) {
  const queryClient = useQueryClient()
  const destinations = useQuery({ queryKey: ['referral-destinations'], queryFn: () => call('referrals:destinations', {}) })
  const { register, handleSubmit, setError, formState, control, watch } = useHarbourForm<Values>(formSchema, {
    defaultValues: { purpose: 'referral', destinationId: '', recipient: '', scope: '', givenOn: todayInLondon(new Date()) }
  })
  useLeaveWarning('the consent', formState.isDirty)
  const errors = formState.errors
  const purpose = watch('purpose')
  const submit = handleSubmit(async (values) => {
    try {
      const recorded = await call('consent:record', { ...values, personId })
      void queryClient.invalidateQueries({ queryKey: consentKey(personId) })
      // A referral's consent shows on the referral too.
      void queryClient.invalidateQueries({ queryKey: ['referrals', personId] })
      void queryClient.invalidateQueries({ queryKey: ['management-advice', personId] })
      onDone(recorded)
    } catch (error) {
      showApiError(error, setError, order)
    }
  })
  return (
    <section className="panel panel--inset" aria-labelledby="record-consent-heading">
      <h3 className="heading-m" id="record-consent-heading">
        Record consent
      </h3>
      <ErrorSummary errors={summaryOf(errors, order)} idPrefix="consent" />
      <form onSubmit={submit} noValidate aria-label="Record consent">
        <fieldset className={`fieldset form-group${errors.purpose ? ' form-group--error' : ''}`}>
          <legend className="fieldset__legend">What the consent is for</legend>
          {errors.purpose?.message ? <p className="error-message">{errors.purpose.message}</p> : null}
          <div className="radios">
            {consentPurposes.map((value, index) => (
              <div className="radios__item" key={value}>
                <input
                  className="radios__input"
                  type="radio"
                  id={index === 0 ? 'consent-purpose' : `consent-purpose-${value}`}
                  value={value}
                  {...register('purpose')}
                />
                <label className="radios__label" htmlFor={index === 0 ? 'consent-purpose' : `consent-purpose-${value}`}>
                  {consentPurposeLabels[value]}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        {purpose === 'referral' ? (
          <SelectField
            id="consent-destinationId"
            label="Where the referral goes"
            placeholder={destinations.isPending ? 'Loading…' : 'Choose where it goes'}
            options={(destinations.data ?? []).filter((d) => !d.retired).map((d) => ({ value: d.id, label: d.name }))}
            error={errors.destinationId?.message}
            {...register('destinationId', { setValueAs: (value: string | null) => (value ? value : null) })}
          />
        ) : (
          <Field
            id="consent-recipient"
            label={recipientLabel[purpose].label}
            hint={recipientLabel[purpose].hint}
            error={errors.recipient?.message}
            {...register('recipient')}
          />
        )}
        <TextArea
          id="consent-scope"
          label="What may be shared"
          hint="What the person agreed may be shared."
          rows={3}
          error={errors.scope?.message}
          {...register('scope')}
        />
        <Controller
          control={control}
          name="givenOn"
          render={({ field }) => (
            <DateField
              id="consent-givenOn"
              legend="Date consent was given"
              hint="For example 3 12 2026"
              value={field.value ?? null}
              onChange={field.onChange}
              error={errors.givenOn?.message}
            />
          )}
        />
        <div className="button-group">
          <button type="submit" className="button" disabled={formState.isSubmitting}>
            Record consent
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  )
}
