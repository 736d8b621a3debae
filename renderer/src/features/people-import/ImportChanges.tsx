import type { ImportReport } from '../../../../shared/contract/people-import'

/** Who an import changes (or changed), what, and which case holders were told: never just a count. */
export function ImportChanges({ report, done }: { report: ImportReport; done: boolean }) {
  if (report.changes.length === 0) return null
  return (
    <table className="table">
      <caption className="heading-s">{done ? 'Who was updated' : 'Who will be updated'}</caption>
      <thead>
        <tr>
          <th scope="col">Staff number</th>
          <th scope="col">Name</th>
          <th scope="col">What changed</th>
          <th scope="col">Case holder</th>
        </tr>
      </thead>
      <tbody>
        {report.changes.map((change) => (
          <tr key={change.staffNumber}>
            <td>{change.staffNumber}</td>
            <td>{change.name}</td>
            <td>
              {change.fields.join(', ')}
              {change.leaver ? <strong> (leaver)</strong> : null}
            </td>
            <td>
              {change.caseHoldersTold.length > 0
                ? `${change.caseHoldersTold.join(', ')} ${done ? (change.caseHoldersTold.length === 1 ? 'was' : 'were') : 'will be'} sent a task to review the open case`
                : 'No open case'}
            </td>
          </tr>
        ))}
      </tbody>
      {report.moreChanges > 0 ? (
        <tfoot>
          <tr>
            <td colSpan={4}>And {report.moreChanges.toLocaleString('en-GB')} more.</td>
          </tr>
        </tfoot>
      ) : null}
    </table>
  )
}
