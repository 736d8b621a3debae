import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type { ImportMapping, ImportReport } from '../../../../shared/contract/people-import'
import type { ProgressUpdate } from '../../../../shared/contract/progress'
import { call, messageFor, onEvent } from '../../api'
import { Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { FilePreview } from './FilePreview'
import { ImportOutcome } from './ImportOutcome'
import { ImportProgress } from './ImportProgress'
import { MappingPanel } from './MappingPanel'

/** Whether two mappings fill the same fields from the same columns. */
function sameMapping(a: ImportMapping, b: ImportMapping): boolean {
  const filled = (mapping: ImportMapping) =>
    JSON.stringify(
      Object.entries(mapping)
        .filter(([, header]) => header)
        .sort(([x], [y]) => x.localeCompare(y))
    )
  return filled(a) === filled(b)
}

type Run = { commit: false } | { commit: true; validRowsOnly: boolean }

/**
 * Import people from an HR export: choose the file, map its columns (a saved mapping that
 * fits is used by itself), see every problem with its line and person, and import when the
 * whole file is clean, or, as a separate choice, import the valid rows and save the rest.
 * The core checks the file once; importing saves what that check showed.
 */
export function ImportScreen() {
  const queryClient = useQueryClient()
  const [report, setReport] = useState<ImportReport | null>(null)
  const [mapping, setMapping] = useState<ImportMapping>({})
  const [presetInUse, setPresetInUse] = useState<string | null>(null)
  /** The saved mapping Harbour chose by itself for this file, if it did. */
  const [autoApplied, setAutoApplied] = useState<string | null>(null)
  const [progress, setProgress] = useState<ProgressUpdate | null>(null)
  useEffect(
    () =>
      onEvent('progress:update', (update) => {
        if (update.task === 'people-import') setProgress(update)
      }),
    []
  )
  const show = (result: ImportReport) => {
    setReport(result)
    setMapping(result.mapping)
    setPresetInUse(result.appliedPreset)
    setAutoApplied(result.appliedPreset)
  }
  const choose = useMutation({
    onMutate: () => setProgress(null),
    mutationFn: async () => {
      const chosen = await call('people-import:choose', {})
      return chosen ? call('people-import:run', { token: chosen.token, commit: false }) : null
    },
    onSuccess: (result) => {
      if (result) show(result)
    }
  })
  const run = useMutation({
    onMutate: () => setProgress(null),
    mutationFn: (how: Run) =>
      call('people-import:run', {
        token: report?.token ?? '',
        mapping,
        ...(how.commit ? { commit: true, checkId: report?.checkId ?? '', validRowsOnly: how.validRowsOnly } : { commit: false })
      }),
    onSuccess: (result) => {
      setReport(result)
      if (!result.committed) setMapping(result.mapping)
      if (result.committed) {
        void queryClient.invalidateQueries({ queryKey: ['people-search'] })
        void queryClient.invalidateQueries({ queryKey: ['caseload'] })
      }
    }
  })
  const busy = choose.isPending || run.isPending
  const stale = report !== null && !sameMapping(mapping, report.mapping)

  return (
    <Page
      title="Import people"
      lead="Bring in people from an HR export (CSV). Nothing is saved until every row is right, unless you choose to import only the valid rows."
    >
      <section className="panel">
        <h2 className="heading-m">1. Choose the file</h2>
        <p>
          Harbour recognises the usual headers of HR exports (such as Payroll No, Forename(s), Surname, DOB and Dept), and its own template
          needs no mapping: its first row is{' '}
          <code>
            staff_number, title, given_name, family_name, preferred_name, date_of_birth, employment_type, role, department, line_manager,
            email, phone, start_date, leaving_date
          </code>
          . Dates can be DD/MM/YYYY or YYYY-MM-DD.
        </p>
        <button type="button" className="button" disabled={busy} onClick={() => choose.mutate()}>
          {choose.isPending ? 'Reading the file…' : 'Choose a CSV file'}
        </button>
      </section>
      {choose.error ? (
        <Notice tone="error" title="The file could not be used">
          <p>{messageFor(choose.error)}</p>
        </Notice>
      ) : null}
      {choose.isPending ? <ImportProgress progress={progress} /> : null}
      {report ? (
        <>
          <MappingPanel
            key={report.token}
            report={report}
            mapping={mapping}
            presetInUse={presetInUse}
            autoApplied={autoApplied}
            busy={busy}
            onChange={(next, preset) => {
              setMapping(next)
              setPresetInUse(preset)
            }}
            onCheck={() => run.mutate({ commit: false })}
          />
          <FilePreview report={report} />
          <ImportOutcome
            report={report}
            stale={stale}
            busy={busy}
            working={run.isPending ? <ImportProgress progress={progress} /> : null}
            failure={run.error ? messageFor(run.error) : null}
            onImport={() => run.mutate({ commit: true, validRowsOnly: false })}
            onImportValidRows={() => run.mutate({ commit: true, validRowsOnly: true })}
          />
        </>
      ) : null}
    </Page>
  )
}
