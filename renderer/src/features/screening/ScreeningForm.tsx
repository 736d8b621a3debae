import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { todayInLondon } from '../../../../shared/calendar-date'
import { getInstrument, instrumentIds, scoreInstrument } from '../../../../shared/instruments'
import { call, messageFor } from '../../api'
import type { Screening } from '../../../../shared/contract/screening'
import { DateField } from '../../components/DateField'
import { Field } from '../../components/Field'
import { Notice } from '../../components/Notice'
import { alertsKey } from './AlertsPanel'

/**
 * Records one sitting: pick questionnaires (the person's role battery first), answer each
 * item, see the score as you go. The backend scores everything again on save.
 */
export function ScreeningForm({ personId, battery, correcting, onDone }: { personId: string; battery: string[]; correcting?: Screening; onDone: () => void }) {
  const queryClient = useQueryClient()
  const itemResults = correcting?.results.filter((r) => r.answers && instrumentIds.includes(r.instrument)) ?? []
  const [chosen, setChosen] = useState<string[]>(
    correcting ? itemResults.map((r) => r.instrument) : battery.length ? battery.filter((id) => instrumentIds.includes(id)) : ['phq9', 'gad7']
  )
  const [answers, setAnswers] = useState<Record<string, (number | null)[]>>(Object.fromEntries(itemResults.map((r) => [r.instrument, r.answers ?? []])))
  const [date, setDate] = useState<string | null>(correcting?.sittingDate ?? todayInLondon(new Date()))
  const [reason, setReason] = useState('')
  const results = () => chosen.map((instrument) => ({ kind: 'items' as const, instrument, answers: answers[instrument] ?? getInstrument(instrument).items.map(() => null) }))
  const save = useMutation({
    mutationFn: () =>
      correcting
        ? call('screening:correct', { screeningId: correcting.id, reason, results: results() })
        : call('screening:save', { personId, sittingDate: date ?? '', mode: 'clinician-entered', results: results() }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['screenings', personId] })
      void queryClient.invalidateQueries({ queryKey: alertsKey })
      void queryClient.invalidateQueries({ queryKey: ['tasks'] })
      onDone()
    }
  })
  const previews = useMemo(
    () =>
      Object.fromEntries(
        chosen.map((id) => {
          const definition = getInstrument(id)
          return [id, scoreInstrument(id, answers[id] ?? definition.items.map(() => null))]
        })
      ),
    [chosen, answers]
  )
  const setAnswer = (instrument: string, index: number, value: number) => {
    const current = answers[instrument] ?? getInstrument(instrument).items.map(() => null)
    const next = [...current]
    next[index] = value
    setAnswers({ ...answers, [instrument]: next })
  }
  return (
    <section className="panel panel--inset" aria-labelledby="screening-form-heading">
      <h3 className="heading-m" id="screening-form-heading">
        {correcting ? 'Correct a screening' : 'Record a screening'}
      </h3>
      {correcting ? <p>The original stays in the history. The correction becomes version {correcting.version + 1}.</p> : null}
      {save.isError ? (
        <Notice tone="error" title="The screening was not saved">
          <p>{messageFor(save.error)}</p>
        </Notice>
      ) : null}
      {correcting ? (
        <Field id="screening-reason" label="Reason for the correction" width="full" value={reason} onChange={(e) => setReason(e.target.value)} />
      ) : (
        <DateField id="screening-date" legend="Date of the screening" value={date} onChange={setDate} />
      )}
      <fieldset className="fieldset">
        <legend className="fieldset__legend">Questionnaires</legend>
        <div className="checkboxes checkboxes--inline">
          {instrumentIds.map((id) => (
            <div className="checkboxes__item" key={id}>
              <input
                className="checkboxes__input"
                type="checkbox"
                id={`choose-${id}`}
                checked={chosen.includes(id)}
                onChange={(event) => setChosen(event.target.checked ? [...chosen, id] : chosen.filter((c) => c !== id))}
              />
              <label className="checkboxes__label" htmlFor={`choose-${id}`}>
                {getInstrument(id).title.split(' (')[0]}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      {chosen.map((id) => {
        const definition = getInstrument(id)
        const preview = previews[id]
        return (
          <fieldset key={id} className="instrument">
            <legend className="instrument__title">{definition.title}</legend>
            <p className="hint">{definition.recallPeriod}</p>
            {definition.items.map((item, index) => (
              <fieldset key={item.number} className="item" aria-describedby={definition.criticalItems.includes(item.number) ? `${id}-${item.number}-critical` : undefined}>
                <legend className="item__text">
                  {item.number}. {item.text}
                </legend>
                {definition.criticalItems.includes(item.number) ? (
                  <p className="hint" id={`${id}-${item.number}-critical`}>
                    Any answer other than the first raises a safety alert.
                  </p>
                ) : null}
                <div className="item__options">
                  {item.options.map((option) => (
                    <label key={option.value} className="item__option">
                      <input type="radio" name={`${id}-${item.number}`} value={option.value} checked={answers[id]?.[index] === option.value} onChange={() => setAnswer(id, index, option.value)} />
                      {option.label}
                    </label>
                  ))}
                </div>
              </fieldset>
            ))}
            <p className="instrument__score" role="status">
              {preview?.total !== null && preview?.total !== undefined ? `Score ${preview.total}${preview.band ? `: ${preview.band}` : ''}` : preview && Object.keys(preview.subscales).length ? `PTSD ${preview.subscales['ptsd'] ?? '–'}, DSO ${preview.subscales['dso'] ?? '–'}` : 'Not yet complete'}
              {preview?.flags.map((flag) => (
                <span key={flag.code} className={`tag tag--${flag.severity === 'critical' ? 'red' : 'yellow'}`}>
                  {flag.message}
                </span>
              ))}
            </p>
            <p className="copyright">{definition.copyright}</p>
          </fieldset>
        )
      })}
      <div className="button-group">
        <button type="button" className="button" disabled={save.isPending || chosen.length === 0} onClick={() => save.mutate()}>
          {correcting ? 'Save correction' : 'Save screening'}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </section>
  )
}
