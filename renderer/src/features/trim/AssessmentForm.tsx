import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { todayInLondon } from '../../../../shared/calendar-date'
import type { TrimWorkItem } from '../../../../shared/contract/trim'
import {
  assessmentKindLabels,
  assessmentOutcomeLabels,
  assessmentOutcomes,
  type AssessmentKind,
  type AssessmentOutcome
} from '../../../../shared/trim/assessment'
import { riskFactorsCaveat } from '../../../../shared/trim/risk-factors'
import { call } from '../../api'
import { DateField } from '../../components/DateField'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Loading } from '../../components/Notice'
import { RadioGroup } from '../../components/RadioGroup'
import { useProblems } from '../../components/forms'
import { trimWorklistKey } from './keys'

/**
 * Records a TRiM assessment: each risk factor present or absent, the outcome, and at a follow-up
 * whether there is persistent difficulty. The core counts the score and decides whether a
 * referral is prompted; the worklist then shows what it said.
 */
export function AssessmentForm({ item, onSaved }: { item: TrimWorkItem; onSaved: () => void }) {
  const queryClient = useQueryClient()
  const factors = useQuery({ queryKey: ['trim', 'risk-factors'], queryFn: () => call('trim:riskFactors', {}) })
  const firstKind: AssessmentKind = item.assessments.some((a) => a.kind === 'initial') ? 'follow-up' : 'initial'
  const [kind, setKind] = useState<AssessmentKind>(firstKind)
  const [assessedOn, setAssessedOn] = useState<string | null>(todayInLondon(new Date()))
  const [present, setPresent] = useState<Record<string, boolean>>({})
  const [outcome, setOutcome] = useState<AssessmentOutcome | ''>('')
  const [persistent, setPersistent] = useState<'yes' | 'no' | ''>('')
  const [saving, setSaving] = useState(false)
  const problems = useProblems()
  const id = `trim-assess-${item.offerId}`

  const save = async (event: React.FormEvent) => {
    event.preventDefault()
    problems.clear()
    setSaving(true)
    try {
      await call('trim:assess', {
        offerId: item.offerId,
        kind,
        assessedOn: assessedOn ?? '',
        factors: (factors.data ?? []).map((factor) => ({ factorId: factor.id, present: present[factor.id] === true })),
        outcome: outcome === '' ? ('' as AssessmentOutcome) : outcome,
        persistentDifficulty: kind === 'follow-up' ? (persistent === '' ? null : persistent === 'yes') : null
      })
      await queryClient.invalidateQueries({ queryKey: trimWorklistKey })
      onSaved()
    } catch (error) {
      problems.show(error, ['assessedOn', 'kind', 'factors', 'outcome', 'persistentDifficulty'])
    } finally {
      setSaving(false)
    }
  }

  if (factors.isPending) return <Loading what="the risk factors" />
  return (
    <>
      <h3 className="heading-s">Record an assessment</h3>
      <ErrorSummary errors={problems.summary} idPrefix={id} />
      <form onSubmit={(event) => void save(event)} noValidate aria-label={`TRiM assessment for ${item.personName}`}>
        <RadioGroup
          legend="Which assessment"
          name={`${id}-kind`}
          value={kind}
          options={(['initial', 'follow-up'] as const)
            .filter((value) => !item.assessments.some((a) => a.kind === value))
            .map((value) => ({ value, label: assessmentKindLabels[value] }))}
          onChange={setKind}
        />
        <DateField
          id={`${id}-assessedOn`}
          legend="Date of the assessment"
          value={assessedOn}
          onChange={setAssessedOn}
          error={problems.at('assessedOn')}
        />
        <fieldset className="fieldset">
          <legend className="fieldset__legend fieldset__legend--m">Risk factors present</legend>
          <p className="hint">Tick each risk factor that is present; leave the others. {riskFactorsCaveat}</p>
          {problems.at('factors') ? <p className="error-message">{problems.at('factors')}</p> : null}
          <div className="checkboxes">
            {(factors.data ?? []).map((factor) => (
              <div className="checkboxes__item" key={factor.id}>
                <input
                  className="checkboxes__input"
                  type="checkbox"
                  id={`${id}-factor-${factor.id}`}
                  checked={present[factor.id] === true}
                  onChange={(event) => setPresent((current) => ({ ...current, [factor.id]: event.target.checked }))}
                />
                <label className="checkboxes__label" htmlFor={`${id}-factor-${factor.id}`}>
                  {factor.name}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        {kind === 'follow-up' ? (
          <RadioGroup
            legend="Persistent difficulty"
            hint="Are difficulties still there a month on?"
            name={`${id}-persistent`}
            value={persistent}
            options={[
              { value: 'yes', label: 'Yes' },
              { value: 'no', label: 'No' }
            ]}
            onChange={setPersistent}
          />
        ) : null}
        {problems.at('persistentDifficulty') ? <p className="error-message">{problems.at('persistentDifficulty')}</p> : null}
        <RadioGroup
          legend="Outcome"
          name={`${id}-outcome`}
          value={outcome}
          options={assessmentOutcomes.map((value) => ({ value, label: assessmentOutcomeLabels[value] }))}
          onChange={setOutcome}
        />
        {problems.at('outcome') ? <p className="error-message">{problems.at('outcome')}</p> : null}
        <button type="submit" className="button" disabled={saving}>
          Record the assessment
        </button>
      </form>
    </>
  )
}
