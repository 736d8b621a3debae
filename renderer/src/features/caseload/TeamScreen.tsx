import { useQuery } from '@tanstack/react-query'
import { call, messageFor } from '../../api'
import { Loading, Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { Tag } from '../../components/Tag'

/**
 * Caseload size per clinician, for administrators and service leads: counts only. Someone
 * disabled who still holds open work is listed too, marked, until a clinician hands it over.
 */
export function TeamScreen() {
  const team = useQuery({ queryKey: ['caseload', 'team'], queryFn: () => call('caseload:team', {}) })
  return (
    <Page title="Team caseload" lead="Open cases, urgent work and overdue reviews for each clinician.">
      {team.isPending ? <Loading what="the team" /> : null}
      {team.isError ? (
        <Notice tone="error" title="The team caseload could not be loaded">
          <p>{messageFor(team.error)}</p>
        </Notice>
      ) : null}
      {team.data?.some((row) => !row.active) ? (
        <p>
          Someone disabled still holds open work. Any clinician can hand it over from their caseload screen, under “Work left with people
          who can no longer sign in”.
        </p>
      ) : null}
      {team.data ? (
        <table className="table">
          <caption className="table__caption">
            {team.data.length} {team.data.length === 1 ? 'clinician' : 'clinicians'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Clinician</th>
              <th scope="col" className="numeric">
                Open cases
              </th>
              <th scope="col" className="numeric">
                Urgent
              </th>
              <th scope="col" className="numeric">
                Overdue reviews
              </th>
              <th scope="col" className="numeric">
                Open tasks
              </th>
              <th scope="col" className="numeric">
                Overdue tasks
              </th>
            </tr>
          </thead>
          <tbody>
            {team.data.map((row) => (
              <tr key={row.clinicianId}>
                <td>
                  {row.clinicianName} {row.active ? null : <Tag colour="red">Disabled: hand over their work</Tag>}
                </td>
                <td className="numeric">{row.openCases}</td>
                <td className="numeric">{row.urgent}</td>
                <td className="numeric">{row.overdueReviews}</td>
                <td className="numeric">{row.openTasks}</td>
                <td className="numeric">{row.overdueTasks}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Page>
  )
}
