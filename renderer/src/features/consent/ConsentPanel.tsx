import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Fragment, useState } from 'react'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import { consentPurposeLabels } from '../../../../shared/consent/purposes'
import type { ConsentRecord } from '../../../../shared/contract/consent'
import { call, messageFor } from '../../api'
import { Loading, Notice } from '../../components/Notice'
import { SavedMessage } from '../../components/SavedMessage'
import { Tag } from '../../components/Tag'
import { consentKey } from './keys'
import { RecordConsentForm } from './RecordConsentForm'
import { WithdrawConsentForm } from './WithdrawConsentForm'

function StatusTag({ consent }: { consent: ConsentRecord }) {
  if (consent.withdrawnOn) return <Tag colour="grey">Withdrawn {formatCalendarDate(consent.withdrawnOn)}</Tag>
  return consent.current ? <Tag colour="green">Current</Tag> : <Tag colour="yellow">Not yet in force</Tag>
}

/** A person's consents to share, newest first: current and withdrawn, with recording and withdrawing. */
export function ConsentPanel({ personId }: { personId: string }) {
  const queryClient = useQueryClient()
  const [recording, setRecording] = useState(false)
  const [withdrawing, setWithdrawing] = useState<string | null>(null)
  const [saved, setSaved] = useState<{ title: string; text: string; count: number } | null>(null)
  const consents = useQuery({ queryKey: consentKey(personId), queryFn: () => call('consent:forPerson', { personId }) })
  const done = (title: string, text: string) => {
    setSaved({ title, text, count: (saved?.count ?? 0) + 1 })
    void queryClient.invalidateQueries({ queryKey: consentKey(personId) })
    void queryClient.invalidateQueries({ queryKey: ['referrals', personId] })
    void queryClient.invalidateQueries({ queryKey: ['management-advice', personId] })
  }
  return (
    <section aria-labelledby="consent-heading" className="consent">
      <div className="section-heading">
        <h2 className="heading-l" id="consent-heading">
          Consent
        </h2>
        {!recording ? (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              setSaved(null)
              setRecording(true)
            }}
          >
            Record consent
          </button>
        ) : null}
      </div>
      {recording ? (
        <RecordConsentForm
          personId={personId}
          onCancel={() => setRecording(false)}
          onDone={(recorded) => {
            setRecording(false)
            done(
              'Consent recorded',
              `Consent to share with ${recorded.recipientName} recorded, given ${formatCalendarDate(recorded.givenOn)}.`
            )
          }}
        />
      ) : null}
      {saved ? (
        <SavedMessage title={saved.title} savedKey={String(saved.count)}>
          <p>{saved.text}</p>
        </SavedMessage>
      ) : null}
      {consents.isPending ? <Loading what="consents" /> : null}
      {consents.isError ? (
        <Notice tone="error" title="Consents could not be loaded">
          <p>{messageFor(consents.error)}</p>
        </Notice>
      ) : null}
      {consents.data && consents.data.length === 0 && !recording ? <p className="empty">No consent recorded</p> : null}
      {consents.data && consents.data.length > 0 ? (
        <table className="table">
          <caption className="visually-hidden">Consents to share</caption>
          <thead>
            <tr>
              <th scope="col">For</th>
              <th scope="col">With</th>
              <th scope="col">What may be shared</th>
              <th scope="col">Given</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {consents.data.map((consent) => (
              <Fragment key={consent.id}>
                <tr>
                  <td>{consentPurposeLabels[consent.purpose]}</td>
                  <td>{consent.recipientName}</td>
                  <td>{consent.scope}</td>
                  <td>
                    {formatCalendarDate(consent.givenOn)}
                    <span className="hint"> by {consent.recordedByName}</span>
                  </td>
                  <td>
                    <StatusTag consent={consent} />
                  </td>
                  <td>
                    {consent.withdrawnOn === null && withdrawing !== consent.id ? (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-label={`Withdraw consent to share with ${consent.recipientName}`}
                        onClick={() => {
                          setSaved(null)
                          setWithdrawing(consent.id)
                        }}
                      >
                        Withdraw
                      </button>
                    ) : null}
                  </td>
                </tr>
                {withdrawing === consent.id ? (
                  <tr>
                    <td colSpan={6}>
                      <WithdrawConsentForm
                        consent={consent}
                        onCancel={() => setWithdrawing(null)}
                        onDone={(updated) => {
                          setWithdrawing(null)
                          done(
                            'Consent withdrawn',
                            `Consent to share with ${updated.recipientName} withdrawn on ${formatCalendarDate(updated.withdrawnOn)}. It stays in the history.`
                          )
                        }}
                      />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  )
}
