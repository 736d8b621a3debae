import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useMemo, useRef, useState } from 'react'
import { formatCalendarDate, todayInLondon } from '../../../../shared/calendar-date'
import { clinicianGapReasons, criticalGapReasonNames, type SavedScreening, type Screening } from '../../../../shared/contract/screening'
import { getInstrument, instrumentIds, instrumentName, scoreInstrument, type ScoreResult } from '../../../../shared/instruments'
import { startingBattery } from '../../../../shared/instruments/battery'
import { call } from '../../api'
import { DateField } from '../../components/DateField'
import { ErrorSummary, type SummaryError } from '../../components/ErrorSummary'
import { Field } from '../../components/Field'
import { placeProblems } from '../../components/forms'
import { useDraft } from '../../components/useDraft'
import { alertsKey, followUpsKey } from './query-keys'

type GapReason = (typeof clinicianGapReasons)[number]
type Gap = {
  reason: GapReason | null
  verbalAnswer: number | null
}

/** Everything typed into the form so far, as kept in a draft. */
type Sitting = {
  chosen: string[]
  answers: Record<string, (number | null)[]>
  gaps: Record<string, Gap>
  date: string | null
  reason: string
  /** Questionnaires with nothing answered that the clinician says were not attempted. */
  notAttempted?: Record<string, boolean>
}

const idPrefix = 'screening'
const itemField = (instrument: string, item: number) => `${instrument}-${item}`
const notAttemptedField = (instrument: string) => `${instrument}-not-attempted`

/** Where the backend's field path points in this form (e.g. results.0.answers.8 → PHQ-9 item 9). */
function fieldFor(path: string, chosen: string[]): string {
  const match = /^results\.(\d+)(?:\.answers\.(\d+))?/.exec(path)
  if (!match) return path === 'sittingDate' || path === 'reason' ? path : 'form'
  const instrument = chosen[Number(match[1])]
  if (!instrument) return 'form'
  if (path.endsWith('.notAttempted')) return notAttemptedField(instrument)
  return match[2] !== undefined ? itemField(instrument, Number(match[2]) + 1) : `choose-${instrument}`
}

function scoreLine(id: string, preview: ScoreResult): string {
  if (preview.total !== null) return `Score ${preview.total}${preview.band ? `: ${preview.band}` : ''}`
  if (id === 'itq') return `PTSD symptoms ${preview.subscales['ptsd'] ?? '–'}, DSO ${preview.subscales['dso'] ?? '–'}`
  return 'Not yet complete'
}

/**
 * Records one sitting: pick questionnaires (the person's role battery first), answer each
 * item, see the score as you go. A safety question left unanswered must be accounted for
 * (declined, ran out of time, or asked aloud with the answer) before the sitting is saved; the
 * backend scores everything again and refuses what this form might miss.
 */
