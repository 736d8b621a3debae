import { useEffect, useRef } from 'react'

export interface SummaryError {
  field: string
  message: string
}

/** Focuses a field by id; a problem with a group of fields (a pathway, a date) focuses its first one. */
function focusField(id: string): void {
  const field =
    document.getElementById(id) ?? document.querySelector<HTMLElement>(`[id^="${CSS.escape(`${id}.`)}"], [id^="${CSS.escape(`${id}-`)}"]`)
  field?.focus()
}

/**
 * GOV.UK error summary: "There is a problem", one link per error to its field, focused on
 * a failed submit, and "Error: " prefixed to the window title while it shows.
 */
export function ErrorSummary({ errors, idPrefix }: { errors: SummaryError[]; idPrefix: string }) {
  const box = useRef<HTMLDivElement>(null)
  const count = errors.length
  const shown = useRef<Set<string>>(new Set())
  const key = errors.map((error) => `${error.field}\u0000${error.message}`).join('\u0001')
  useEffect(() => {
    const now = new Set(key ? key.split('\u0001') : [])
    // Focus moves here when a problem appears, not while the user corrects the others.
    const appeared = [...now].some((entry) => !shown.current.has(entry))
    shown.current = now
    if (appeared) box.current?.focus()
  }, [key])
  useEffect(() => {
    if (count === 0) return
    const title = document.title.replace(/^Error: /, '')
    document.title = `Error: ${title}`
    return () => {
      document.title = document.title.replace(/^Error: /, '')
    }
  }, [count])
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
                  focusField(`${idPrefix}-${error.field}`)
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
