import { useQuery } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { Link } from 'wouter'
import type { Alert } from '../../../../shared/contract/screening'
import { formatDateTime } from '../../../../shared/dates'
import { call } from '../../api'
import { AcknowledgeDialog } from './AcknowledgeDialog'
import { sittingWords } from './labels'
import { alertsKey } from './query-keys'

/** After acknowledging, the focus moves here (not to the page), so the keyboard user hears it and carries on from it. */
function AcknowledgedNotice({ message }: { message: string }) {
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => box.current?.focus(), [message])
  return (
    <div className="notice notice--info" role="status" tabIndex={-1} ref={box}>
      <h2 className="notice__title">Alert acknowledged</h2>
      <p>{message}</p>
    </div>
  )
}

/**
 * Safety alerts that nobody may miss: red, at the top, until a clinician records the action
 * taken. Each names its sitting (date, how it was completed, version), so two alerts are
 * never mistaken for one. On a person's page they are that person's; at home, all the caller
 * may see, each linking to the person.
 */
export function AlertsPanel({ personId, showPerson }: { personId?: string; showPerson: boolean }) {
  const alerts = useQuery({
    queryKey: [...alertsKey, personId ?? 'all'],
    queryFn: () => call('screening:alerts', personId ? { personId } : {})
  })
  const [acknowledging, setAcknowledging] = useState<Alert | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const open = (alerts.data ?? []).filter((a) => a.status === 'open')
  return (
    <>
      {done ? <AcknowledgedNotice message={done} /> : null}
      {open.length > 0 ? (
        <section className="alert-banner" role="alert" aria-labelledby={`alerts-title-${personId ?? 'all'}`}>
          <h2 className="alert-banner__title" id={`alerts-title-${personId ?? 'all'}`}>
            {open.length === 1 ? 'Safety alert needs action' : `${open.length} safety alerts need action`}
          </h2>
          <ul className="alert-banner__list">
            {open.map((alert) => (
              <li key={alert.id} className="alert-banner__item">
                <p>
                  {showPerson ? (
                    <>
                      <Link href={`/people/${alert.personId}`}>{alert.personName}</Link>:{' '}
                    </>
                  ) : null}
                  <strong>{alert.message}</strong>{' '}
                  <span className="alert-banner__when">
                    — {sittingWords(alert)}; raised {formatDateTime(new Date(alert.createdAt))}
                  </span>
                </p>
                {showPerson ? null : (
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => {
                      setDone(null)
                      setAcknowledging(alert)
                    }}
                  >
                    Record the action taken
                    <span className="visually-hidden">
                      {' '}
                      for {alert.message}, {sittingWords(alert)}
                    </span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {acknowledging ? (
        <AcknowledgeDialog
          alert={acknowledging}
          onClose={() => setAcknowledging(null)}
          onDone={(message) => {
            setAcknowledging(null)
            setDone(message)
          }}
        />
      ) : null}
    </>
  )
}
