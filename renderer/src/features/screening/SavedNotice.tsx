import { formatCalendarDate } from '../../../../shared/calendar-date'
import type { SavedFollowUp, SavedScreening } from '../../../../shared/contract/screening'
import { SavedMessage } from '../../components/SavedMessage'
import { useCurrentUser } from '../session'

type Holder = SavedFollowUp['urgentTaskTo'][number]
const list = (items: string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`)

/** Whom a task went to, and where on My caseload (a clinician's home page) they will find it. */
function sentTo(kind: string, holders: Holder[], me: string): string {
  const mine = holders.some((holder) => holder.id === me)
  const others = holders.filter((holder) => holder.id !== me).map((holder) => holder.name)
  const whom = list([...(mine ? ['you'] : []), ...others])
  const where =
    mine && others.length === 0
      ? 'it is in My tasks on My caseload'
      : others.length === 1 && !mine
        ? 'it is in their tasks on My caseload'
        : 'it is in each one’s tasks on My caseload'
  return `${kind} was sent to ${whom}: ${where}.`
}

/** Where the core sent the follow-up, in words: taken from the save's result, never worked out here. */
function whereItWent(followUp: SavedFollowUp, me: string): string | null {
  const parts: string[] = []
  if (followUp.urgentTaskTo.length > 0) parts.push(sentTo('An urgent task', followUp.urgentTaskTo, me))
  if (followUp.reviewTaskTo) parts.push(sentTo('A review task', [followUp.reviewTaskTo], me))
  if (followUp.teamDecision) parts.push('It is on the team’s list of screening results that need a decision, on My caseload.')
  return parts.length > 0 ? parts.join(' ') : null
}

/** Says what was saved and where it went; a red or unassessed result is a warning, not calm news. */
export function SavedNotice({ screening }: { screening: SavedScreening }) {
  const warning = screening.rag === 'red' || screening.riskNotAssessed
  const went = whereItWent(screening.followUp, useCurrentUser().id)
  const leadsTo =
    went ??
    (warning
      ? 'It needs a decision: see the alert above.'
      : screening.rag === 'amber'
        ? 'No follow-up was raised for this amber result, as your service’s setting asks.'
        : 'Nothing further is needed.')
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
