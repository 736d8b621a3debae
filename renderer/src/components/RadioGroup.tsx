import { useId } from 'react'

export interface RadioOption<T extends string> {
  value: T
  label: string
  hint?: string
}

interface RadioGroupProps<T extends string> {
  legend: string
  hint?: string
  name: string
  value: T
  options: RadioOption<T>[]
  onChange: (value: T) => void
}

/** GOV.UK-style radios in a fieldset, with the legend as the question. */
export function RadioGroup<T extends string>({ legend, hint, name, value, options, onChange }: RadioGroupProps<T>) {
  const id = useId()
  return (
    <fieldset className="fieldset" aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend className="fieldset__legend">{legend}</legend>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <div className="radios">
        {options.map((option) => {
          const optionId = `${id}-${option.value}`
          return (
            <div className="radios__item" key={option.value}>
              <input
                className="radios__input"
                type="radio"
                id={optionId}
                name={name}
                value={option.value}
                checked={value === option.value}
                onChange={() => onChange(option.value)}
                aria-describedby={option.hint ? `${optionId}-hint` : undefined}
              />
              <label className="radios__label" htmlFor={optionId}>
                {option.label}
              </label>
              {option.hint ? (
                <p className="hint radios__hint" id={`${optionId}-hint`}>
                  {option.hint}
                </p>
              ) : null}
            </div>
          )
        })}
      </div>
    </fieldset>
  )
}
