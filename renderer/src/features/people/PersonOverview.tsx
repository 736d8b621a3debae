import { useQueryClient, type QueryKey } from '@tanstack/react-query'
import { useEffect } from 'react'
import { formatCalendarDate, todayInLondon } from '../../../../shared/calendar-date'
import type { NextScreening, PersonOverview as Overview } from '../../../../shared/contract/person-overview'
import { instrumentName } from '../../../../shared/instruments'
import { answeredFloorInWords } from '../../../../shared/instruments/answered-floor'
import { SummaryList } from '../../components/SummaryList'
import { Tag } from '../../components/Tag'
import { caseReasonNames, caseStatusNames, priorityColour, priorityNames, statusColour } from '../cases'
import { ragColour } from '../screening'

export const overviewKey = (personId: string) => ['person', personId, 'overview'] as const

/** The data the overview sums up: when any of it is refreshed after a change, so is the overview. */
const summarised = ['cases', 'tasks', 'alerts', 'screenings', 'follow-ups', 'notes', 'signposting']

/** Refreshes the overview whenever a screen below it changes what it sums up. */
export function useOverviewFollowsChanges(personId: string) {
  const queryClient = useQueryClient()
  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        const key: QueryKey = event.query.queryKey
        if (event.type === 'updated' && event.action.type === 'invalidate' && typeof key[0] === 'string' && summarised.includes(key[0])) {
          void queryClient.invalidateQueries({ queryKey: overviewKey(personId), exact: true })
        }
      }),
    [queryClient, personId]
  )
}

const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`

function nextScreeningWords(next: NextScreening) {
  if (next.status === 'left') return 'Not recalled: has left'
  if (next.status === 'not-recalled') return 'Not recalled: their role has no screening interval'
  if (next.status === 'never-screened') {
    return (
      <>
        Due now: never screened <Tag colour="red">Due</Tag>
      </>
    )
  }
  return (
    <>
      {formatCalendarDate(next.dueDate)} {next.overdue ? <Tag colour="red">Overdue</Tag> : null}
    </>
  )
}

/**
 * What a clinician needs first on opening a record: the open case and who holds it, the latest
 * result of each questionnaire with its band, the tasks due, and what is due next. One read
 * (the record's audited view) fills it; the sections below hold the detail.
 */
export function PersonOverview({ overview }: { overview: Overview }) {
  const today = todayInLondon(new Date())
  const { openCases, latestResults, dueTasks, dueTasksTotal, nextReview, nextScreening } = overview
  const reviewCase = openCases.find((record) => record.id === nextReview?.caseId)
  return (
    <section className="overview" aria-labelledby="overview-heading">
      <h2 className="visually-hidden" id="overview-heading">
        At a glance
      </h2>
      {overview.bereavementCounsellingNotYetOffered ? (
        <p className="warning-text overview__notice">
          <span className="visually-hidden">Warning: </span>
          <a href="#bereavement-heading">Bereavement counselling not yet offered</a> for the open bereavement case.
        </p>
      ) : null}
      <div className="overview__grid">
        <section className="card overview__card" aria-labelledby="overview-cases">
          <h3 className="heading-s" id="overview-cases">
            {openCases.length > 1 ? `${openCases.length} open cases` : 'Open case'}
          </h3>
          {openCases.length === 0 ? <p className="empty">No open case.</p> : null}
          {openCases.map((record) => (
            <div key={record.id} className="overview__case">
              <p className="overview__case-title">
                <a href={`#case-heading-${record.id}`}>{caseReasonNames[record.reason]}</a>{' '}
                <Tag colour={statusColour[record.status]}>{caseStatusNames[record.status]}</Tag>{' '}
                <Tag colour={priorityColour[record.priority]}>{priorityNames[record.priority]}</Tag>
              </p>
              <SummaryList
                rows={[
                  {
                    key: 'Next review',
                    value: record.nextReviewDate ? (
                      <>
                        {formatCalendarDate(record.nextReviewDate)} {record.nextReviewDate < today ? <Tag colour="red">Overdue</Tag> : null}
                      </>
                    ) : (
                      'Not set'
                    )
                  },
                  {
                    key: 'Held by',
                    value: (
                      <>
                        {record.assignedClinicianName}{' '}
                        {record.assignedClinicianActive ? null : <Tag colour="red">Can no longer sign in</Tag>}
                      </>
                    )
                  },
                  {
                    key: 'Opened',
                    value: `${formatCalendarDate(record.openedOn)}${record.openedByName ? ` by ${record.openedByName}` : ''}`
                  }
                ]}
              />
            </div>
          ))}
        </section>
        <section className="card overview__card" aria-labelledby="overview-results">
          <h3 className="heading-s" id="overview-results">
            Latest results
          </h3>
          {latestResults.length === 0 ? (
            <p className="empty">No screenings recorded yet.</p>
          ) : (
            <table className="table table--compact">
              <caption className="visually-hidden">The latest result of each questionnaire</caption>
              <thead>
                <tr>
                  <th scope="col">Questionnaire</th>
                  <th scope="col">Result</th>
                  <th scope="col">Date</th>
                  <th scope="col">Overall</th>
                </tr>
              </thead>
              <tbody>
                {latestResults.map((result) => (
                  <tr key={result.instrument}>
                    <th scope="row">{instrumentName(result.instrument)}</th>
                    <td>
                      {result.complete ? (
                        <>
                          {result.total ?? 'No score'}
                          {result.band ? `: ${capitalised(result.band)}` : ''}
                        </>
                      ) : result.answeredFloor ? (
                        `Not completed: ${answeredFloorInWords(result.answeredFloor)}`
                      ) : (
                        'Not completed'
                      )}
                    </td>
                    <td className="overview__date">{formatCalendarDate(result.sittingDate)}</td>
                    <td>
                      <Tag colour={ragColour[result.rag]}>{result.rag.toUpperCase()}</Tag>
                      {result.riskNotAssessed ? ' Risk not assessed' : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="card overview__card" aria-labelledby="overview-tasks">
          <h3 className="heading-s" id="overview-tasks">
            Due tasks
          </h3>
          {dueTasks.length === 0 ? (
            <p className="empty">No open tasks.</p>
          ) : (
            <ul className="overview__tasks">
              {dueTasks.map((task) => (
                <li key={task.id}>
                  <span className="overview__task-title">{task.title}</span>{' '}
                  <span className="overview__task-due">
                    due {formatCalendarDate(task.dueDate)} · {task.assigneeName}
                  </span>{' '}
                  {task.overdue ? <Tag colour="red">Overdue</Tag> : null}
                </li>
              ))}
            </ul>
          )}
          {dueTasksTotal > dueTasks.length ? (
            <p className="hint">
              The first {dueTasks.length} of {dueTasksTotal}, soonest first. All of them are on the cases below.
            </p>
          ) : null}
        </section>
        <section className="card overview__card" aria-labelledby="overview-next">
          <h3 className="heading-s" id="overview-next">
            Due next
          </h3>
          <SummaryList
            rows={[
              {
                key: 'Case review',
                value: nextReview ? (
                  <>
                    {formatCalendarDate(nextReview.date)}
                    {reviewCase ? ` (${caseReasonNames[reviewCase.reason].toLowerCase()})` : ''}{' '}
                    {nextReview.overdue ? <Tag colour="red">Overdue</Tag> : null}
                  </>
                ) : (
                  'None set'
                )
              },
              { key: 'Screening', value: nextScreeningWords(nextScreening) }
            ]}
          />
        </section>
      </div>
    </section>
  )
}
