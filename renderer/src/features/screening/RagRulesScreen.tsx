import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { getInstrument, instrumentIds, instrumentName } from '../../../../shared/instruments'
import { flagName } from '../../../../shared/instruments/flag-names'
import { amberFollowUpNames, amberFollowUps, type AmberFollowUp } from '../../../../shared/instruments/follow-up'
import { clinicalCutoffOf, defaultRagRules, fixedRules, isCriticalItemRule, type RagRule } from '../../../../shared/instruments/rag'
import { call, messageFor } from '../../api'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Field } from '../../components/Field'
import { Loading, Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { RadioGroup } from '../../components/RadioGroup'
import { Tag } from '../../components/Tag'

const amberKey = ['amber-follow-up'] as const

function describeCondition(rule: RagRule): string {
  const when = rule.when
  switch (when.kind) {
    case 'critical-flag':
      return 'Any safety question (critical item) is positive'
    case 'flag':
      return when.codes.map(flagName).join(', or ')
    case 'band':
      return `${instrumentName(when.instrument)} in band ${when.bands.join(' or ')}`
    case 'total-at-least':
      return `${instrumentName(when.instrument)} total ${when.total} or more`
    case 'cutoff':
      return `${instrumentName(when.instrument)} at its clinical cut-off (${clinicalCutoffOf(when.instrument) ?? 'none'} or more)`
  }
}

interface Change {
  title: string
  explanation: string
  rules: RagRule[]
}

/** What an amber result leads to: a setting for administrators, changed with an explicit Save. Red and unassessed risk always lead somewhere. */
function AmberFollowUpSetting() {
  const queryClient = useQueryClient()
  const setting = useQuery({ queryKey: amberKey, queryFn: () => call('screening:followUpSetting', {}) })
  const [choice, setChoice] = useState<AmberFollowUp | null>(null)
  const save = useMutation({
    mutationFn: (amber: AmberFollowUp) => call('screening:setFollowUpSetting', { amber }),
    onSuccess: (saved) => {
      queryClient.setQueryData(amberKey, saved)
      setChoice(null)
    }
  })
  if (!setting.data) return null
  const current = choice ?? setting.data.amber
  return (
    <section className="panel" aria-labelledby="amber-heading">
      <h2 className="heading-m" id="amber-heading">
        What an amber result leads to
      </h2>
      <p>
        A red result, or a safety question left unanswered, always leads to a review by the case clinician or, with no open case, a decision
        by the team.
      </p>
      {save.isError ? (
        <Notice tone="error" title="The setting was not saved">
          <p>{messageFor(save.error)}</p>
        </Notice>
      ) : null}
      {save.isSuccess ? (
        <Notice tone="info" title="Saved">
          <p>New amber results will follow this setting: {amberFollowUpNames[setting.data.amber].toLowerCase()}.</p>
        </Notice>
      ) : null}
      <RadioGroup
        legend="Amber results lead to"
        name="amber-follow-up"
        value={current}
        options={amberFollowUps.map((value) => ({ value, label: amberFollowUpNames[value] }))}
        onChange={(value) => setChoice(value)}
      />
      {current === 'none' ? (
        <p className="warning-text">
          With this choice, a result marked amber reaches no one unless a clinician opens the person’s history.
        </p>
      ) : null}
      <button
        type="button"
        className="button button--secondary"
        disabled={choice === null || choice === setting.data.amber || save.isPending}
        onClick={() => choice && save.mutate(choice)}
      >
        Save what amber leads to
      </button>
    </section>
  )
}

/** Administrators: the rules that turn a sitting red or amber. The first matching red rule wins, then amber. */
export function RagRulesScreen() {
  const queryClient = useQueryClient()
  const rules = useQuery({ queryKey: ['rag-rules'], queryFn: () => call('screening:rules', {}) })
  const [pending, setPending] = useState<Change | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const save = useMutation({
    mutationFn: (change: Change) => call('screening:setRules', { rules: change.rules }),
    onSuccess: (result, change) => {
      queryClient.setQueryData(['rag-rules'], result)
      setPending(null)
      setSaved(change.title.replace(/\?$/, ''))
    }
  })
  const [instrument, setInstrument] = useState('phq9')
  const [total, setTotal] = useState('')
  const [level, setLevel] = useState<'red' | 'amber'>('amber')
  const current = rules.data ?? []
  const amber = useQuery({ queryKey: amberKey, queryFn: () => call('screening:followUpSetting', {}) })
  const amberLeadsNowhere = amber.data?.amber === 'none'
  const ask = (change: Change) => {
    setSaved(null)
    save.reset()
    setPending(change)
  }
  const add = () => {
    const value = Number(total)
    const name = instrumentName(instrument)
    const rule: RagRule = {
      id: `${instrument}-${level}-${value}`,
      level,
      description: `${name} ${value} or more`,
      when: { kind: 'total-at-least', instrument, total: value }
    }
    ask({
      title: `Add the rule “${rule.description}”?`,
      explanation: `From now on, a screening with ${name} ${value} or more is marked ${level}.`,
      rules: [...current, rule]
    })
  }
  const invalidTotal = total !== '' && !/^\d+$/.test(total)
  return (
    <Page
      title="Screening rules"
      lead="How a screening is marked red, amber or green. Red rules are checked first; the result names the rule that fired."
    >
      {save.isError ? (
        <Notice tone="error" title="The rules were not changed">
          <p>{messageFor(save.error)}</p>
        </Notice>
      ) : null}
      {saved ? (
        <Notice tone="info" title="Rules changed">
          <p>{saved}: done.</p>
        </Notice>
      ) : null}
      {rules.isPending ? <Loading what="rules" /> : null}
      <table className="table table--spaced">
        <caption className="table__caption">
          {current.length} rules you can change, and {fixedRules.length} built into Harbour
        </caption>
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
                {isCriticalItemRule(rule) ? (
                  <span className="hint">Always applied</span>
                ) : (
                  <button
                    type="button"
                    className="link-button link-button--warning"
                    onClick={() =>
                      ask({
                        title: `Remove the rule “${rule.description}”?`,
                        explanation: `Screenings will no longer be marked ${rule.level} for: ${describeCondition(rule)}.${amberLeadsNowhere ? ' Amber results are set to lead to nothing, so a result this rule would have caught may reach no one.' : ''}`,
                        rules: current.filter((r) => r.id !== rule.id)
                      })
                    }
                  >
                    Remove<span className="visually-hidden"> the rule {rule.description}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
          {fixedRules.map((rule) => (
            <tr key={rule.id}>
              <td>
                <Tag colour="yellow">AT LEAST AMBER</Tag>
              </td>
              <td>{rule.description}</td>
              <td>Built into Harbour</td>
              <td>
                <span className="hint">Always applied</span>
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
                    {instrumentName(id)}
                  </option>
                ))}
            </select>
          </div>
          <Field
            id="rule-total"
            label="Total at least"
            width="narrow"
            inputMode="numeric"
            value={total}
            onChange={(e) => setTotal(e.target.value)}
            error={invalidTotal ? 'Enter a whole number' : undefined}
          />
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
        <button
          type="button"
          className="link-button"
          onClick={() =>
            ask({
              title: 'Restore the default rules?',
              explanation: `The ${current.length} rules you can change are replaced by Harbour’s ${defaultRagRules.length} default rules; any rule added here is removed. The built-in rules stay, and what amber leads to is not changed by this.`,
              rules: defaultRagRules
            })
          }
        >
          Restore the default rules
        </button>
      </section>
      <AmberFollowUpSetting />
      {pending ? (
        <ConfirmDialog
          confirmation={{ title: pending.title, explanation: pending.explanation, confirmLabel: 'Confirm the change' }}
          pending={save.isPending}
          error={save.isError ? messageFor(save.error) : null}
          onConfirm={() => save.mutate(pending)}
          onCancel={() => setPending(null)}
        >
          <p className="hint">
            Screenings already saved keep the result they were given. The change is written to the audit log with the old and new rules.
          </p>
        </ConfirmDialog>
      ) : null}
    </Page>
  )
}
