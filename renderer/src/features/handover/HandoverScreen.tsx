import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import type { StoreStatus } from '../../../../shared/contract/session'
import { getInstrument } from '../../../../shared/instruments'
import { call, messageFor } from '../../api'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Field } from '../../components/Field'
import { useProblems } from '../../components/forms'
import { HarbourMark } from '../../components/HarbourMark'
import { Notice } from '../../components/Notice'
import { sessionKey } from '../session'

type Handover = NonNullable<StoreStatus['handover']>

/**
 * What the person sees while completing questionnaires: only the questions, large, with the
 * copyright lines — no records, no names but their own, no scores. Leaving needs the clinician.
 */
export function HandoverScreen({ handover }: { handover: Handover }) {
  const queryClient = useQueryClient()
  const heading = useRef<HTMLHeadingElement>(null)
  // The screen replaces the record the clinician was scrolled down in: start at the top, with
  // the greeting focused so a screen reader starts there too (and again on the thank-you).
  useEffect(() => {
    window.scrollTo(0, 0)
    heading.current?.focus({ preventScroll: true })
  }, [handover.submitted])
  const [answers, setAnswers] = useState<Record<string, (number | null)[]>>({})
  const [passphrase, setPassphrase] = useState('')
  const refresh = (status: StoreStatus) => queryClient.setQueryData(sessionKey, status)
  const submit = useMutation({
    mutationFn: () =>
      call('handover:submit', {
        results: handover.instruments.map((instrument) => ({
          instrument,
          answers: answers[instrument] ?? getInstrument(instrument).items.map(() => null)
        }))
      }),
    onSuccess: refresh
  })
  const endProblems = useProblems()
  const end = useMutation({
    mutationFn: () => call('handover:end', { passphrase }),
    onMutate: endProblems.clear,
    onSuccess: refresh,
    onError: (error) => endProblems.show(error, ['passphrase'])
  })
  const unanswered = handover.instruments.reduce(
    (count, instrument) =>
      count +
      getInstrument(instrument).items.filter(
        (_item, index) => answers[instrument]?.[index] === undefined || answers[instrument]?.[index] === null
      ).length,
    0
  )

  return (
    <div className="handover">
      <header className="auth__brand">
        <HarbourMark size={40} />
        <span className="auth__name">Harbour</span>
        <span className="auth__service">Questionnaire</span>
      </header>
      <main className="handover__main" id="main">
        {handover.submitted ? (
          <section aria-labelledby="thanks-heading">
            <h1 className="heading-xl page-heading" id="thanks-heading" tabIndex={-1} ref={heading}>
              Thank you, {handover.firstName}
            </h1>
            <p className="lead">Your answers have been saved. Please hand the computer back to your clinician.</p>
          </section>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault()
              submit.mutate()
            }}
          >
            <h1 className="heading-xl page-heading" tabIndex={-1} ref={heading}>
              Hello {handover.firstName}
            </h1>
            <p className="lead">
              Please answer each question about how you have been. Choose the answer that fits best. There are no right or wrong answers.
            </p>
            {submit.isError ? (
              <Notice tone="error" title="Your answers were not saved">
                <p>{messageFor(submit.error)}</p>
              </Notice>
            ) : null}
            {handover.instruments.map((id) => {
              const definition = getInstrument(id)
              return (
                <section key={id} className="handover__instrument" aria-labelledby={`h-${id}`}>
                  <h2 className="heading-l" id={`h-${id}`}>
                    {definition.title.split(' (')[0]}
                  </h2>
                  <p className="lead">{definition.recallPeriod}</p>
                  {definition.items.map((item, index) => (
                    <fieldset key={item.number} className="handover__item">
                      <legend className="handover__question">
                        {item.number}. {item.text}
                      </legend>
                      <div className="handover__options">
                        {item.options.map((option) => (
                          <label key={option.value} className="handover__option">
                            <input
                              className="radios__input"
                              type="radio"
                              name={`${id}-${item.number}`}
                              checked={answers[id]?.[index] === option.value}
                              onChange={() => {
                                const next = [...(answers[id] ?? definition.items.map(() => null))]
                                next[index] = option.value
                                setAnswers({ ...answers, [id]: next })
                              }}
                            />
                            {option.label}
                          </label>
                        ))}
                      </div>
                    </fieldset>
                  ))}
                  <p className="copyright">{definition.copyright}</p>
                </section>
              )
            })}
            <p className="hint">
              {unanswered === 0
                ? 'All questions answered.'
                : `${unanswered} ${unanswered === 1 ? 'question' : 'questions'} not answered yet. You can leave a question out if you prefer.`}
            </p>
            <button type="submit" className="button button--large" disabled={submit.isPending}>
              Save my answers
            </button>
          </form>
        )}
        <section className="handover__exit" aria-labelledby="exit-heading">
          <h2 className="heading-m" id="exit-heading">
            For the clinician
          </h2>
          {/* One field: its own problem shows at it; anything else above it. */}
          <ErrorSummary errors={endProblems.summary.filter((problem) => problem.field === 'form')} idPrefix="handover" />
          <form
            className="form-row form-row--end"
            onSubmit={(event) => {
              event.preventDefault()
              end.mutate()
            }}
          >
            <Field
              id="handover-passphrase"
              label="Your passphrase, to return to Harbour"
              type="password"
              autoComplete="current-password"
              value={passphrase}
              onChange={(e) => {
                endProblems.clear()
                setPassphrase(e.target.value)
              }}
              error={endProblems.at('passphrase')}
            />
            <button type="submit" className="button button--secondary">
              Return to Harbour
            </button>
          </form>
        </section>
      </main>
    </div>
  )
}
