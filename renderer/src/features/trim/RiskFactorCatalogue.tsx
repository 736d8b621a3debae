import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { RiskFactor } from '../../../../shared/contract/trim'
import { riskFactorsCaveat } from '../../../../shared/trim/risk-factors'
import { call } from '../../api'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Field } from '../../components/Field'
import { useProblems } from '../../components/forms'

const allFactorsKey = ['trim', 'risk-factors', 'all'] as const

/** Administrators: the TRiM risk factor list, to check against the force's licensed manual and edit. */
export function RiskFactorCatalogue() {
  const queryClient = useQueryClient()
  const factors = useQuery({ queryKey: allFactorsKey, queryFn: () => call('trim:riskFactors', { includeRetired: true }) })
  const [name, setName] = useState('')
  const [saving, setSaving] = useState(false)
  const problems = useProblems()
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['trim', 'risk-factors'] })

  const save = async (input: { id: string | null; name: string; retired: boolean }) => {
    problems.clear()
    setSaving(true)
    try {
      await call('trim:saveRiskFactor', input)
      if (input.id === null) setName('')
      refresh()
    } catch (error) {
      problems.show(error, ['name'])
    } finally {
      setSaving(false)
    }
  }

  return (
    <section className="panel" aria-labelledby="risk-factors-heading">
      <h2 className="heading-m" id="risk-factors-heading">
        TRiM risk factors
      </h2>
      <p className="hint">{riskFactorsCaveat}</p>
      <ErrorSummary errors={problems.summary} idPrefix="risk-factor" />
      {factors.data ? (
        <table className="table">
          <caption className="visually-hidden">TRiM risk factors, in the order an assessment asks them</caption>
          <thead>
            <tr>
              <th scope="col">Risk factor</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {factors.data.map((factor: RiskFactor) => (
              <tr key={factor.id}>
                <td>{factor.name}</td>
                <td>{factor.retired ? 'Retired' : 'In use'}</td>
                <td>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    disabled={saving}
                    onClick={() => void save({ id: factor.id, name: factor.name, retired: !factor.retired })}
                  >
                    {factor.retired ? 'Bring back' : 'Retire'}
                    <span className="visually-hidden"> {factor.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <form
        noValidate
        aria-label="Add a TRiM risk factor"
        onSubmit={(event) => {
          event.preventDefault()
          void save({ id: null, name, retired: false })
        }}
      >
        <Field
          id="risk-factor-name"
          label="Add a risk factor"
          value={name}
          onChange={(event) => {
            problems.clear()
            setName(event.target.value)
          }}
          error={problems.at('name')}
        />
        <button type="submit" className="button button--secondary" disabled={saving}>
          Add risk factor
        </button>
      </form>
    </section>
  )
}
