import { useState, type ReactNode } from 'react'
import type { ImportReport } from '../../../../shared/contract/people-import'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ImportProblems } from '../../components/ImportProblems'
import { Notice } from '../../components/Notice'
import { ImportChanges } from './ImportChanges'

const count = (n: number) => n.toLocaleString('en-GB')
const rows = (n: number, kind = '') => `${count(n)} ${kind}${n === 1 ? 'row' : 'rows'}`
const people = (n: number) => `${count(n)} ${n === 1 ? 'person' : 'people'}`

interface ImportOutcomeProps {
  report: ImportReport
  /** The mapping on screen is not the one this report was checked with. */
  stale: boolean
  busy: boolean
  /** Progress of a check or import under way, shown here, beside the buttons that start them. */
  working: ReactNode
  /** Why the last check or import failed, if it did. */
  failure: string | null
  onImport: () => void
  onImportValidRows: () => void
}

/**
 * Step 3: what the check found and what can be done. All or nothing is the default: only a
 * clean file has an Import button. With problems, importing the valid rows (and saving the
 * rejected ones to a file) is a separate, confirmed choice.
 */
export function ImportOutcome({ report, stale, busy, working, failure, onImport, onImportValidRows }: ImportOutcomeProps) {
  const [confirming, setConfirming] = useState(false)
  const validRows = report.rows - report.rowsWithProblems
  const toWrite = report.created + report.updated
  const mappingProblem = report.problems.some((problem) => problem.line === null)

  return (
    <section className="panel" aria-labelledby="result-heading">
      <h2 className="heading-m" id="result-heading">
        3. Import
      </h2>
      {failure && !working ? (
        <Notice tone="error" title="Nothing was imported">
          <p>{failure}</p>
        </Notice>
      ) : null}
      {working ? (
        working
      ) : report.committed ? (
        <Notice tone="info" title="Import complete">
          <p>
            {count(report.created)} added, {count(report.updated)} updated, {count(report.unchanged)} unchanged.
          </p>
          {report.rejectedRowsFile ? (
            <p>
              {rows(report.rowsWithProblems)} with problems {report.rowsWithProblems === 1 ? 'was' : 'were'} not imported.{' '}
              {report.rowsWithProblems === 1 ? 'It is' : 'They are'} saved, with a Problem column, in {report.rejectedRowsFile}.
            </p>
          ) : null}
        </Notice>
      ) : stale ? (
        <p>You have changed the mapping. Check the file again to see what it will import.</p>
      ) : (
        <>
          {report.changedSinceCheck ? (
            <Notice tone="info" title="The file was checked again">
              <p>It had changed since it was last checked, so nothing was imported. Here is what it holds now.</p>
            </Notice>
          ) : null}
          {report.problems.length > 0 ? (
            <>
              <ImportProblems problems={report.problems} more={report.moreProblems} />
              {!mappingProblem && validRows > 0 ? (
                <>
                  <p>
                    Fix these in the file and check it again to import every row. Or import the {rows(validRows)} that are valid now, and
                    keep the {rows(report.rowsWithProblems)} with problems in a file to fix and import later.
                  </p>
                  <button type="button" className="button button--secondary" disabled={busy} onClick={() => setConfirming(true)}>
                    Import the {rows(validRows, 'valid ')} and save the {rows(report.rowsWithProblems)} with problems to a file
                  </button>
                </>
              ) : null}
            </>
          ) : (
            <>
              <p>
                Every row is valid: {count(report.created)} to add, {count(report.updated)} to update, {count(report.unchanged)} unchanged.
              </p>
              <button type="button" className="button" disabled={busy || toWrite === 0} onClick={onImport}>
                Import {toWrite} {toWrite === 1 ? 'person' : 'people'}
              </button>
            </>
          )}
        </>
      )}
      {!working && !stale ? <ImportChanges report={report} done={report.committed} /> : null}
      {confirming ? (
        <ConfirmDialog
          confirmation={{
            title: `Import only the ${rows(validRows)} that are valid?`,
            explanation: (
              <>
                <p>
                  {people(toWrite)} will be saved ({count(report.created)} added, {count(report.updated)} updated; {count(report.unchanged)}{' '}
                  unchanged).
                </p>
                <p>
                  The {rows(report.rowsWithProblems)} with problems will not be imported. Next, choose where to save them: a CSV file with
                  each row as it is in your file, and a Problem column saying what to fix. Fix that file and import it.
                </p>
              </>
            ),
            confirmLabel: 'Choose where to save them, then import'
          }}
          pending={busy}
          error={null}
          onConfirm={() => {
            setConfirming(false)
            onImportValidRows()
          }}
          onCancel={() => setConfirming(false)}
        />
      ) : null}
    </section>
  )
}
