import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { ScreeningImportReport } from '../../../../shared/contract/screening-import'
import { call, messageFor } from '../../api'
import { ImportProblems } from '../../components/ImportProblems'
import { Notice } from '../../components/Notice'

type Key = 'staffNumber' | 'date' | 'instrument'
const keys: { key: Key; label: string }[] = [
  { key: 'staffNumber', label: 'Staff number' },
  { key: 'date', label: 'Date completed' },
  { key: 'instrument', label: 'Questionnaire' }
]

/** Results from an external online screening provider: checked in full, re-scored, all or nothing. */
export function ScreeningImportPanel() {
  const queryClient = useQueryClient()
  const [report, setReport] = useState<ScreeningImportReport | null>(null)
  const [mapping, setMapping] = useState<Partial<Record<Key, string>>>({})
  const choose = useMutation({
    mutationFn: async () => {
      const chosen = await call('screening-import:choose', {})
      return chosen ? call('screening-import:run', { token: chosen.token, commit: false }) : null
    },
    onSuccess: (result) => setReport(result)
  })
  const run = useMutation({
    mutationFn: (commit: boolean) => call('screening-import:run', { token: report?.token ?? '', mapping, commit }),
    onSuccess: (result) => {
      setReport(result)
      if (result.committed) {
        void queryClient.invalidateQueries({ queryKey: ['due'] })
        void queryClient.invalidateQueries({ queryKey: ['alerts'] })
        // Imported scores can complete referral outcomes, which are paired from screenings.
        void queryClient.invalidateQueries({ queryKey: ['referrals'] })
      }
    }
  })
  const failure = choose.error ?? run.error
  return (
    <section className="panel no-print" aria-labelledby="results-import-heading">
      <h2 className="heading-m" id="results-import-heading">
        Import results from a screening provider
      </h2>
      <p>
        A CSV with one row per questionnaire: staff number, date, questionnaire (for example <code>phq9</code>) and the answers in columns{' '}
        <code>item_1</code>, <code>item_2</code> and so on. Harbour scores every row itself.
      </p>
      <button type="button" className="button button--secondary" onClick={() => choose.mutate()}>
        Choose a results file
      </button>
      {failure ? (
        <Notice tone="error" title="The results could not be used">
          <p>{messageFor(failure)}</p>
        </Notice>
      ) : null}
      {report ? (
        <div className="results-import">
          <div className="form-row">
            {keys.map(({ key, label }) => (
              <div className="form-group" key={key}>
                <label className="label" htmlFor={`results-map-${key}`}>
                  {label} column
                </label>
                <select
                  id={`results-map-${key}`}
                  className="select"
                  value={mapping[key] ?? ''}
                  onChange={(e) => setMapping({ ...mapping, [key]: e.target.value || undefined })}
                >
                  <option value="">Work it out from the headers</option>
                  {report.headers.map((header) => (
                    <option key={header} value={header}>
                      {header}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </div>
          <button type="button" className="button button--secondary" onClick={() => run.mutate(false)}>
            Check the file again
          </button>
          {report.committed ? (
            <Notice tone="info" title="Results imported">
              <p>
                {report.sittings} {report.sittings === 1 ? 'screening' : 'screenings'} saved
                {report.alerts ? `; ${report.alerts} safety ${report.alerts === 1 ? 'alert' : 'alerts'} raised` : ''}.
              </p>
            </Notice>
          ) : report.problems.length ? (
            <ImportProblems problems={report.problems} more={report.moreProblems} />
          ) : (
            <p>
              Every row is valid: {report.rows} {report.rows === 1 ? 'result' : 'results'} in {report.sittings}{' '}
              {report.sittings === 1 ? 'screening' : 'screenings'}.{' '}
              <button type="button" className="button" onClick={() => run.mutate(true)}>
                Import {report.sittings} {report.sittings === 1 ? 'screening' : 'screenings'}
              </button>
            </p>
          )}
        </div>
      ) : null}
    </section>
  )
}
