import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { call, messageFor } from '../../api'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Field } from '../../components/Field'
import { Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import type { RetentionCount, RetentionPerson, RetentionReview } from '../../../../shared/contract/retention'
import { retentionRuleNames } from '../../../../shared/retention/kinds'
import { RetentionPeriodsForm } from './RetentionPeriodsForm'

const reviewKey = ['retention', 'review'] as const

const countsText = (counts: RetentionCount[]) => counts.map((count) => `${count.label}: ${count.count}`).join(', ')

const peopleWord = (n: number) => (n === 1 ? '1 person' : `${n} people`)

/**
 * Administrators: people past retention as of today (the core's clock), what a purge would
 * remove for each, and the purge itself (a confirmation listing exactly what goes, and the
 * passphrase again). Restricted people the administrator may not see are counted, never listed.
 */
export function RetentionScreen() {
  const queryClient = useQueryClient()
  const review = useQuery({ queryKey: reviewKey, queryFn: () => call('retention:review', {}) })
  const [chosen, setChosen] = useState<Set<string>>(new Set())
  const [confirming, setConfirming] = useState(false)
  const [passphrase, setPassphrase] = useState('')
  const [purgedMessage, setPurgedMessage] = useState<string | null>(null)
  const purge = useMutation({
    mutationFn: () => call('retention:purge', { personIds: [...chosen], passphrase }),
    onSuccess: (result) => {
      setConfirming(false)
      setPassphrase('')
      setChosen(new Set())
      setPurgedMessage(`${peopleWord(result.people.length)} purged. Each purge is in the audit log, without their name or records.`)
      void queryClient.invalidateQueries({ queryKey: ['retention'] })
    }
  })
  const data = review.data
  const selected = data ? data.people.filter((person) => chosen.has(person.personId)) : []
  const toggle = (personId: string, on: boolean) => {
    const next = new Set(chosen)
    if (on) next.add(personId)
    else next.delete(personId)
    setChosen(next)
  }

  return (
    <Page
      title="Records past retention"
      lead="People whose records Harbour no longer keeps by your force's retention periods. Someone is listed only when every rule that applies to them is over: the longest one decides, so records are never let go early."
    >
      {purgedMessage ? (
        <Notice tone="info" title="Purged">
          <p>{purgedMessage}</p>
        </Notice>
      ) : null}
      {review.isError ? (
        <Notice tone="error" title="The list could not be loaded">
          <p>{messageFor(review.error)}</p>
        </Notice>
      ) : null}
      {data ? <ReviewTable data={data} chosen={chosen} onToggle={toggle} /> : null}
      {data && data.people.length > 0 ? (
        <div className="button-group">
          <button
            type="button"
            className="button button--warning"
            disabled={selected.length === 0}
            onClick={() => {
              purge.reset()
              setPurgedMessage(null)
              setConfirming(true)
            }}
          >
            Purge the people chosen
          </button>
        </div>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          confirmation={{
            title: `Purge ${peopleWord(selected.length)} for good?`,
            explanation: <PurgeList people={selected} />,
            confirmLabel: 'Purge for good',
            warning: true
          }}
          pending={purge.isPending}
          error={purge.isError ? messageFor(purge.error) : null}
          onConfirm={() => purge.mutate()}
          onCancel={() => setConfirming(false)}
        >
          <Field
            id="purge-passphrase"
            label="Your passphrase"
            hint="Needed again for every purge."
            type="password"
            reveal
            autoComplete="current-password"
            value={passphrase}
            onChange={(event) => setPassphrase(event.target.value)}
          />
        </ConfirmDialog>
      ) : null}
      {data ? <RetentionPeriodsForm periods={data.periods} /> : null}
    </Page>
  )
}

function ReviewTable({
  data,
  chosen,
  onToggle
}: {
  data: RetentionReview
  chosen: Set<string>
  onToggle: (personId: string, on: boolean) => void
}) {
  const { periods } = data
  return (
    <section className="panel" aria-labelledby="retention-list-heading">
      <h2 className="heading-m" id="retention-list-heading">
        Past retention on {formatCalendarDate(data.today)}
      </h2>
      <p>
        A leaver’s whole record is kept for {periods.leaverYears} years after they leave, or after the last entry about them if that is
        later.{' '}
        {periods.screeningsAreHealthSurveillance
          ? `Screenings are health surveillance records, kept for ${periods.surveillanceYears} years after the last one.`
          : 'Screenings are not counted as health surveillance records.'}{' '}
        Someone who has not left is never listed.
      </p>
      {data.hidden > 0 ? (
        <Notice tone="info" title={`${peopleWord(data.hidden)} not shown`}>
          <p>
            {data.hidden === 1 ? 'Someone who left' : 'People who left'} long enough ago to be past retention{' '}
            {data.hidden === 1 ? 'is' : 'are'} restricted to named clinicians, so not listed here. A clinician named on them must review
            them.
          </p>
        </Notice>
      ) : null}
      {data.people.length === 0 ? (
        <p role="status">No one is past retention today.</p>
      ) : (
        <table className="table">
          <caption className="table__caption" role="status">
            {peopleWord(data.people.length)} past retention
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Choose</span>
              </th>
              <th scope="col">Name</th>
              <th scope="col">Staff number</th>
              <th scope="col">Left on</th>
              <th scope="col">Last entry on</th>
              <th scope="col">Due by</th>
              <th scope="col">What would go</th>
            </tr>
          </thead>
          <tbody>
            {data.people.map((person) => (
              <tr key={person.personId}>
                <td>
                  <div className="checkboxes__item">
                    <input
                      className="checkboxes__input"
                      type="checkbox"
                      id={`purge-${person.personId}`}
                      checked={chosen.has(person.personId)}
                      onChange={(event) => onToggle(person.personId, event.target.checked)}
                    />
                    <label className="checkboxes__label" htmlFor={`purge-${person.personId}`}>
                      <span className="visually-hidden">Choose {person.name}</span>
                    </label>
                  </div>
                </td>
                <td>{person.name}</td>
                <td>{person.staffNumber}</td>
                <td>{formatCalendarDate(person.leftOn)}</td>
                <td>{person.lastEntryOn ? formatCalendarDate(person.lastEntryOn) : 'None'}</td>
                <td>
                  {retentionRuleNames[person.rule]}: kept until {formatCalendarDate(person.keptUntil)}
                </td>
                <td>{countsText(person.counts)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function PurgeList({ people }: { people: RetentionPerson[] }) {
  return (
    <>
      <p>
        Everything Harbour holds about {people.length === 1 ? 'this person' : 'these people'} is deleted in one step and cannot be brought
        back, except from a backup. The audit log keeps one entry for each: their record id and these counts, never their name or records.
      </p>
      <ul className="list">
        {people.map((person) => (
          <li key={person.personId}>
            <strong>
              {person.name} ({person.staffNumber})
            </strong>
            : {countsText(person.counts)}
          </li>
        ))}
      </ul>
    </>
  )
}
