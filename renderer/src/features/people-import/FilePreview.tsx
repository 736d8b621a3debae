import type { ImportReport } from '../../../../shared/contract/people-import'

/** The file's first rows under its own headers, so the user can see what each column holds. */
export function FilePreview({ report }: { report: ImportReport }) {
  if (report.sample.length === 0) return null
  return (
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
  )
}
