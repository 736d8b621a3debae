import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Controller } from 'react-hook-form'
import type { z } from 'zod'
import { formatCalendarDate, todayInLondon } from '../../../../shared/calendar-date'
import { referralsChannels, type Referral } from '../../../../shared/contract/referrals'
import { call } from '../../api'
import { useLeaveWarning } from '../../app/LeaveGuard'
import { DateField } from '../../components/DateField'
import { ErrorSummary } from '../../components/ErrorSummary'
import { SavedMessage } from '../../components/SavedMessage'
import { SelectField } from '../../components/SelectField'
import { SummaryList } from '../../components/SummaryList'
import { Tag } from '../../components/Tag'
import { TextArea } from '../../components/TextArea'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'
import { consentKey } from '../consent'
import { referralsKey } from './keys'
import { ReferralLetter } from './ReferralLetter'
import { breachWords, statusColour, statusLabel, urgencyNames, waitWords } from './labels'

const consentSchema = referralsChannels['referrals:recordConsent'].input.omit({ referralId: true })
type ConsentValues = z.input<typeof consentSchema>
const consentOrder = ['scope', 'givenOn']

const stepSchema = referralsChannels['referrals:recordStep'].input.omit({ referralId: true })
type StepValues = z.input<typeof stepSchema>
const stepOrder = ['status', 'happenedOn']

function useRefresh(personId: string) {
  const queryClient = useQueryClient()
  return (updated: Referral) => {
    // Consent recorded here is a consent record: the person page's Consent section shows it too.
    void queryClient.invalidateQueries({ queryKey: consentKey(personId) })
    queryClient.setQueryData<Referral[]>(referralsKey(personId), (list) => list?.map((r) => (r.id === updated.id ? updated : r)))
    void queryClient.invalidateQueries({ queryKey: referralsKey(personId) })
  }
}

function ConsentForm({ referral, prefix, onSaved }: { referral: Referral; prefix: string; onSaved: (updated: Referral) => void }) {
  const { register, handleSubmit, setError, formState, control } = useHarbourForm<ConsentValues>(consentSchema, {
    defaultValues: { scope: '', givenOn: todayInLondon(new Date()) }
  })
  useLeaveWarning('the consent to share', formState.isDirty)
  const errors = formState.errors
  const submit = handleSubmit(async (values) => {
    try {
      onSaved(await call('referrals:recordConsent', { ...values, referralId: referral.id }))
    } catch (error) {
      showApiError(error, setError, consentOrder)
    }
  })
  return (
    <form onSubmit={submit} noValidate aria-label="Record consent to share">
      <h4 className="heading-s">Record consent to share with {referral.destinationName}</h4>
      <ErrorSummary errors={summaryOf(errors, consentOrder)} idPrefix={`${prefix}-consent`} />
      <TextArea
        id={`${prefix}-consent-scope`}
        label="What may be shared"
        hint={`What the person agreed may be shared with ${referral.destinationName}. It is kept as a consent record on the person.`}
        rows={3}
        error={errors.scope?.message}
        {...register('scope')}
      />
      <Controller
        control={control}
        name="givenOn"
        render={({ field }) => (
          <DateField
            id={`${prefix}-consent-givenOn`}
            legend="Date consent was given"
            hint="For example 3 12 2026"
            value={field.value ?? null}
            onChange={field.onChange}
            error={errors.givenOn?.message}
          />
        )}
      />
      <button type="submit" className="button button--secondary" disabled={formState.isSubmitting}>
        Record consent
      </button>
    </form>
  )
}

function StepForm({ referral, prefix, onSaved }: { referral: Referral; prefix: string; onSaved: (updated: Referral) => void }) {
  const { register, handleSubmit, setError, formState, control } = useHarbourForm<StepValues>(stepSchema, {
    defaultValues: { happenedOn: todayInLondon(new Date()) }
  })
  useLeaveWarning('what happened to the referral', formState.isDirty)
  const errors = formState.errors
  const submit = handleSubmit(async (values) => {
    try {
      onSaved(await call('referrals:recordStep', { ...values, referralId: referral.id }))
    } catch (error) {
      showApiError(error, setError, stepOrder)
    }
  })
  return (
    <form onSubmit={submit} noValidate aria-label="Record what happened">
      <h4 className="heading-s">Record what happened</h4>
      <ErrorSummary errors={summaryOf(errors, stepOrder)} idPrefix={`${prefix}-step`} />
      <SelectField
        id={`${prefix}-step-status`}
        label="What happened"
        placeholder="Choose what happened"
        options={referral.nextStatuses.map((status) => ({ value: status, label: statusLabel(status) }))}
        error={errors.status?.message}
        {...register('status')}
      />
      <Controller
        control={control}
        name="happenedOn"
        render={({ field }) => (
          <DateField
            id={`${prefix}-step-happenedOn`}
            legend="Date it happened"
            hint="For example 3 12 2026"
            value={field.value ?? null}
            onChange={field.onChange}
            error={errors.happenedOn?.message}
          />
        )}
      />
      <button type="submit" className="button button--secondary" disabled={formState.isSubmitting}>
        Record
      </button>
    </form>
  )
}

const scoreWords = (sitting: { date: string; total: number } | null) =>
  sitting ? `${sitting.total} (${formatCalendarDate(sitting.date)})` : 'No score'

