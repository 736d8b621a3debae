import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'wouter'
import type { Alert } from '../../../../shared/contract/screening'
import { formatDate } from '../../../../shared/dates'
import { call, messageFor } from '../../api'
import { Field } from '../../components/Field'

export const alertsKey = ['alerts'] as const

function AcknowledgeForm({ alert }: { alert: Alert }) {
  const queryClient = useQueryClient()
  const [note, setNote] = useState('')
  const [missing, setMissing] = useState(false)
  const acknowledge = useMutation({
    mutationFn: () => call('screening:acknowledge', { alertId: alert.id, actionNote: note }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: alertsKey })
      void queryClient.invalidateQueries({ queryKey: ['tasks'] })
    }
  })
  const id = `ack-${alert.id.slice(0, 8)}`
  return (
    <form
      className="form-row form-row--end"
      onSubmit={(event) => {
        event.preventDefault()
        // Same rule as the backend: an alert is only closed with the action taken written down.
        setMissing(note.trim() === '')
        if (note.trim() !== '') acknowledge.mutate()
      }}
      noValidate
    >
      <Field id={id} label="Action taken" hint="Required: what you did about it." width="full" value={note} onChange={(e) => setNote(e.target.value)} error={missing ? 'Enter the action taken' : acknowledge.isError ? messageFor(acknowledge.error).replace(/\.$/, '') : undefined} />
      <button type="submit" className="button">
        Acknowledge<span className="visually-hidden"> the alert for {alert.personName}</span>
      </button>
    </form>
  )
}

/**
 * Safety alerts that nobody may miss: red, at the top, until a clinician records the action
 * taken. On a person's page they are that person's; at home, all the caller may see.
 */
export function AlertsPanel({ personId, showPerson }: { personId?: string; showPerson: boolean }) {
  const alerts = useQuery({ queryKey: [...alertsKey, personId ?? 'all'], queryFn: () => call('screening:alerts', personId ? { personId } : {}) })
  const open = (alerts.data ?? []).filter((a) => a.status === 'open')
  if (open.length === 0) return null
  return (
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
              <strong>{alert.message}</strong> <span className="alert-banner__when">raised {formatDate(new Date(alert.createdAt))}</span>
            </p>
            {showPerson ? null : <AcknowledgeForm alert={alert} />}
          </li>
        ))}
      </ul>
    </section>
  )
}
