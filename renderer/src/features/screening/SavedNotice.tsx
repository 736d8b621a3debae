import { formatCalendarDate } from '../../../../shared/calendar-date'
import type { SavedFollowUp, SavedScreening } from '../../../../shared/contract/screening'
import { SavedMessage } from '../../components/SavedMessage'

const names = (list: string[]) => (list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list.at(-1) ?? ''}`)

/** Where the core sent the follow-up, in words: taken from the save's result, never worked out here. */
function whereItWent(followUp: SavedFollowUp): string | null {
  const parts: string[] = []
  if (followUp.urgentTaskTo.length > 0) parts.push(`An urgent task was sent to ${names(followUp.urgentTaskTo)}.`)
  if (followUp.reviewTaskTo) parts.push(`A review task was sent to ${followUp.reviewTaskTo}.`)
  if (followUp.teamDecision) parts.push('It is on the team’s list of screening results that need a decision, on Home.')
  return parts.length > 0 ? parts.join(' ') : null
}

/** Says what was saved and where it went; a red or unassessed result is a warning, not calm news. */
export function SavedNotice({ screening }: { screening: SavedScreening }) {
  const warning = screening.rag === 'red' || screening.riskNotAssessed
  const went = whereItWent(screening.followUp)
  const leadsTo = went ?? (warning ? 'It needs a decision: see the alert above.' : screening.rag === 'amber' ? 'No follow-up was raised for this amber result, as your service’s setting asks.' : 'Nothing further is needed.')
  const title = `${screening.version > 1 ? `Correction saved (version ${screening.version})` : 'Screening saved'}: ${screening.rag.toUpperCase()}${screening.riskNotAssessed ? ', risk not assessed' : ''}`
  return (
    <SavedMessage title={title} savedKey={screening.id} tone={warning ? 'warning' : 'info'}>
      <p>
        {formatCalendarDate(screening.sittingDate)}
        {screening.ragReason ? ` — ${screening.ragReason}` : ''}.
      </p>
      <p>{leadsTo}</p>
    </SavedMessage>
  )
}