/** A completed referral's outcome as the core paired and classified it: the scores, and the result in words. */
function OutcomeSection({ outcome, prefix }: { outcome: NonNullable<Referral['outcome']>; prefix: string }) {
  return (
    <section aria-labelledby={`${prefix}-outcome`}>
      <h4 className="heading-s" id={`${prefix}-outcome`}>
        Outcome
      </h4>
      <p>
        <strong>{outcome.summary}</strong>
      </p>
      {outcome.scores.length > 0 ? (
        <table className="table">
          <caption className="visually-hidden">Scores before and after</caption>
          <thead>
            <tr>
              <th scope="col">Questionnaire</th>
              <th scope="col">At referral</th>
              <th scope="col">At the end</th>
            </tr>
          </thead>
          <tbody>
            {outcome.scores.map((row) => (
              <tr key={row.measure}>
                <th scope="row">{row.name}</th>
                <td>{scoreWords(row.pre)}</td>
                <td>{scoreWords(row.post)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="hint">
        Scores from the person’s screenings nearest the referral and its completion; classified by the NHS Talking Therapies rules.
      </p>
    </section>
  )
}

/** One referral: where it went, its status and wait as the core worked them out, its history, and what can be recorded next. */
export function ReferralCard({ referral }: { referral: Referral }) {
  const refresh = useRefresh(referral.personId)
  const [saved, setSaved] = useState<{ title: string; text: string; count: number } | null>(null)
  // Bumped after each save, so the forms start again from their defaults.
  const [round, setRound] = useState(0)
  const [letterOpen, setLetterOpen] = useState(false)
  const prefix = `referral-${referral.id.slice(0, 8)}`
  const headingId = `${prefix}-heading`
  const wait = waitWords(referral)
  const ended = referral.nextStatuses.length === 0
  const done = (title: string, text: string) => (updated: Referral) => {
    refresh(updated)
    setSaved({ title, text, count: (saved?.count ?? 0) + 1 })
    setRound(round + 1)
  }
  return (
    <article className="case" aria-labelledby={headingId}>
      <header className="case__header">
        <h3 className="heading-m case__title" id={headingId}>
          {referral.destinationName}
        </h3>
        <Tag colour={statusColour(referral)}>{statusLabel(referral.status)}</Tag>
        <Tag colour={referral.urgency === 'urgent' ? 'red' : 'grey'}>{urgencyNames[referral.urgency]}</Tag>
        <span className="case__meta">
          {referral.referredOn ? `Sent ${formatCalendarDate(referral.referredOn)}` : 'Not sent yet'}
          {wait ? ` · ${wait}` : ''}
        </span>
      </header>
      <div className="case__body">
        {referral.wait?.breached ? (
          <p className="warning-text">
            <span className="visually-hidden">Warning: </span>
            {breachWords[referral.wait.breached]}: {referral.wait.daysWaiting} days since it was sent, and treatment has not started.
          </p>
        ) : null}
        {saved ? (
          <SavedMessage title={saved.title} savedKey={String(saved.count)} level={4}>
            <p>{saved.text}</p>
          </SavedMessage>
        ) : null}
        <SummaryList
          rows={[
            { key: 'Reason', value: referral.reason },
            { key: 'Urgency', value: urgencyNames[referral.urgency] },
            { key: 'Date sent', value: referral.referredOn ? formatCalendarDate(referral.referredOn) : 'Not sent yet' },
            { key: 'Wait', value: wait ?? 'Not counting until it is sent' },
            {
              key: 'Consent to share',
              value: referral.consent
                ? `Given ${formatCalendarDate(referral.consent.givenOn)}: ${referral.consent.scope}${
                    referral.consent.withdrawnOn ? `. Withdrawn ${formatCalendarDate(referral.consent.withdrawnOn)}` : ''
                  }`
                : 'Not recorded yet'
            },
            { key: 'Made by', value: referral.createdByName }
          ]}
        />
        {referral.consent?.withdrawnOn ? (
          <p className="warning-text">
            <span className="visually-hidden">Warning: </span>
            The person withdrew their consent to share with {referral.destinationName} on {formatCalendarDate(referral.consent.withdrawnOn)}
            , after the referral was sent. Nothing more should be shared with them.
          </p>
        ) : null}
        {referral.outcome ? <OutcomeSection outcome={referral.outcome} prefix={prefix} /> : null}
        <table className="table">
          <caption className="table__caption">What has happened</caption>
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Date</th>
              <th scope="col">Recorded by</th>
            </tr>
          </thead>
          <tbody>
            {referral.steps.map((step, index) => (
              <tr key={`${index}-${step.status}`}>
                <td>{statusLabel(step.status)}</td>
                <td>{formatCalendarDate(step.happenedOn)}</td>
                <td>{step.recordedByName}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {referral.consent ? (
          letterOpen ? (
            <ReferralLetter referralId={referral.id} onClose={() => setLetterOpen(false)} />
          ) : (
            <p>
              <button type="button" className="button button--secondary" aria-describedby={headingId} onClick={() => setLetterOpen(true)}>
                Letter
              </button>
            </p>
          )
        ) : (
          <p className="hint">The referral letter can be written once the person’s consent to share is recorded.</p>
        )}
        {ended ? null : (
          <div className="case__columns">
            {referral.consent ? null : (
              <section aria-label="Consent to share">
                <ConsentForm
                  key={`consent-${round}`}
                  referral={referral}
                  prefix={prefix}
                  onSaved={done('Consent to share recorded', 'The referral can now be sent.')}
                />
              </section>
            )}
            <section aria-label="What happened">
              <StepForm
                key={`step-${round}`}
                referral={referral}
                prefix={prefix}
                onSaved={(updated) =>
                  done(
                    'Recorded',
                    `The referral is now ${statusLabel(updated.status).toLowerCase()} (${formatCalendarDate(updated.steps.at(-1)?.happenedOn ?? '')}).`
                  )(updated)
                }
              />
            </section>
          </div>
        )}
      </div>
    </article>
  )
}
