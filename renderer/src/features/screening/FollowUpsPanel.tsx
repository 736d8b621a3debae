import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'wouter'
import type { z } from 'zod'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import { decideFollowUpInput, followUpDecisionNames, type FollowUp } from '../../../../shared/contract/screening'
import { formatDate, formatDateTime } from '../../../../shared/dates'
import { followUpReasonNames } from '../../../../shared/instruments/follow-up'
import { call, messageFor } from '../../api'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Loading, Notice } from '../../components/Notice'
import { Tag } from '../../components/Tag'
import { TextArea } from '../../components/TextArea'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'
import { OpenCaseForm } from '../cases'
import { alertsKey, followUpsKey } from './query-keys'
import { modeNames, ragColour, sittingWords } from './labels'

function ResultSummary({ item }: { item: FollowUp }) {
  return (
    <>
      <Tag colour={item.reason === 'risk-not-assessed' ? 'purple' : ragColour[item.rag]}>{followUpReasonNames[item.reason]}</Tag>{' '}
      {item.ragReason ?? ''}
    </>
  )
}

/**
 * Home: the team's worklist of screening results with no open case — every red (or
 * unassessed-risk) result waits here until someone opens a case or records why not.
 */
const pageSize = 25

export function TeamDecisions() {
  const [offset, setOffset] = useState(0)
  const list = useQuery({
    queryKey: [...followUpsKey, 'team', offset],
    queryFn: () => call('screening:followUps', { page: { offset, limit: pageSize } }),
    placeholderData: keepPreviousData
  })
  return (
    <section className="panel panel--decisions" aria-labelledby="decisions-heading">
      <h2 className="heading-m" id="decisions-heading">
        Screening results that need a decision
      </h2>
      {list.isPending ? <Loading what="results waiting for a decision" /> : null}
      {list.isError ? (
        <Notice tone="error" title="These results could not be loaded">
          <p>{messageFor(list.error)}</p>
        </Notice>
      ) : null}
      {list.data && list.data.total === 0 ? (
        <p className="empty">
          No screening results without an open case are waiting for a team decision. A result for someone with an open case goes to the case
          holder as a task, in their tasks on My caseload.
        </p>
      ) : null}
      {list.data && list.data.total > 0 ? (
        <table className="table table--compact">
          <caption className="table__caption">
            {list.data.total === 1 ? '1 result has' : `${list.data.total} results have`} no open case: open one, or record why not
            {list.data.total > pageSize ? ` (showing ${offset + 1} to ${offset + list.data.rows.length}, most serious first)` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Result</th>
              <th scope="col">Screening</th>
              <th scope="col">Waiting since</th>
            </tr>
          </thead>
          <tbody>
            {list.data.rows.map((item) => (
              <tr key={item.id}>
                <td>
                  <Link href={`/people/${item.personId}`}>{item.personName}</Link>
                </td>
                <td>
                  <ResultSummary item={item} />
                </td>
                <td>
                  {formatCalendarDate(item.sittingDate)}, {modeNames[item.sittingMode]}
                </td>
                <td>{formatDate(new Date(item.createdAt))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {list.data && list.data.total > pageSize ? (
        <nav className="pagination" aria-label="Pages of results waiting for a decision">
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - pageSize))}
          >
            Previous page
          </button>
          <span>
            Page {Math.floor(offset / pageSize) + 1} of {Math.ceil(list.data.total / pageSize)}
          </span>
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={offset + pageSize >= list.data.total}
            onClick={() => setOffset(offset + pageSize)}
          >
            Next page
          </button>
        </nav>
      ) : null}
    </section>
  )
}

const noteSchema = decideFollowUpInput.pick({ note: true })

function DecisionForm({ item, onDone }: { item: FollowUp; onDone: (message: string) => void }) {
  const queryClient = useQueryClient()
  const id = `decide-${item.id.slice(0, 8)}`
  const { register, handleSubmit, setError, formState } = useHarbourForm<z.input<typeof noteSchema>>(noteSchema, {
    defaultValues: { note: '' }
  })
  const decision = item.route === 'team-decision' ? 'no-case' : 'reviewed'
  const submit = handleSubmit(async (values) => {
    try {
      await call('screening:decide', { followUpId: item.id, decision, note: values.note })
      void queryClient.invalidateQueries({ queryKey: followUpsKey })
      void queryClient.invalidateQueries({ queryKey: ['tasks'] })
      void queryClient.invalidateQueries({ queryKey: ['notes'] })
      onDone(
        decision === 'no-case'
          ? 'Recorded: no case is needed. The result is off the team’s worklist.'
          : 'Recorded: the review is on the case as a note, and its task is done.'
      )
    } catch (error) {
      showApiError(error, setError, ['note'])
    }
  })
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={summaryOf(formState.errors, ['note'])} idPrefix={id} />
      <TextArea
        id={`${id}-note`}
        label={decision === 'no-case' ? 'Why no case is needed' : 'What the review decided'}
        hint={
          decision === 'no-case'
            ? 'For example: already in treatment elsewhere, and who agreed this.'
            : 'For example: spoke today; referred to GP; next screening brought forward.'
        }
        rows={3}
        error={formState.errors.note?.message}
        {...register('note')}
      />
      <button type="submit" className="button button--secondary" disabled={formState.isSubmitting}>
        {decision === 'no-case' ? 'Record: no case needed' : 'Record the review'}
      </button>
    </form>
  )
}

function OpenFollowUp({ item, onDone }: { item: FollowUp; onDone: (message: string) => void }) {
  const [opening, setOpening] = useState(false)
  return (
    <li className="follow-up">
      <p>
        <ResultSummary item={item} />
        <br />
        <span className="hint">
          From the {sittingWords(item)}.{' '}
          {item.route === 'case-review'
            ? `A review is with ${item.assigneeName ?? 'the case clinician'}.`
            : 'There is no open case: open one, or record why not. This is separate from any safety alert, which is about today’s risk; this decides whether OH takes the person on.'}
        </span>
      </p>
      {item.route === 'team-decision' ? (
        opening ? (
          <OpenCaseForm
            personId={item.personId}
            defaultReason="surveillance-result"
            onDone={() => {
              setOpening(false)
              onDone('Case opened. The screening result is now with its clinician.')
            }}
          />
        ) : (
          <p>
            <button type="button" className="button button--small" onClick={() => setOpening(true)}>
              Open a case
            </button>
          </p>
        )
      ) : null}
      {opening ? null : <DecisionForm item={item} onDone={onDone} />}
    </li>
  )
}

/**
 * A person's page: screening results waiting for a decision (with the forms to make it), then
 * what was decided, and the actions recorded on past safety alerts.
 */
export function PersonFollowUps({ personId }: { personId: string }) {
  const followUps = useQuery({
    queryKey: [...followUpsKey, personId],
    queryFn: () => call('screening:followUps', { personId, page: { offset: 0, limit: 200 } })
  })
  const alerts = useQuery({ queryKey: [...alertsKey, personId], queryFn: () => call('screening:alerts', { personId }) })
  const [done, setDone] = useState<string | null>(null)
  const open = (followUps.data?.rows ?? []).filter((item) => item.status === 'open')
  const decided = (followUps.data?.rows ?? []).filter((item) => item.status === 'decided')
  const acknowledged = (alerts.data ?? []).filter((alert) => alert.status === 'acknowledged')
  return (
    <>
      {followUps.data && followUps.data.total > followUps.data.rows.length ? (
        <p className="hint">
          Showing the first {followUps.data.rows.length} of {followUps.data.total} screening decisions, open ones first.
        </p>
      ) : null}
      {done ? (
        <Notice tone="info" title="Decision recorded">
          <p>{done}</p>
        </Notice>
      ) : null}
      {open.length > 0 ? (
        <section className="panel panel--decisions" aria-labelledby="open-follow-ups-heading">
          <h2 className="heading-m" id="open-follow-ups-heading">
            {open.length === 1 ? 'A screening result needs a decision' : `${open.length} screening results need a decision`}
          </h2>
          <ul className="follow-up-list">
            {open.map((item) => (
              <OpenFollowUp key={item.id} item={item} onDone={setDone} />
            ))}
          </ul>
        </section>
      ) : null}
      {decided.length > 0 || acknowledged.length > 0 ? (
        <section className="panel history-panel" aria-labelledby="decisions-history-heading">
          <h2 className="heading-m" id="decisions-history-heading">
            Safety alerts and decisions on results
          </h2>
          <ul className="history-list">
            {acknowledged.map((alert) => (
              <li key={alert.id}>
                <strong>Safety alert: {alert.message}</strong> — {sittingWords(alert)}
                <br />
                Action taken by {alert.actionTakenByName ?? 'not recorded'}
                {alert.actionTakenAt ? ` on ${formatDateTime(new Date(alert.actionTakenAt))}` : ''}:
                <p className="history-list__text">{alert.actionNote}</p>
                {alert.followUpDate ? (
                  alert.followUpDoneAt ? (
                    <>
                      <p className="hint">
                        Follow-up due {formatCalendarDate(alert.followUpDate)}: done by {alert.followUpDoneByName ?? 'someone'},{' '}
                        {formatDateTime(new Date(alert.followUpDoneAt))}:
                      </p>
                      <p className="history-list__text">{alert.followUpOutcome}</p>
                    </>
                  ) : (
                    <p>
                      <Tag colour={alert.followUpOverdue ? 'red' : 'yellow'}>Follow-up not done yet</Tag> due{' '}
                      {formatCalendarDate(alert.followUpDate)}
                    </p>
                  )
                ) : null}
                {alert.acknowledgedByName && alert.acknowledgedByName !== alert.actionTakenByName ? (
                  <p className="hint">Recorded by {alert.acknowledgedByName}.</p>
                ) : null}
              </li>
            ))}
            {decided.map((item) => (
              <li key={item.id}>
                <strong>
                  {followUpReasonNames[item.reason]}: {item.decision ? followUpDecisionNames[item.decision] : ''}
                </strong>{' '}
                — {sittingWords(item)}
                <br />
                {item.ragReason ?? ''}
                {item.decisionNote ? <p className="history-list__text">{item.decisionNote}</p> : null}
                <p className="hint">
                  {item.decidedByName ?? 'Someone'}
                  {item.decidedAt ? `, ${formatDateTime(new Date(item.decidedAt))}` : ''}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  )
}
