import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { z } from 'zod'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import { referralsChannels, type Referral } from '../../../../shared/contract/referrals'
import { suggestedCaseId } from '../../../../shared/referrals/suggested-case'
import { call } from '../../api'
import { useLeaveWarning } from '../../app/LeaveGuard'
import { ErrorSummary } from '../../components/ErrorSummary'
import { SelectField } from '../../components/SelectField'
import { TextArea } from '../../components/TextArea'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'
import { caseReasonNames } from '../cases'
import { referralsKey } from './keys'
import { urgencyNames } from './labels'

// The person is fixed by the page, so it is added on submit rather than held as a field.
const formSchema = referralsChannels['referrals:create'].input.omit({ personId: true })
type Values = z.input<typeof formSchema>
const order = ['destinationId', 'reason', 'urgency', 'caseId']

/** Makes a referral (drafted: it is sent once the person's consent to share is on it). */
export function MakeReferralForm({
  personId,
  onDone,
  onCancel
}: {
  personId: string
  onDone: (made: Referral) => void
  onCancel: () => void
}) {
  const queryClient = useQueryClient()
  const destinations = useQuery({ queryKey: ['referral-destinations'], queryFn: () => call('referrals:destinations', {}) })
  const cases = useQuery({ queryKey: ['cases', personId], queryFn: () => call('cases:forPerson', { personId }) })
  const openCases = (cases.data ?? []).filter((record) => record.status !== 'closed')
  const { register, handleSubmit, setError, formState, resetField, getFieldState } = useHarbourForm<Values>(formSchema, {
    defaultValues: { destinationId: '', reason: '', urgency: 'routine', caseId: null }
  })
  const suggested = cases.data ? suggestedCaseId(cases.data) : null
  // Once the cases are known, the only open case is chosen, unless the clinician has chosen already.
  useEffect(() => {
    if (suggested && !getFieldState('caseId').isDirty) resetField('caseId', { defaultValue: suggested })
  }, [suggested, getFieldState, resetField])
  useLeaveWarning('the new referral', formState.isDirty)
  const errors = formState.errors
  const submit = handleSubmit(async (values) => {
    try {
      const made = await call('referrals:create', { ...values, personId })
      void queryClient.invalidateQueries({ queryKey: referralsKey(personId) })
      // A referral answers a TRiM assessment's suggestion of one: its task closes and the TRiM section says so.
      void queryClient.invalidateQueries({ queryKey: ['trim'] })
      void queryClient.invalidateQueries({ queryKey: ['tasks'] })
      onDone(made)
    } catch (error) {
      showApiError(error, setError, order)
    }
  })
  return (
    <section className="panel panel--inset" aria-labelledby="make-referral-heading">
      <h3 className="heading-m" id="make-referral-heading">
        Make a referral
      </h3>
      <ErrorSummary errors={summaryOf(errors, order)} idPrefix="referral" />
      <form onSubmit={submit} noValidate>
        <SelectField
          id="referral-destinationId"
          label="Where the referral goes"
          placeholder={destinations.isPending ? 'Loading…' : 'Choose where it goes'}
          options={(destinations.data ?? []).filter((d) => !d.retired).map((d) => ({ value: d.id, label: d.name }))}
          error={errors.destinationId?.message}
          {...register('destinationId')}
        />
        <TextArea
          id="referral-reason"
          label="Reason"
          hint="Why the person is being referred and what is asked of the service."
          error={errors.reason?.message}
          {...register('reason')}
        />
        <fieldset className={`fieldset form-group${errors.urgency ? ' form-group--error' : ''}`}>
          <legend className="fieldset__legend">Urgency</legend>
          {errors.urgency?.message ? <p className="error-message">{errors.urgency.message}</p> : null}
          <div className="radios">
            {(['routine', 'urgent'] as const).map((urgency, index) => (
              <div className="radios__item" key={urgency}>
                <input
                  className="radios__input"
                  type="radio"
                  id={index === 0 ? 'referral-urgency' : `referral-urgency-${urgency}`}
                  value={urgency}
                  {...register('urgency')}
                />
                <label className="radios__label" htmlFor={index === 0 ? 'referral-urgency' : `referral-urgency-${urgency}`}>
                  {urgencyNames[urgency]}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <SelectField
          id="referral-caseId"
          label="Case (optional)"
          hint={
            openCases.length === 0
              ? 'There is no open case for this person.'
              : suggested
                ? 'Their only open case is chosen. Choose “Not linked to a case” if the referral is not part of it.'
                : undefined
          }
          placeholder="Not linked to a case"
          options={openCases.map((record) => ({
            value: record.id,
            label: `${caseReasonNames[record.reason]}, opened ${formatCalendarDate(record.openedOn)}`
          }))}
          error={errors.caseId?.message}
          {...register('caseId', { setValueAs: (value: string | null) => (value ? value : null) })}
        />
        <div className="button-group">
          <button type="submit" className="button" disabled={formState.isSubmitting}>
            Save referral
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  )
}
