import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { ExposureThresholds } from '../../../../shared/incidents/exposure-load'
import { call, messageFor } from '../../api'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Field } from '../../components/Field'
import { Loading, Notice } from '../../components/Notice'
import { useProblems } from '../../components/forms'

const fields = ['countIn30Days', 'weightedIn12Months']
const thresholdsKey = ['incident-thresholds'] as const

/** Blank switches the rule off; anything else goes as typed, so the core's message names the field. */
function ruleValue(text: string): number | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  const value = Number(trimmed)
  return Number.isFinite(value) ? value : (trimmed as unknown as number)
}

/** The exposure thresholds that raise a review task, for administrators. */
export function ThresholdsForm() {
  const current = useQuery({ queryKey: thresholdsKey, queryFn: () => call('incidents:thresholds', {}) })
  if (current.isPending) return <Loading what="the exposure thresholds" />
  if (current.isError)
    return (
      <Notice tone="error" title="The exposure thresholds could not be loaded">
        <p>{messageFor(current.error)}</p>
      </Notice>
    )
  return <Form current={current.data} />
}

function Form({ current }: { current: ExposureThresholds }) {
  const queryClient = useQueryClient()
  const [count, setCount] = useState(current.countIn30Days === null ? '' : String(current.countIn30Days))
  const [weighted, setWeighted] = useState(current.weightedIn12Months === null ? '' : String(current.weightedIn12Months))
  const [saved, setSaved] = useState(false)
  const problems = useProblems()
  return (
    <section className="panel" aria-labelledby="thresholds-heading">
      <h2 className="heading-m" id="thresholds-heading">
        Exposure thresholds
      </h2>
      <p>
        A person meeting either rule gets a review task, assigned to the holder of their open case or else to the clinician recording. Leave
        a rule blank to switch it off.
      </p>
      <ErrorSummary errors={problems.summary} idPrefix="thresholds" />
      {saved ? (
        <p role="status" className="notice notice--info">
          Exposure thresholds saved.
        </p>
      ) : null}
      <form
        noValidate
        aria-labelledby="thresholds-heading"
        onSubmit={(event) => {
          event.preventDefault()
          problems.clear()
          setSaved(false)
          call('incidents:setThresholds', { countIn30Days: ruleValue(count), weightedIn12Months: ruleValue(weighted) })
            .then((next) => {
              queryClient.setQueryData(thresholdsKey, next)
              setSaved(true)
            })
            .catch((error: unknown) => problems.show(error, fields))
        }}
      >
        <Field
          id="thresholds-countIn30Days"
          label="Exposures in 30 days"
          hint="A review is raised at this many exposures or more in 30 days."
          width="narrow"
          inputMode="numeric"
          value={count}
          onChange={(event) => setCount(event.target.value)}
          error={problems.at('countIn30Days')}
        />
        <Field
          id="thresholds-weightedIn12Months"
          label="Weighted load in 12 months"
          hint="Each exposure weighs its category’s weight × its intensity (low 1, medium 2, high 3)."
          width="narrow"
          inputMode="numeric"
          value={weighted}
          onChange={(event) => setWeighted(event.target.value)}
          error={problems.at('weightedIn12Months')}
        />
        <button type="submit" className="button button--secondary">
          Save thresholds
        </button>
      </form>
    </section>
  )
}
