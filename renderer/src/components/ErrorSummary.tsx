import { useEffect, useRef } from 'react'

export interface SummaryError {
  field: string
  message: string
}

/**
 * GOV.UK error summary: "There is a problem", one link per error to its field, focused on
 * a failed submit, and "Error: " prefixed to the window title while it shows.
 */
export function ErrorSummary({ errors, idPrefix }: { errors: SummaryError[]; idPrefix: string }) {
  const box = useRef<HTMLDivElement>(null)
  const count = errors.length
  useEffect(() => {
    if (count === 0) return
    box.current?.focus()
    const title = document.title.replace(/^Error: /, '')
    document.title = `Error: ${title}`
    return () => {
      document.title = document.title.replace(/^Error: /, '')
    }
  }, [count, errors])
  if (count === 0) return null
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={box} aria-labelledby={`${idPrefix}-error-title`}>
      <h2 className="error-summary__title" id={`${idPrefix}-error-title`}>
        There is a problem
      </h2>
      <ul className="error-summary__list">
        {errors.map((error) => (
          <li key={`${error.field}-${error.message}`}>
            {error.field === 'form' ? (
              error.message
            ) : (
              <a
                href={`#${idPrefix}-${error.field}`}
                onClick={(event) => {
                  event.preventDefault()
                  document.getElementById(`${idPrefix}-${error.field}`)?.focus()
                }}
              >
                {error.message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}
