import { formatCalendarDate } from '../../../../shared/calendar-date'
import type { Screening } from '../../../../shared/contract/screening'
import { SavedMessage } from '../../components/SavedMessage'

/** Says what was saved and what it leads to, and takes the focus so a keyboard user hears it. */
export function SavedNotice({ screening }: { screening: Screening }) {
  const leadsTo =
    screening.rag === 'red' || screening.riskNotAssessed
      ? 'It needs a decision: see the alert or the result waiting for a decision above.'
      : screening.rag === 'amber'
        ? 'Amber results follow your service’s setting; see above for anything waiting.'
        : 'Nothing further is needed.'
  const title = `${screening.version > 1 ? `Correction saved (version ${screening.version})` : 'Screening saved'}: ${screening.rag.toUpperCase()}${screening.riskNotAssessed ? ', risk not assessed' : ''}`
  return (
    <SavedMessage title={title} savedKey={screening.id}>
      <p>
        {formatCalendarDate(screening.sittingDate)}
        {screening.ragReason ? ` — ${screening.ragReason}` : ''}. {leadsTo}
      </p>
    </SavedMessage>
  )
}
