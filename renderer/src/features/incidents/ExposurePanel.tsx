import { useQuery } from '@tanstack/react-query'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import { exposureIntensityLabels, exposurePartLabels } from '../../../../shared/incidents/categories'
import { call, messageFor } from '../../api'
import { Loading, Notice } from '../../components/Notice'
import { SummaryList } from '../../components/SummaryList'
import { exposuresKey } from './keys'

const count = (n: number) => (n === 1 ? '1 exposure' : `${n} exposures`)
const hours = (n: number) => (n === 1 ? '1 hour' : `${n} hours`)

/**
 * A person's trauma exposure: the load over the last 30 days and 12 months (as the core worked it
 * out), any threshold rule that fired, and every incident they were exposed to, newest first.
 */
export function ExposurePanel({ personId }: { personId: string }) {
  const exposures = useQuery({ queryKey: exposuresKey(personId), queryFn: () => call('incidents:forPerson', { personId }) })
  return (
    <section aria-labelledby="exposure-heading" className="exposure">
      <h2 className="heading-l" id="exposure-heading">
        Exposure
      </h2>
      {exposures.isPending ? <Loading what="exposure" /> : null}
      {exposures.isError ? (
        <Notice tone="error" title="Exposure could not be loaded">
          <p>{messageFor(exposures.error)}</p>
        </Notice>
      ) : null}
      {exposures.data ? (
        <>
          {exposures.data.load.fired.length ? (
            <div className="warning-text" role="note">
              <strong>Exposure threshold met: {exposures.data.load.fired.map((rule) => rule.label).join('; ')}.</strong>
            </div>
          ) : null}
          <SummaryList
            label="Exposure load"
            rows={[
              {
                key: 'Last 30 days',
                value: `${count(exposures.data.load.last30Days.count)}, weighted load ${exposures.data.load.last30Days.weighted}${
                  exposures.data.load.last30Days.hours ? `, ${hours(exposures.data.load.last30Days.hours)} of material reviewed` : ''
                } (since ${formatCalendarDate(exposures.data.load.last30Days.from)})`
              },
              {
                key: 'Last 12 months',
                value: `${count(exposures.data.load.last12Months.count)}, weighted load ${exposures.data.load.last12Months.weighted}${
                  exposures.data.load.last12Months.hours ? `, ${hours(exposures.data.load.last12Months.hours)} of material reviewed` : ''
                } (since ${formatCalendarDate(exposures.data.load.last12Months.from)})`
              }
            ]}
          />
          {exposures.data.history.length === 0 ? (
            <p className="empty">No exposures recorded</p>
          ) : (
            <table className="table">
              <caption className="table__caption">Exposure history</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Category</th>
                  <th scope="col">Reference</th>
                  <th scope="col">Part</th>
                  <th scope="col">Intensity</th>
                  <th scope="col">Hours reviewed</th>
                  <th scope="col">Weighted</th>
                </tr>
              </thead>
              <tbody>
                {exposures.data.history.map((row) => (
                  <tr key={row.incidentId}>
                    <td>{formatCalendarDate(row.occurredOn)}</td>
                    <td>{row.categoryName}</td>
                    <td>{row.reference}</td>
                    <td>{exposurePartLabels[row.part]}</td>
                    <td>{exposureIntensityLabels[row.intensity]}</td>
                    <td>{row.hoursReviewed ?? '—'}</td>
                    <td>{row.weighted}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
    </section>
  )
}
