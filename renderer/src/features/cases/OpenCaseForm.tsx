import { useQueryClient } from '@tanstack/react-query'
import { Controller, useWatch } from 'react-hook-form'
import type { z } from 'zod'
import {
  caseFlagNames,
  caseFlags,
  caseReasonNames,
  caseReasons,
  openCaseInput,
  priorities,
  priorityNames,
  type CaseReason
} from '../../../../shared/contract/cases'
import { call } from '../../api'
import { DateField } from '../../components/DateField'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Field } from '../../components/Field'
import { SelectField } from '../../components/SelectField'
import { errorAt, showApiError, summaryOf, useHarbourForm } from '../../components/forms'
import { useFormDraft } from '../../components/useFormDraft'

// The person is fixed by the page, so it is added on submit rather than held as a field.
const formSchema = openCaseInput.omit({ personId: true })
type Values = z.input<typeof formSchema>
const order = ['reason', 'priority', 'nextReviewDate', 'pathway']
const natures = ['racism', 'misogyny', 'homophobia', 'bullying', 'sexual-harassment', 'other'] as const

/** Opens a case; the pathways the guidance names ask for their own facts. */
export function OpenCaseForm({ personId, defaultReason, onDone }: { personId: string; defaultReason?: CaseReason; onDone: () => void }) {
  const queryClient = useQueryClient()
  const methods = useHarbourForm<Values>(formSchema, {
    defaultValues: {
      ...(defaultReason ? { reason: defaultReason } : {}),
      priority: 'routine',
      nextReviewDate: null,
      flags: [],
      pathway: {}
    },
    shouldUnregister: true
  })
  const { register, handleSubmit, setError, formState, control } = methods
  const draft = useFormDraft({ form: 'open-case', subjectId: personId, label: 'the new case' }, methods)
  const reason = useWatch({ control, name: 'reason' })
  const errors = formState.errors
  const submit = handleSubmit(async (values) => {
    try {
      await draft.whileSaving(() => call('cases:open', { ...values, personId }))
      void queryClient.invalidateQueries({ queryKey: ['cases', personId] })
      void queryClient.invalidateQueries({ queryKey: ['caseload'] })
      // Opening a case decides any screening result that was waiting for the team.
      void queryClient.invalidateQueries({ queryKey: ['follow-ups'] })
      onDone()
    } catch (error) {
      showApiError(error, setError, order)
    }
  })
  return (
    <section className="panel panel--inset" aria-labelledby="open-case-heading">
      <h3 className="heading-m" id="open-case-heading">
        Open a case
      </h3>
      {draft.notice}
      <ErrorSummary errors={summaryOf(errors, order)} idPrefix="case" />
      <form onSubmit={submit} noValidate>
        <SelectField
          id="case-reason"
          label="Reason"
          placeholder="Choose a reason"
          options={caseReasons.map((r) => ({ value: r, label: caseReasonNames[r] }))}
          error={errors.reason?.message}
          {...register('reason')}
        />
        <SelectField
          id="case-priority"
          label="Priority"
          options={priorities.map((p) => ({ value: p, label: priorityNames[p] }))}
          error={errors.priority?.message}
          {...register('priority')}
        />
        <Controller
          control={control}
          name="nextReviewDate"
          render={({ field }) => (
            <DateField
              id="case-nextReviewDate"
              legend="Next review (optional)"
              hint="For example 3 12 2026"
              value={field.value ?? null}
              onChange={field.onChange}
              error={errors.nextReviewDate?.message}
            />
          )}
        />
        {reason === 'bereavement' ? (
          <fieldset className="fieldset pathway" aria-describedby="bereavement-hint">
            <legend className="fieldset__legend">Bereavement counselling</legend>
            <p className="hint" id="bereavement-hint">
              Counselling must be actively offered. Record when, and the answer.
            </p>
            <Controller
              control={control}
              name="pathway.bereavement.counsellingOfferedOn"
              render={({ field }) => (
                <DateField
                  id="case-pathway.bereavement.counsellingOfferedOn"
                  legend="Offered on"
                  value={field.value ?? null}
                  onChange={field.onChange}
                  error={errorAt(errors, 'pathway.bereavement.counsellingOfferedOn') ?? errorAt(errors, 'pathway.bereavement')}
                />
              )}
            />
            <SelectField
              id="case-pathway.bereavement.response"
              label="Answer"
              placeholder="Choose"
              options={[
                { value: 'accepted', label: 'Accepted' },
                { value: 'declined', label: 'Declined' },
                { value: 'awaiting', label: 'Thinking about it' }
              ]}
              error={errorAt(errors, 'pathway.bereavement.response')}
              {...register('pathway.bereavement.response')}
            />
          </fieldset>
        ) : null}
        {reason === 'under-investigation' ? (
          <fieldset className="fieldset pathway">
            <legend className="fieldset__legend">Investigation</legend>
            <Controller
              control={control}
              name="pathway.investigation.noticeDate"
              render={({ field }) => (
                <DateField
                  id="case-pathway.investigation.noticeDate"
                  legend="Notice served on"
                  value={field.value ?? null}
                  onChange={field.onChange}
                  error={errorAt(errors, 'pathway.investigation.noticeDate')}
                />
              )}
            />
            <Field
              id="case-pathway.investigation.welfareOfficer"
              label="Welfare support officer"
              error={errorAt(errors, 'pathway.investigation.welfareOfficer')}
              {...register('pathway.investigation.welfareOfficer')}
            />
            <Controller
              control={control}
              name="pathway.investigation.nextHearingDate"
              render={({ field }) => (
                <DateField
                  id="case-pathway.investigation.nextHearingDate"
                  legend="Next hearing"
                  hint="A welfare review task is set for this date."
                  value={field.value ?? null}
                  onChange={field.onChange}
                  error={errorAt(errors, 'pathway.investigation.nextHearingDate')}
                />
              )}
            />
          </fieldset>
        ) : null}
        {reason === 'internal-abuse-report' ? (
          <fieldset className="fieldset pathway">
            <legend className="fieldset__legend">What was reported</legend>
            {errorAt(errors, 'pathway.internalAbuse.nature') || errorAt(errors, 'pathway.internalAbuse') ? (
              <p className="error-message">{errorAt(errors, 'pathway.internalAbuse.nature') ?? errorAt(errors, 'pathway.internalAbuse')}</p>
            ) : null}
            <div className="checkboxes">
              {natures.map((nature, index) => (
                <div className="checkboxes__item" key={nature}>
                  <input
                    className="checkboxes__input"
                    type="checkbox"
                    id={index === 0 ? 'case-pathway.internalAbuse.nature' : `case-nature-${nature}`}
                    value={nature}
                    {...register('pathway.internalAbuse.nature')}
                  />
                  <label
                    className="checkboxes__label"
                    htmlFor={index === 0 ? 'case-pathway.internalAbuse.nature' : `case-nature-${nature}`}
                  >
                    {nature[0]?.toUpperCase()}
                    {nature.slice(1).replace('-', ' ')}
                  </label>
                </div>
              ))}
            </div>
            <Controller
              control={control}
              name="pathway.internalAbuse.reportedOn"
              render={({ field }) => (
                <DateField
                  id="case-pathway.internalAbuse.reportedOn"
                  legend="Reported on"
                  value={field.value ?? null}
                  onChange={field.onChange}
                  error={errorAt(errors, 'pathway.internalAbuse.reportedOn')}
                />
              )}
            />
            <Field
              id="case-pathway.internalAbuse.supportOffered"
              label="Support offered"
              width="full"
              error={errorAt(errors, 'pathway.internalAbuse.supportOffered')}
              {...register('pathway.internalAbuse.supportOffered')}
            />
          </fieldset>
        ) : null}
        <fieldset className="fieldset">
          <legend className="fieldset__legend">Flags (optional)</legend>
          <div className="checkboxes">
            {caseFlags.map((flag) => (
              <div className="checkboxes__item" key={flag}>
                <input className="checkboxes__input" type="checkbox" id={`case-flag-${flag}`} value={flag} {...register('flags')} />
                <label className="checkboxes__label" htmlFor={`case-flag-${flag}`}>
                  {caseFlagNames[flag]}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <div className="button-group">
          <button type="submit" className="button" disabled={formState.isSubmitting}>
            Open case
          </button>
          <button type="button" className="button button--secondary" onClick={onDone}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  )
}
