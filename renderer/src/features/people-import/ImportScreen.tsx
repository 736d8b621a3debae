import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { importColumnNames, importColumns, requiredColumns, type ImportMapping, type ImportReport } from '../../../../shared/contract/people-import'
import type { ProgressUpdate } from '../../../../shared/contract/progress'
import { call, messageFor, onEvent } from '../../api'
import { Field } from '../../components/Field'
import { ImportProblems } from '../../components/ImportProblems'
import { Notice } from '../../components/Notice'
import { Page } from '../../components/Page'

/**
 * Import people from an HR export: choose the file, map its columns (or use a saved preset),
 * see every problem with its line number, and import only when the whole file is clean.
 */
export function ImportScreen() {
  const queryClient = useQueryClient()
  const [report, setReport] = useState<ImportReport | null>(null)
  const [mapping, setMapping] = useState<ImportMapping | undefined>(undefined)
  const [presetName, setPresetName] = useState('')
  const [progress, setProgress] = useState<ProgressUpdate | null>(null)
  useEffect(
    () =>
      onEvent('progress:update', (update) => {
        if (update.task === 'people-import') setProgress(update)
      }),
    []
  )
  const presets = useQuery({ queryKey: ['import-presets'], queryFn: () => call('people-import:presets', {}) })
  const choose = useMutation({
    mutationFn: async () => {
      const chosen = await call('people-import:choose', {})
      return chosen ? call('people-import:run', { token: chosen.token, commit: false }) : null
    },
    onSuccess: (result) => {
      if (!result) return
      setReport(result)
      setMapping(result.mapping)
    }
  })
  const check = useMutation({
    mutationFn: (commit: boolean) => call('people-import:run', { token: report?.token ?? '', mapping, commit }),
    onSuccess: (result) => {
      setReport(result)
      if (result.committed) {
        void queryClient.invalidateQueries({ queryKey: ['people-search'] })
        void queryClient.invalidateQueries({ queryKey: ['caseload'] })
      }
    }
  })
  const savePreset = useMutation({
    mutationFn: () => call('people-import:savePreset', { name: presetName, mapping: mapping ?? {} }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['import-presets'] })
  })
  const failure = choose.error ?? check.error ?? savePreset.error
  const busy = choose.isPending || check.isPending

  return (
    <Page title="Import people" lead="Bring in people from an HR export (CSV). Nothing is saved until every row is right.">
      <section className="panel">
        <h2 className="heading-m">1. Choose the file</h2>
        <p>
          Harbour&apos;s own template needs no mapping: its first row is <code>staff_number, title, given_name, family_name, preferred_name, date_of_birth, employment_type, role, department, line_manager, email, phone, start_date, leaving_date</code>. Dates
          can be DD/MM/YYYY or YYYY-MM-DD.
        </p>
        <button type="button" className="button" disabled={busy} onClick={() => choose.mutate()}>
          {choose.isPending ? 'Reading the file…' : 'Choose a CSV file'}
        </button>
      </section>
      {failure ? (
        <Notice tone="error" title="The file could not be used">
          <p>{messageFor(failure)}</p>
        </Notice>
      ) : null}
      {busy ? (
        <div className="import-progress" role="status">
          <label htmlFor="import-progress">
            {progress?.phase === 'saving' ? 'Saving' : 'Checking every row'}
            {progress && progress.total ? `: ${progress.done.toLocaleString('en-GB')} of ${progress.total.toLocaleString('en-GB')}` : '…'}
          </label>
          <progress id="import-progress" max={progress?.total || 1} value={progress?.total ? progress.done : undefined} />
        </div>
      ) : null}
      {report ? (
        <>
          <section className="panel" aria-labelledby="mapping-heading">
            <h2 className="heading-m" id="mapping-heading">
              2. Match the columns
            </h2>
            <p>
              {report.fileName}: {report.rows.toLocaleString('en-GB')} rows. Choose which column of the file fills each field.
            </p>
            {presets.data && presets.data.length > 0 ? (
              <div className="form-group">
                <label className="label" htmlFor="import-preset">
                  Use a saved mapping
                </label>
                <select
                  id="import-preset"
                  className="select"
                  defaultValue=""
                  onChange={(event) => {
                    const preset = presets.data.find((p) => p.name === event.target.value)
                    if (preset) setMapping(preset.mapping)
                  }}
                >
                  <option value="">Choose a saved mapping</option>
                  {presets.data.map((preset) => (
                    <option key={preset.name} value={preset.name}>
                      {preset.name}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <table className="table mapping-table">
              <caption className="visually-hidden">Harbour fields and the file columns that fill them</caption>
              <thead>
                <tr>
                  <th scope="col">Harbour field</th>
                  <th scope="col">Column in the file</th>
                </tr>
              </thead>
              <tbody>
                {importColumns.map((column) => (
                  <tr key={column}>
                    <td>
                      <label htmlFor={`map-${column}`}>
                        {importColumnNames[column]}
                        {requiredColumns.includes(column) ? ' (required)' : ''}
                      </label>
                    </td>
                    <td>
                      <select
                        id={`map-${column}`}
                        className="select"
                        value={mapping?.[column] ?? ''}
                        onChange={(event) => setMapping({ ...mapping, [column]: event.target.value || undefined })}
                      >
                        <option value="">Do not import</option>
                        {report.headers.map((header) => (
                          <option key={header} value={header}>
                            {header}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="form-row form-row--end">
              <Field id="preset-name" label="Save this mapping as (optional)" value={presetName} onChange={(e) => setPresetName(e.target.value)} />
              <button type="button" className="button button--secondary" disabled={!presetName.trim()} onClick={() => savePreset.mutate()}>
                Save mapping
              </button>
            </div>
            {savePreset.isSuccess ? (
              <p role="status" className="hint">
                Mapping saved as {savePreset.data.name}.
              </p>
            ) : null}
            <button type="button" className="button" disabled={busy} onClick={() => check.mutate(false)}>
              Check the file again
            </button>
          </section>
          {report.sample.length > 0 ? (
            <section className="panel" aria-labelledby="preview-heading">
              <h2 className="heading-m" id="preview-heading">
                First rows of the file
              </h2>
              <div className="table-scroll" tabIndex={0} role="region" aria-label="Preview of the first rows">
                <table className="table">
                  <thead>
                    <tr>
                      {report.headers.map((header) => (
                        <th key={header} scope="col">
                          {header}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {report.sample.map((row, index) => (
                      <tr key={index}>
                        {report.headers.map((header) => (
                          <td key={header}>{row[header]}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ) : null}
          <section className="panel" aria-labelledby="result-heading">
            <h2 className="heading-m" id="result-heading">
              3. Import
            </h2>
            {report.committed ? (
              <Notice tone="info" title="Import complete">
                <p>
                  {report.created} added, {report.updated} updated, {report.unchanged} unchanged.
                </p>
              </Notice>
            ) : report.problems.length > 0 ? (
              <ImportProblems problems={report.problems} more={report.moreProblems} />
            ) : (
              <>
                <p>
                  Every row is valid: {report.created} to add, {report.updated} to update, {report.unchanged} unchanged.
                </p>
                <button type="button" className="button" disabled={busy || report.created + report.updated === 0} onClick={() => check.mutate(true)}>
                  Import {report.created + report.updated} {report.created + report.updated === 1 ? 'person' : 'people'}
                </button>
              </>
            )}
          </section>
        </>
      ) : null}
    </Page>
  )
}
