import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { instrumentIds, getInstrument } from '../../../../shared/instruments'
import { defaultRagRules, type RagRule } from '../../../../shared/instruments/rag'
import { call, messageFor } from '../../api'
import { Field } from '../../components/Field'
import { Loading, Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { Tag } from '../../components/Tag'

function describeCondition(rule: RagRule): string {
  const when = rule.when
  switch (when.kind) {
    case 'critical-flag':
      return 'Any critical item is positive'
    case 'flag':
      return `Result flagged ${when.codes.join(' or ')}`
    case 'band':
      return `${when.instrument.toUpperCase()} in band ${when.bands.join(' or ')}`
    case 'total-at-least':
      return `${when.instrument.toUpperCase()} total ${when.total} or more`
  }
}

/** Administrators: the rules that turn a sitting red or amber. The first matching red rule wins, then amber. */
export function RagRulesScreen() {
  const queryClient = useQueryClient()
  const rules = useQuery({ queryKey: ['rag-rules'], queryFn: () => call('screening:rules', {}) })
  const save = useMutation({ mutationFn: (next: RagRule[]) => call('screening:setRules', { rules: next }), onSuccess: (saved) => queryClient.setQueryData(['rag-rules'], saved) })
  const [instrument, setInstrument] = useState('phq9')
  const [total, setTotal] = useState('')
  const [level, setLevel] = useState<'red' | 'amber'>('amber')
  const current = rules.data ?? []
  const add = () => {
    const value = Number(total)
    save.mutate([
      ...current,
      { id: `${instrument}-${level}-${value}`, level, description: `${getInstrument(instrument).title.split(' (')[0]} ${value} or more`, when: { kind: 'total-at-least', instrument, total: value } }
    ])
  }
  const invalidTotal = total !== '' && !/^\d+$/.test(total)
  return (
    <Page title="Screening rules" lead="How a screening is marked red, amber or green. Red rules are checked first; the result names the rule that fired.">
      {save.isError ? (
        <Notice tone="error" title="The rules were not saved">
          <p>{messageFor(save.error)}</p>
        </Notice>
      ) : null}
      {rules.isPending ? <Loading what="rules" /> : null}
      <table className="table table--spaced">
        <caption className="table__caption">{current.length} rules</caption>
        <thead>
          <tr>
            <th scope="col">Level</th>
            <th scope="col">Rule</th>
            <th scope="col">Condition</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {current.map((rule) => (
            <tr key={rule.id}>
              <td>
                <Tag colour={rule.level === 'red' ? 'red' : 'yellow'}>{rule.level.toUpperCase()}</Tag>
              </td>
              <td>{rule.description}</td>
              <td>{describeCondition(rule)}</td>
              <td>
                <button type="button" className="link-button link-button--warning" onClick={() => save.mutate(current.filter((r) => r.id !== rule.id))}>
                  Remove<span className="visually-hidden"> the rule {rule.description}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="panel" aria-labelledby="add-rule-heading">
        <h2 className="heading-m" id="add-rule-heading">
          Add a rule
        </h2>
        <div className="form-row form-row--end">
          <div className="form-group">
            <label className="label" htmlFor="rule-instrument">
              Questionnaire
            </label>
            <select id="rule-instrument" className="select" value={instrument} onChange={(e) => setInstrument(e.target.value)}>
              {instrumentIds
                .filter((id) => getInstrument(id).range)
                .map((id) => (
                  <option key={id} value={id}>
                    {getInstrument(id).title.split(' (')[0]}
                  </option>
                ))}
            </select>
          </div>
          <Field id="rule-total" label="Total at least" width="narrow" inputMode="numeric" value={total} onChange={(e) => setTotal(e.target.value)} error={invalidTotal ? 'Enter a whole number' : undefined} />
          <div className="form-group">
            <label className="label" htmlFor="rule-level">
              Marks the screening
            </label>
            <select id="rule-level" className="select" value={level} onChange={(e) => setLevel(e.target.value as 'red' | 'amber')}>
              <option value="amber">Amber</option>
              <option value="red">Red</option>
            </select>
          </div>
          <button type="button" className="button button--secondary" disabled={total === '' || invalidTotal} onClick={add}>
            Add rule
          </button>
        </div>
        <button type="button" className="link-button" onClick={() => save.mutate(defaultRagRules)}>
          Restore the default rules
        </button>
      </section>
    </Page>
  )
}
