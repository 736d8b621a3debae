import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import type { BereavementCounselling, PersonSignposting, SignpostingRecord } from '../../../../shared/contract/signposting'
import { bereavementStatusNames, type BereavementStatus } from '../../../../shared/signposting/bereavement'
import { call, messageFor } from '../../api'
import { Loading, Notice } from '../../components/Notice'
import { SavedMessage } from '../../components/SavedMessage'
import { Tag, type TagColour } from '../../components/Tag'
import { resourcesKey, signpostingKey } from './keys'

const statusColour: Record<BereavementStatus, TagColour> = { offered: 'blue', accepted: 'green', declined: 'grey' }
const buttonWords: Record<BereavementStatus, string> = {
  offered: 'Offered today',
  accepted: 'Accepted today',
  declined: 'Declined today'
}

/** The resources to choose from: one press records the person as signposted to it today. */
function ResourcePicker({ onPick, pending, onClose }: { onPick: (resourceId: string) => void; pending: boolean; onClose: () => void }) {
  const resources = useQuery({ queryKey: resourcesKey, queryFn: () => call('signposting:resources', {}) })
  return (
    <section className="panel panel--inset signposting__picker" aria-labelledby="signposting-picker-heading">
      <div className="section-heading">
        <h3 className="heading-s" id="signposting-picker-heading">
          Choose what they were signposted to
        </h3>
        <button type="button" className="button button--secondary button--small" onClick={onClose}>
          Close
        </button>
      </div>
      {resources.isPending ? <Loading what="support resources" /> : null}
      {resources.isError ? (
        <Notice tone="error" title="Support resources could not be loaded">
          <p>{messageFor(resources.error)}</p>
        </Notice>
      ) : null}
      <ul className="signposting__resources">
        {resources.data?.map((resource) => (
          <li key={resource.id} className="signposting__resource">
            <div>
              <p className="signposting__name">{resource.name}</p>
              <p className="hint">
                {resource.description} <span className="signposting__where">Where to find it: {resource.whereToFind}</span>
              </p>
            </div>
            <button
              type="button"
              className="button button--small"
              aria-label={`Signposted today: ${resource.name}`}
              disabled={pending}
              onClick={() => onPick(resource.id)}
            >
              Signposted today
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}

function History({ records }: { records: SignpostingRecord[] }) {
  if (records.length === 0) return <p className="empty">Not signposted to any resource yet.</p>
  return (
    <table className="table">
      <caption className="table__caption">Signposted to</caption>
      <thead>
        <tr>
          <th scope="col">Resource</th>
          <th scope="col">Date</th>
          <th scope="col">Recorded by</th>
        </tr>
      </thead>
      <tbody>
        {records.map((record) => (
          <tr key={record.id}>
            <td>{record.resourceName}</td>
            <td>{formatCalendarDate(record.signpostedOn)}</td>
            <td>{record.recordedByName}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function Bereavement({ personId, bereavement }: { personId: string; bereavement: BereavementCounselling }) {
  const queryClient = useQueryClient()
  const [saved, setSaved] = useState<{ text: string; count: number } | null>(null)
  const record = useMutation({
    mutationFn: (status: BereavementStatus) => call('signposting:recordBereavement', { personId, status }),
    onSuccess: (updated) => {
      queryClient.setQueryData<PersonSignposting>(signpostingKey(personId), (data) => (data ? { ...data, bereavement: updated } : data))
      void queryClient.invalidateQueries({ queryKey: signpostingKey(personId) })
      const latest = updated.history[0]
      setSaved({
        text: latest
          ? `Bereavement counselling recorded as ${bereavementStatusNames[latest.status].toLowerCase()} on ${formatCalendarDate(latest.happenedOn)}.`
          : 'Recorded.',
        count: (saved?.count ?? 0) + 1
      })
    }
  })
  const latest = bereavement.history[0]
  return (
    <section aria-labelledby="bereavement-heading" className="signposting__bereavement">
      <h3 className="heading-m" id="bereavement-heading">
        Bereavement counselling
      </h3>
      {bereavement.notYetOffered ? (
        <p className="warning-text">
          <span className="visually-hidden">Warning: </span>Bereavement counselling not yet offered. It must be actively offered.
        </p>
      ) : null}
      {saved ? (
        <SavedMessage title="Bereavement counselling recorded" savedKey={String(saved.count)} level={4}>
          <p>{saved.text}</p>
        </SavedMessage>
      ) : null}
      {record.isError ? (
        <Notice tone="error" title="That was not recorded">
          <p>{messageFor(record.error)}</p>
        </Notice>
      ) : null}
      <p>
        Status:{' '}
        {latest ? (
          <>
            <Tag colour={statusColour[latest.status]}>{bereavementStatusNames[latest.status]}</Tag> on{' '}
            {formatCalendarDate(latest.happenedOn)}
          </>
        ) : (
          <Tag colour="grey">Not offered</Tag>
        )}
      </p>
      <div className="button-group">
        {bereavement.nextStatuses.map((status) => (
          <button
            key={status}
            type="button"
            className="button button--secondary button--small"
            disabled={record.isPending}
            onClick={() => record.mutate(status)}
          >
            {status === 'offered' && latest ? 'Offered again today' : buttonWords[status]}
          </button>
        ))}
      </div>
      {bereavement.history.length > 0 ? (
        <table className="table">
          <caption className="table__caption">Bereavement counselling history</caption>
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Date</th>
              <th scope="col">Recorded by</th>
            </tr>
          </thead>
          <tbody>
            {bereavement.history.map((entry, index) => (
              <tr key={`${index}-${entry.recordedAt}`}>
                <td>{bereavementStatusNames[entry.status]}</td>
                <td>{formatCalendarDate(entry.happenedOn)}</td>
                <td>{entry.recordedByName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  )
}

/**
 * Support and signposting on the person page: signposting takes two presses (open the picker,
 * press the resource), confirmed on screen; the history; and bereavement counselling, with the
 * notice the core works out when it has not been offered for an open bereavement case.
 */
export function SignpostingPanel({ personId }: { personId: string }) {
  const queryClient = useQueryClient()
  const [picking, setPicking] = useState(false)
  const [saved, setSaved] = useState<{ record: SignpostingRecord; count: number } | null>(null)
  const data = useQuery({ queryKey: signpostingKey(personId), queryFn: () => call('signposting:forPerson', { personId }) })
  const signpost = useMutation({
    mutationFn: (resourceId: string) => call('signposting:record', { personId, resourceId }),
    onSuccess: (record) => {
      setPicking(false)
      setSaved({ record, count: (saved?.count ?? 0) + 1 })
      queryClient.setQueryData<PersonSignposting>(signpostingKey(personId), (current) =>
        current ? { ...current, records: [record, ...current.records] } : current
      )
      void queryClient.invalidateQueries({ queryKey: signpostingKey(personId) })
    }
  })
  return (
    <section aria-labelledby="signposting-heading" className="signposting">
      <div className="section-heading">
        <h2 className="heading-l" id="signposting-heading">
          Support and signposting
        </h2>
        {!picking ? (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              signpost.reset()
              setSaved(null)
              setPicking(true)
            }}
          >
            Signpost to a resource
          </button>
        ) : null}
      </div>
      {picking ? (
        <ResourcePicker onPick={(id) => signpost.mutate(id)} pending={signpost.isPending} onClose={() => setPicking(false)} />
      ) : null}
      {signpost.isError ? (
        <Notice tone="error" title="That was not recorded">
          <p>{messageFor(signpost.error)}</p>
        </Notice>
      ) : null}
      {saved ? (
        <SavedMessage title="Signposting recorded" savedKey={String(saved.count)}>
          <p>
            Signposted to {saved.record.resourceName} on {formatCalendarDate(saved.record.signpostedOn)}, recorded by{' '}
            {saved.record.recordedByName}.
          </p>
        </SavedMessage>
      ) : null}
      {data.isPending ? <Loading what="signposting" /> : null}
      {data.isError ? (
        <Notice tone="error" title="Signposting could not be loaded">
          <p>{messageFor(data.error)}</p>
        </Notice>
      ) : null}
      {data.data ? (
        <>
          <History records={data.data.records} />
          <Bereavement personId={personId} bereavement={data.data.bereavement} />
        </>
      ) : null}
    </section>
  )
}
