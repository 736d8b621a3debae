import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import {
  importColumnNames,
  importColumns,
  requiredColumns,
  type ImportMapping,
  type ImportReport
} from '../../../../shared/contract/people-import'
import { call, messageFor } from '../../api'
import { Field } from '../../components/Field'
import { Notice } from '../../components/Notice'

interface MappingPanelProps {
  report: ImportReport
  mapping: ImportMapping
  /** The saved mapping in use, if the mapping is still exactly that one. */
  presetInUse: string | null
  /** The saved mapping Harbour applied by itself because its headers are in the file. */
  autoApplied: string | null
  busy: boolean
  onChange: (mapping: ImportMapping, preset: string | null) => void
  onCheck: () => void
}

/** Step 2: which column of the file fills each field, from a saved mapping or by hand. */
export function MappingPanel({ report, mapping, presetInUse, autoApplied, busy, onChange, onCheck }: MappingPanelProps) {
  const queryClient = useQueryClient()
  const [presetName, setPresetName] = useState('')
  const presets = useQuery({ queryKey: ['import-presets'], queryFn: () => call('people-import:presets', {}) })
  const savePreset = useMutation({
    mutationFn: () => call('people-import:savePreset', { name: presetName, mapping }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['import-presets'] })
  })
  const applied = autoApplied !== null && presetInUse === autoApplied

  return (
    <section className="panel" aria-labelledby="mapping-heading">
      <h2 className="heading-m" id="mapping-heading">
        2. Match the columns
      </h2>
      <p>
        {report.fileName}: {report.rows.toLocaleString('en-GB')} {report.rows === 1 ? 'row' : 'rows'}. Choose which column of the file fills
        each field.
      </p>
      {applied ? (
        <Notice tone="info" title={`Using your saved mapping '${autoApplied}'`}>
          <p>Its columns are all in this file. Change any field below if this file is laid out differently.</p>
        </Notice>
      ) : null}
      {presets.data && presets.data.length > 0 ? (
        <div className="form-group">
          <label className="label" htmlFor="import-preset">
            Use a saved mapping
          </label>
          <select
            id="import-preset"
            className="select"
            value={presetInUse ?? ''}
            onChange={(event) => {
              const preset = presets.data.find((p) => p.name === event.target.value)
              if (preset) onChange(preset.mapping, preset.name)
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
                  value={mapping[column] ?? ''}
                  onChange={(event) => onChange({ ...mapping, [column]: event.target.value || undefined }, null)}
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
        <Field
          id="preset-name"
          label="Save this mapping as (optional)"
          value={presetName}
          onChange={(e) => setPresetName(e.target.value)}
        />
        <button type="button" className="button button--secondary" disabled={!presetName.trim()} onClick={() => savePreset.mutate()}>
          Save mapping
        </button>
      </div>
      {savePreset.isSuccess ? (
        <p role="status" className="hint">
          Mapping saved as {savePreset.data.name}.
        </p>
      ) : null}
      {savePreset.isError ? (
        <Notice tone="error" title="The mapping was not saved">
          <p>{messageFor(savePreset.error)}</p>
        </Notice>
      ) : null}
      <button type="button" className="button" disabled={busy} onClick={onCheck}>
        Check the file again
      </button>
    </section>
  )
}