export function ScreeningForm({
  personId,
  battery,
  correcting,
  onDone
}: {
  personId: string
  battery: string[]
  correcting?: Screening
  onDone: (saved: SavedScreening | null) => void
}) {
  const queryClient = useQueryClient()
  const itemResults = correcting?.results.filter((r) => r.answers && instrumentIds.includes(r.instrument)) ?? []
  const [initial] = useState<Sitting>(() => ({
    chosen: correcting ? itemResults.map((r) => r.instrument) : startingBattery(battery),
    answers: Object.fromEntries(itemResults.map((r) => [r.instrument, r.answers ?? []])),
    gaps: {},
    date: correcting?.sittingDate ?? todayInLondon(new Date()),
    reason: '',
    notAttempted: {}
  }))
  const [chosen, setChosen] = useState<string[]>(initial.chosen)
  const [answers, setAnswers] = useState<Record<string, (number | null)[]>>(initial.answers)
  const [gaps, setGaps] = useState<Record<string, Gap>>(initial.gaps)
  const [date, setDate] = useState<string | null>(initial.date)
  const [reason, setReason] = useState(initial.reason)
  const [notAttempted, setNotAttempted] = useState<Record<string, boolean>>(initial.notAttempted ?? {})
  const draft = useDraft<Sitting>({
    ...(correcting
      ? { form: 'screening-correction', subjectId: correcting.id, label: 'the screening correction' }
      : { form: 'screening', subjectId: personId, label: 'the screening' }),
    values: { chosen, answers, gaps, date, reason, notAttempted },
    initial,
    restore: (sitting) => {
      // Only questionnaires Harbour still knows, so an old draft cannot break the form.
      setChosen(sitting.chosen.filter((id) => instrumentIds.includes(id)))
      setAnswers(sitting.answers)
      setGaps(sitting.gaps)
      setDate(sitting.date)
      setReason(sitting.reason)
      setNotAttempted(sitting.notAttempted ?? {})
    }
  })
  const [errors, setErrors] = useState<SummaryError[]>([])
  const answersOf = (instrument: string) => answers[instrument] ?? getInstrument(instrument).items.map(() => null)
  // The preview scores an answer given aloud like a ticked one, so a positive one warns before saving.
  const previews = useMemo(
    () =>
      Object.fromEntries(
        chosen.map((id) => {
          const given = [...(answers[id] ?? getInstrument(id).items.map(() => null))]
          for (const item of getInstrument(id).criticalItems) {
            const gap = gaps[itemField(id, item)]
            if (given[item - 1] === null && gap?.reason === 'asked-verbally' && gap.verbalAnswer !== null)
              given[item - 1] = gap.verbalAnswer
          }
          return [id, scoreInstrument(id, given)]
        })
      ),
    [chosen, answers, gaps]
  )
  const nothingAnswered = (id: string) => answersOf(id).every((value) => value === null)
  const unanswered = (id: string) => getInstrument(id).criticalItems.filter((item) => answersOf(id)[item - 1] === null)

  const results = () =>
    chosen.map((instrument) => ({
      kind: 'items' as const,
      instrument,
      answers: answersOf(instrument),
      notAttempted: nothingAnswered(instrument) && notAttempted[instrument] === true,
      criticalNotAnswered: unanswered(instrument).flatMap((item) => {
        const gap = gaps[itemField(instrument, item)]
        return gap?.reason ? [{ item, reason: gap.reason, verbalAnswer: gap.reason === 'asked-verbally' ? gap.verbalAnswer : null }] : []
      })
    }))

  /** The same rule as the backend, checked first so the clinician is told before anything is sent. */
  const unaccounted = (): SummaryError[] => [
    ...(correcting && reason.trim() === '' ? [{ field: 'reason', message: 'Enter the reason for the correction' }] : []),
    ...chosen.flatMap((instrument) =>
      nothingAnswered(instrument) && notAttempted[instrument] !== true
        ? [
            {
              field: notAttemptedField(instrument),
              message: `Nothing is answered on ${instrumentName(instrument)}: record that it was not attempted, or answer it`
            }
          ]
        : []
    ),
    ...chosen.flatMap((instrument) =>
      unanswered(instrument).flatMap((item) => {
        const gap = gaps[itemField(instrument, item)]
        const name = `${instrumentName(instrument)} item ${item}`
        if (!gap?.reason)
          return [
            { field: itemField(instrument, item), message: `${name} is a safety question: answer it, or record why it was not answered` }
          ]
        if (gap.reason === 'asked-verbally' && gap.verbalAnswer === null)
          return [{ field: itemField(instrument, item), message: `Choose the answer given aloud to ${name}` }]
        return []
      })
    )
  ]

  const save = useMutation({
    mutationFn: () =>
      draft.whileSaving(() =>
        correcting
          ? call('screening:correct', { screeningId: correcting.id, reason, results: results() })
          : call('screening:save', { personId, sittingDate: date ?? '', mode: 'clinician-entered', results: results() })
      ),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['screenings', personId] })
      void queryClient.invalidateQueries({ queryKey: alertsKey })
      void queryClient.invalidateQueries({ queryKey: followUpsKey })
      void queryClient.invalidateQueries({ queryKey: ['tasks'] })
      // The caseload shows the person's open alerts and tasks: a saved result can change both.
      void queryClient.invalidateQueries({ queryKey: ['caseload'] })
      // A completed referral's outcome is paired from the person's screenings: a new score can complete it.
      void queryClient.invalidateQueries({ queryKey: ['referrals', personId] })
      onDone(saved)
    },
    onError: (error) => {
      const { atFields, elsewhere } = placeProblems(error, (path) => {
        const field = fieldFor(path, chosen)
        return field === 'form' ? undefined : field
      })
      setErrors([...atFields, ...elsewhere.map((message) => ({ field: 'form', message }))])
    }
  })

  const submit = () => {
    const problems = unaccounted()
    setErrors(problems)
    if (problems.length === 0) save.mutate()
  }
  const errorAt = (field: string) => errors.find((error) => error.field === field)?.message
  // Editing a field clears its own message and anything told at the top; the rest wait for the next save.
  const edited = (field: string) => setErrors((current) => current.filter((error) => error.field !== field && error.field !== 'form'))
  const setAnswer = (instrument: string, index: number, value: number) => {
    const next = [...answersOf(instrument)]
    next[index] = value
    setAnswers({ ...answers, [instrument]: next })
    edited(itemField(instrument, index + 1))
  }
  const setGap = (field: string, gap: Gap) => {
    setGaps({ ...gaps, [field]: gap })
    edited(field)
  }

  // The form opens away from the button that opened it (a correction, far above its row in the
  // history): bring it into view below the banner and put focus on its heading.
  const section = useRef<HTMLElement>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    heading.current?.focus({ preventScroll: true })
    section.current?.scrollIntoView({ block: 'start' })
  }, [])
  const headingId = correcting ? 'correct-screening-heading' : 'record-screening-heading'

  return (
    <section className="panel panel--inset" aria-labelledby={headingId} ref={section}>
      <h3 className="heading-m quiet-focus" id={headingId} tabIndex={-1} ref={heading}>
        {correcting ? 'Correct a screening' : 'Record a screening'}
      </h3>
      {correcting ? (
        <p>
          This corrects the screening of {formatCalendarDate(correcting.sittingDate)}. The original stays in the history. The correction
          becomes version {correcting.version + 1}.
        </p>
      ) : null}
      {draft.notice}
      <ErrorSummary errors={errors} idPrefix={idPrefix} />
      {correcting ? (
        <Field
          id={`${idPrefix}-reason`}
          label="Reason for the correction"
          width="full"
          value={reason}
          onChange={(e) => {
            edited('reason')
            setReason(e.target.value)
          }}
          error={errorAt('reason')}
        />
      ) : (
        <DateField
          id={`${idPrefix}-sittingDate`}
          legend="Date of the screening"
          value={date}
          onChange={(value) => {
            edited('sittingDate')
            setDate(value)
          }}
          error={errorAt('sittingDate')}
        />
      )}
      <fieldset className="fieldset">
        <legend className="fieldset__legend">Questionnaires</legend>
        <div className="checkboxes checkboxes--inline">
          {instrumentIds.map((id) => (
            <div className="checkboxes__item" key={id}>
              <input
                className="checkboxes__input"
                type="checkbox"
                id={`${idPrefix}-choose-${id}`}
                checked={chosen.includes(id)}
                onChange={(event) => setChosen(event.target.checked ? [...chosen, id] : chosen.filter((c) => c !== id))}
              />
              <label className="checkboxes__label" htmlFor={`${idPrefix}-choose-${id}`}>
                {instrumentName(id)}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      {chosen.map((id) => {
        const definition = getInstrument(id)
        const preview = previews[id]
        const started = answersOf(id).some((value) => value !== null)
        return (
          <fieldset key={id} className="instrument">
            <legend className="instrument__title">{definition.title}</legend>
            <p className="hint">{definition.recallPeriod}</p>
            {!started ? (
              <div className={`form-group${errorAt(notAttemptedField(id)) ? ' form-group--error' : ''}`}>
                <p className="hint" id={`${idPrefix}-${notAttemptedField(id)}-hint`}>
                  Nothing is answered on {instrumentName(id)} yet. Was it not attempted? If so, say so here: it is recorded as “Not
                  attempted”, not as a result.
                </p>
                {errorAt(notAttemptedField(id)) ? (
                  <p className="error-message" id={`${idPrefix}-${notAttemptedField(id)}-error`}>
                    <span className="visually-hidden">Error:</span> {errorAt(notAttemptedField(id))}
                  </p>
                ) : null}
                <div className="checkboxes__item">
                  <input
                    className="checkboxes__input"
                    type="checkbox"
                    id={`${idPrefix}-${notAttemptedField(id)}`}
                    aria-describedby={`${idPrefix}-${notAttemptedField(id)}-hint`}
                    checked={notAttempted[id] === true}
                    onChange={(event) => {
                      setNotAttempted({ ...notAttempted, [id]: event.target.checked })
                      edited(notAttemptedField(id))
                    }}
                  />
                  <label className="checkboxes__label" htmlFor={`${idPrefix}-${notAttemptedField(id)}`}>
                    {instrumentName(id)} was not attempted
                  </label>
                </div>
              </div>
            ) : null}
            {definition.items.map((item, index) => {
              const field = itemField(id, item.number)
              const critical = definition.criticalItems.includes(item.number)
              const unanswered = answersOf(id)[index] === null
              const gap = gaps[field]
              const error = errorAt(field)
              return (
                <fieldset
                  key={item.number}
                  className={`item${error ? ' item--error' : ''}`}
                  aria-describedby={
                    [critical ? `${field}-critical` : '', error ? `${field}-error` : ''].filter(Boolean).join(' ') || undefined
                  }
                >
                  <legend className="item__text">
                    {item.number}. {item.text}
                  </legend>
                  {critical ? (
                    <p className="hint" id={`${field}-critical`}>
                      A safety question: any answer other than the first raises a safety alert. If it is not answered, say why.
                    </p>
                  ) : null}
                  {error ? (
                    <p className="error-message" id={`${field}-error`}>
                      <span className="visually-hidden">Error:</span> {error}
                    </p>
                  ) : null}
                  <div className="item__options">
                    {item.options.map((option, optionIndex) => (
                      <label key={option.value} className="item__option">
                        <input
                          id={optionIndex === 0 ? `${idPrefix}-${field}` : undefined}
                          type="radio"
                          name={field}
                          value={option.value}
                          checked={answersOf(id)[index] === option.value}
                          onChange={() => setAnswer(id, index, option.value)}
                        />
                        {option.label}
                      </label>
                    ))}
                  </div>
                  {critical && unanswered && (started || error) ? (
                    <fieldset className="fieldset critical-gap">
                      <legend className="fieldset__legend fieldset__legend--s">Not answered: why?</legend>
                      <div className="radios radios--small">
                        {clinicianGapReasons.map((reasonValue) => (
                          <div className="radios__item" key={reasonValue}>
                            <input
                              className="radios__input"
                              type="radio"
                              id={`${field}-why-${reasonValue}`}
                              name={`${field}-why`}
                              checked={gap?.reason === reasonValue}
                              onChange={() => setGap(field, { reason: reasonValue, verbalAnswer: null })}
                            />
                            <label className="radios__label" htmlFor={`${field}-why-${reasonValue}`}>
                              {criticalGapReasonNames[reasonValue]}
                            </label>
                          </div>
                        ))}
                      </div>
                      {gap?.reason === 'asked-verbally' ? (
                        <fieldset className="fieldset">
                          <legend className="fieldset__legend fieldset__legend--s">The answer given aloud</legend>
                          <div className="item__options">
                            {item.options.map((option) => (
                              <label key={option.value} className="item__option">
                                <input
                                  type="radio"
                                  name={`${field}-verbal`}
                                  checked={gap.verbalAnswer === option.value}
                                  onChange={() => setGap(field, { reason: 'asked-verbally', verbalAnswer: option.value })}
                                />
                                {option.label}
                              </label>
                            ))}
                          </div>
                        </fieldset>
                      ) : null}
                    </fieldset>
                  ) : null}
                </fieldset>
              )
            })}
            <p className="instrument__score" role="status">
              {preview ? scoreLine(id, preview) : null}
              {preview?.unansweredCritical.map((item) => (
                <span key={`gap-${item}`} className="tag tag--purple">
                  Risk not assessed: item {item} not answered
                </span>
              ))}
              {unanswered(id)
                .filter(
                  (item) => gaps[itemField(id, item)]?.reason === 'asked-verbally' && gaps[itemField(id, item)]?.verbalAnswer !== null
                )
                .map((item) => (
                  <span key={`verbal-${item}`} className="tag tag--grey">
                    Item {item} answered aloud
                  </span>
                ))}
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
        <button type="button" className="button" disabled={save.isPending || chosen.length === 0} onClick={submit}>
          {correcting ? 'Save correction' : 'Save screening'}
        </button>
        <button type="button" className="button button--secondary" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </section>
  )
}
