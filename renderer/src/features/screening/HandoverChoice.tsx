import { useState } from 'react'
import { instrumentIds, instrumentName } from '../../../../shared/instruments'
import { startingBattery } from '../../../../shared/instruments/battery'
import { ErrorSummary } from '../../components/ErrorSummary'

/**
 * Before handing Harbour to the person: which questionnaires they are to complete, starting
 * from their role's set (or the default). Choosing none is refused here, at the field.
 */
export function HandoverChoice({
  battery,
  pending,
  onStart,
  onCancel
}: {
  battery: readonly string[]
  pending: boolean
  onStart: (instruments: string[]) => void
  onCancel: () => void
}) {
  const [chosen, setChosen] = useState<string[]>(() => startingBattery(battery))
  const [error, setError] = useState<string | null>(null)
  return (
    <section className="panel panel--inset" aria-labelledby="handover-choice-heading">
      <h3 className="heading-m" id="handover-choice-heading">
        Hand over to complete
      </h3>
      <p>The person sees only these questionnaires, and no scores. Your passphrase brings Harbour back.</p>
      <ErrorSummary errors={error ? [{ field: 'instruments', message: error }] : []} idPrefix="handover" />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          // Kept in the order Harbour lists them, whatever order they were ticked in.
          const ordered = instrumentIds.filter((id) => chosen.includes(id))
          if (ordered.length === 0) {
            setError('Choose at least one questionnaire')
            return
          }
          setError(null)
          onStart(ordered)
        }}
      >
        <div className={`form-group${error ? ' form-group--error' : ''}`}>
          <fieldset className="fieldset" id="handover-instruments" aria-describedby={error ? 'handover-instruments-error' : undefined}>
            <legend className="fieldset__legend">Questionnaires to complete</legend>
            {error ? (
              <p className="error-message" id="handover-instruments-error">
                <span className="visually-hidden">Error:</span> {error}
              </p>
            ) : null}
            <div className="checkboxes checkboxes--inline">
              {instrumentIds.map((id) => (
                <div className="checkboxes__item" key={id}>
                  <input
                    className="checkboxes__input"
                    type="checkbox"
                    id={`handover-choose-${id}`}
                    checked={chosen.includes(id)}
                    onChange={(event) => {
                      setError(null)
                      setChosen(event.target.checked ? [...chosen, id] : chosen.filter((c) => c !== id))
                    }}
                  />
                  <label className="checkboxes__label" htmlFor={`handover-choose-${id}`}>
                    {instrumentName(id)}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <div className="button-group">
          <button type="submit" className="button" disabled={pending}>
            Hand over now
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  )
}
