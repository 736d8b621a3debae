import type { ReactNode } from 'react'

export interface SummaryRow {
  key: string
  value: ReactNode
}

/** Label and value pairs, GOV.UK summary-list style; missing values read "Not known". */
export function SummaryList({ rows, label }: { rows: SummaryRow[]; label?: string }) {
  return (
    <dl className="summary-list" aria-label={label}>
      {rows.map((row) => (
        <div className="summary-list__row" key={row.key}>
          <dt className="summary-list__key">{row.key}</dt>
          <dd className="summary-list__value">{row.value ?? 'Not known'}</dd>
        </div>
      ))}
    </dl>
  )
}
