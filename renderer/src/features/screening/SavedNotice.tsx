import { useEffect, useRef } from 'react'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import type { Screening } from '../../../../shared/contract/screening'

/** Says what was saved and what it leads to, and takes the focus so a keyboard user hears it. */
export function SavedNotice({ screening }: { screening: Screening }) {
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => box.current?.focus(), [screening.id])
  const leadsTo =
    screening.rag === 'red' || screening.riskNotAssessed
      ? 'It needs a decision: see the alert or the result waiting for a decision above.'
      : screening.rag === 'amber'
        ? 'Amber results follow your service’s setting; see above for anything waiting.'
        : 'Nothing further is needed.'
  return (
    <div className="notice notice--info" role="status" tabIndex={-1} ref={box}>
      <h3 className="notice__title">
        {screening.version > 1 ? `Correction saved (version ${screening.version})` : 'Screening saved'}: {screening.rag.toUpperCase()}
        {screening.riskNotAssessed ? ', risk not assessed' : ''}
      </h3>
      <p>
        {formatCalendarDate(screening.sittingDate)}
        {screening.ragReason ? ` — ${screening.ragReason}` : ''}. {leadsTo}
      </p>
    </div>
  )
}
