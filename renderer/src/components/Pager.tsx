/**
 * What a paged list holds, in words: "Showing 1–50 of 644 open tasks", or "3 open tasks" when
 * every one is shown. The total is the core's count, never the length of the page.
 */
export function showingText(offset: number, shown: number, total: number, noun: { one: string; many: string }): string {
  const name = total === 1 ? noun.one : noun.many
  if (shown >= total && offset === 0) return `${total.toLocaleString('en-GB')} ${name}`
  return `Showing ${(offset + 1).toLocaleString('en-GB')}–${(offset + shown).toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} ${name}`
}

/** Previous and next page buttons with "Page 2 of 13"; nothing when one page holds everything. */
export function Pager({
  label,
  offset,
  pageSize,
  total,
  onChange
}: {
  label: string
  offset: number
  pageSize: number
  total: number
  onChange: (offset: number) => void
}) {
  if (total <= pageSize && offset === 0) return null
  return (
    <nav className="pagination no-print" aria-label={label}>
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={offset === 0}
        onClick={() => onChange(Math.max(0, offset - pageSize))}
      >
        Previous page
      </button>
      <span>
        Page {Math.floor(offset / pageSize) + 1} of {Math.max(1, Math.ceil(total / pageSize))}
      </span>
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={offset + pageSize >= total}
        onClick={() => onChange(offset + pageSize)}
      >
        Next page
      </button>
    </nav>
  )
}
