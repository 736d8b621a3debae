import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { formatCalendarDate, todayInLondon } from '../../../../shared/calendar-date'
import type { Incident } from '../../../../shared/contract/incidents'
import type { TrimPlan } from '../../../../shared/contract/trim'
import {
  notNeededReasonLabels,
  notNeededReasons,
  planDecisionLabels,
  type NotNeededReason,
  type PlanDecision
} from '../../../../shared/trim/planning'
import { call, messageFor } from '../../api'
import { DateField } from '../../components/DateField'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Loading, Notice } from '../../components/Notice'
import { RadioGroup } from '../../components/RadioGroup'
import { SelectField } from '../../components/SelectField'
import { useProblems } from '../../components/forms'
import { trimIncidentsToPlanKey, trimPlanKey, trimWorklistKey } from './keys'

/**
 * TRiM planning for one incident, on the Incidents screen (clinicians) and the TRiM screen
 * (coordinators who are TRiM practitioners): the decision once recorded (who is
 * offered TRiM, their practitioner and the two due dates the core set), or the form to record it.
 */
export function TrimPlanSection({ incident }: { incident: Incident }) {
  const plan = useQuery({ queryKey: trimPlanKey(incident.id), queryFn: () => call('trim:planForIncident', { incidentId: incident.id }) })
  return (
    <section className="panel" aria-labelledby={`trim-plan-${incident.id}`}>
      <h3 className="heading-m" id={`trim-plan-${incident.id}`}>
        TRiM for the {incident.categoryName.toLowerCase()} on {formatCalendarDate(incident.occurredOn)}
      </h3>
      {plan.isPending ? <Loading what="the TRiM plan" /> : null}
      {plan.isError ? (
        <Notice tone="error" title="The TRiM plan could not be loaded">
          <p>{messageFor(plan.error)}</p>
        </Notice>
      ) : null}
      {plan.data ? <PlanSummary plan={plan.data} /> : null}
      {plan.data === null ? <PlanForm incident={incident} /> : null}
    </section>
  )
}

function PlanSummary({ plan }: { plan: TrimPlan }) {
  return (
    <>
      <p>
        {planDecisionLabels[plan.decision]} on {formatCalendarDate(plan.decidedOn)} by {plan.plannedByName}
        {plan.notNeededReason ? ` (${notNeededReasonLabels[plan.notNeededReason].toLowerCase()})` : ''}.
      </p>
      {plan.offers.length > 0 ? (
        <table className="table">
          <caption className="visually-hidden">People offered TRiM</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">TRiM practitioner</th>
              <th scope="col">Initial assessment due</th>
              <th scope="col">Follow-up due</th>
            </tr>
          </thead>
          <tbody>
            {plan.offers.map((offer) => (
              <tr key={offer.id}>
                <td>
                  {offer.personName} ({offer.staffNumber})
                </td>
                <td>{offer.practitionerName}</td>
                <td>{formatCalendarDate(offer.initialDue)}</td>
                <td>{formatCalendarDate(offer.followUpDue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  )
}

function PlanForm({ incident }: { incident: Incident }) {
  const queryClient = useQueryClient()
  const practitioners = useQuery({ queryKey: ['trim', 'practitioners'], queryFn: () => call('trim:practitioners', {}) })
  const [decidedOn, setDecidedOn] = useState<string | null>(todayInLondon(new Date()))
  const [decision, setDecision] = useState<PlanDecision>('offered')
  const [reason, setReason] = useState<NotNeededReason | ''>('')
  const [chosen, setChosen] = useState<Record<string, string>>({})
  const [saving, setSaving] = useState(false)
  const problems = useProblems()
  const fields = ['decidedOn', 'decision', 'notNeededReason', 'offers', 'practitionerId']

  const save = async (event: React.FormEvent) => {
    event.preventDefault()
    problems.clear()
    setSaving(true)
    try {
      const saved = await call('trim:plan', {
        incidentId: incident.id,
        decidedOn: decidedOn ?? '',
        decision,
        notNeededReason: decision === 'not-needed' ? (reason === '' ? null : reason) : null,
        offers:
          decision === 'offered'
            ? Object.entries(chosen)
                .filter(([, practitionerId]) => practitionerId !== 'none')
                .map(([personId, practitionerId]) => ({ personId, practitionerId }))
            : []
      })
      queryClient.setQueryData(trimPlanKey(incident.id), saved)
      // The incident no longer awaits a decision, and a coordinator who offered themselves has new work.
      void queryClient.invalidateQueries({ queryKey: trimIncidentsToPlanKey })
      void queryClient.invalidateQueries({ queryKey: trimWorklistKey })
    } catch (error) {
      problems.show(error, fields)
    } finally {
      setSaving(false)
    }
  }

  const practitionerOptions = [
    { value: 'none', label: 'Not offered' },
    ...(practitioners.data ?? []).map((p) => ({ value: p.id, label: `Offer TRiM, with ${p.displayName}` }))
  ]
  return (
    <>
      <ErrorSummary errors={problems.summary} idPrefix={`trim-plan-${incident.id}`} />
      <form onSubmit={(event) => void save(event)} noValidate aria-label="Record the TRiM planning decision">
        <DateField
          id={`trim-plan-${incident.id}-decidedOn`}
          legend="Date of the planning decision"
          hint="Usually within 24 to 48 hours of the incident"
          value={decidedOn}
          onChange={(value) => {
            problems.clear()
            setDecidedOn(value)
          }}
          error={problems.at('decidedOn')}
        />
        <RadioGroup
          legend="Planning decision"
          name={`trim-plan-${incident.id}-decision`}
          value={decision}
          options={[
            { value: 'offered', label: planDecisionLabels.offered },
            { value: 'not-needed', label: planDecisionLabels['not-needed'] }
          ]}
          onChange={(value) => {
            problems.clear()
            setDecision(value)
          }}
        />
        {decision === 'not-needed' ? (
          <SelectField
            id={`trim-plan-${incident.id}-notNeededReason`}
            label="Why TRiM is not needed"
            placeholder="Choose a reason"
            options={notNeededReasons.map((value) => ({ value, label: notNeededReasonLabels[value] }))}
            value={reason}
            onChange={(event) => setReason(event.target.value as NotNeededReason)}
            error={problems.at('notNeededReason')}
          />
        ) : (
          <fieldset className="fieldset">
            <legend className="fieldset__legend fieldset__legend--m">People offered TRiM</legend>
            {problems.at('offers') || problems.at('practitionerId') ? (
              <p className="error-message">{problems.at('offers') ?? problems.at('practitionerId')}</p>
            ) : null}
            {practitioners.data && practitioners.data.length === 0 ? (
              <p className="hint">No one has the TRiM practitioner role yet. An administrator gives it on the Users screen.</p>
            ) : null}
            {incident.exposures.map((exposure) => (
              <SelectField
                key={exposure.personId}
                id={`trim-offer-${incident.id}-${exposure.personId}`}
                label={`${exposure.personName} (${exposure.staffNumber})`}
                options={practitionerOptions}
                value={chosen[exposure.personId] ?? 'none'}
                onChange={(event) => {
                  problems.clear()
                  setChosen((current) => ({ ...current, [exposure.personId]: event.target.value }))
                }}
              />
            ))}
          </fieldset>
        )}
        <button type="submit" className="button" disabled={saving}>
          Record the planning decision
        </button>
      </form>
    </>
  )
}
