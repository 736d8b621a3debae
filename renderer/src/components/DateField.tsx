import { useState } from 'react'
import { describedBy, HintAndError } from './FieldFrame'

interface DateFieldProps {
  id: string
  legend: string
  hint?: string
  error?: string
  /** `YYYY-MM-DD`, or null when empty. */
  value: string | null
  onChange: (value: string | null) => void
}

function parts(value: string | null) {
  const [year = '', month = '', day = ''] = value ? value.split('-') : []
  return { day: day.replace(/^0/, ''), month: month.replace(/^0/, ''), year }
}

/**
 * GOV.UK date input: day, month and year as three boxes, numeric keyboard, no auto-tab.
 * Gives the form `YYYY-MM-DD` (validated by the shared schema), or the raw text when it is
 * not a date, so the error names what was typed rather than losing it.
 */
export function DateField({ id, legend, hint, error, value, onChange }: DateFieldProps) {
  const [typed, setTyped] = useState(parts(value))
  const update = (next: typeof typed) => {
    setTyped(next)
    if (!next.day && !next.month && !next.year) return onChange(null)
    onChange(`${next.year.padStart(4, '0')}-${next.month.padStart(2, '0')}-${next.day.padStart(2, '0')}`)
  }
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      <fieldset className="fieldset" role="group" aria-describedby={describedBy(id, hint, error)}>
        <legend className="label">{legend}</legend>
        <HintAndError id={id} hint={hint} error={error} />
        <div className="date-input">
          {(['day', 'month', 'year'] as const).map((part) => (
            <div className="date-input__item" key={part}>
              <label className="date-input__label" htmlFor={part === 'day' ? id : `${id}-${part}`}>
                {part[0]?.toUpperCase()}
                {part.slice(1)}
              </label>
              <input
                id={part === 'day' ? id : `${id}-${part}`}
                className={`input date-input__input date-input__input--${part}${error ? ' input--error' : ''}`}
                inputMode="numeric"
                autoComplete="off"
                value={typed[part]}
                onChange={(event) => update({ ...typed, [part]: event.target.value.trim() })}
              />
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  )
}
