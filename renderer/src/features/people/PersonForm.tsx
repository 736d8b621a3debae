import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Controller, useWatch } from 'react-hook-form'
import { Link, useLocation } from 'wouter'
import { employmentTypeNames, employmentTypes, personInput, type Person, type PersonInput } from '../../../../shared/contract/people'
import { ApiError, call, messageFor } from '../../api'
import { DateField } from '../../components/DateField'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Field } from '../../components/Field'
import { Loading, Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { SelectField } from '../../components/SelectField'
import { TextArea } from '../../components/TextArea'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'
import { useFormDraft } from '../../components/useFormDraft'

const order = [
  'staffNumber',
  'title',
  'givenName',
  'familyName',
  'preferredName',
  'dateOfBirth',
  'employmentType',
  'roleId',
  'department',
  'lineManager',
  'email',
  'phone',
  'startDate',
  'leavingDate',
  'restricted',
  'namedClinicianIds',
  'adjustments'
]

const empty: PersonInput = {
  staffNumber: '',
  title: '',
  givenName: '',
  familyName: '',
  preferredName: '',
  dateOfBirth: null,
  employmentType: 'police-officer',
  roleId: null,
  department: '',
  lineManager: '',
  email: '',
  phone: '',
  startDate: null,
  leavingDate: null,
  restricted: false,
  namedClinicianIds: [],
  adjustments: ''
}

/** An edit's refusal names fields under `changes.`; the form's names are the rest. */
const fromChanges = (path: string) =>
  path.startsWith('changes.') && order.includes(path.slice(8).split('.')[0] ?? '') ? path.slice(8) : undefined

function fromPerson(person: Person): PersonInput {
  const {
    staffNumber,
    title,
    givenName,
    familyName,
    preferredName,
    dateOfBirth,
    employmentType,
    roleId,
    department,
    lineManager,
    email,
    phone,
    startDate,
    leavingDate,
    restricted,
    namedClinicianIds,
    adjustments
  } = person
  return {
    staffNumber,
    title: title ?? '',
    givenName,
    familyName,
    preferredName: preferredName ?? '',
    dateOfBirth,
    employmentType,
    roleId,
    department: department ?? '',
    lineManager: lineManager ?? '',
    email: email ?? '',
    phone: phone ?? '',
    startDate,
    leavingDate,
    restricted,
    namedClinicianIds,
    adjustments: adjustments ?? ''
  }
}

function PersonFormFields({ initial, personId, version }: { initial: PersonInput; personId?: string; version?: number }) {
  const [, navigate] = useLocation()
  const queryClient = useQueryClient()
  const roles = useQuery({ queryKey: ['roles'], queryFn: () => call('roles:list', { includeRetired: false }) })
  const clinicians = useQuery({ queryKey: ['clinicians'], queryFn: () => call('caseload:clinicians', {}) })
  const methods = useHarbourForm<PersonInput>(personInput, { defaultValues: initial })
  const { register, handleSubmit, setError, formState, control, getValues } = methods
  const draft = useFormDraft(
    personId
      ? { form: 'person-details', subjectId: personId, label: 'the person’s details' }
      : { form: 'new-person', subjectId: null, label: 'the new person' },
    methods
  )
  const errors = formState.errors
  const restricted = useWatch({ control, name: 'restricted' })
  const staffNumber = useWatch({ control, name: 'staffNumber' })
  // The record that already has the staff number, when the core says the user may see it.
  const [holder, setHolder] = useState<{ id: string; staffNumber: string } | null>(null)
  const save = async (values: PersonInput) => {
    setHolder(null)
    try {
      const saved = await draft.whileSaving(() =>
        personId ? call('people:update', { id: personId, changes: values, version }) : call('people:create', values)
      )
      queryClient.setQueryData(['person', saved.id], saved)
      void queryClient.invalidateQueries({ queryKey: ['people-search'] })
      navigate(`/people/${saved.id}`)
    } catch (error) {
      showApiError(error, setError, personId ? fromChanges : order)
      const taken =
        error instanceof ApiError
          ? error.problems.find((problem) => problem.personId && /(^|\.)staffNumber$/.test(problem.field))
          : undefined
      if (taken?.personId) setHolder({ id: taken.personId, staffNumber: values.staffNumber })
    }
  }
  // The form's own checks find format problems; the core is asked too, with the same input, so
  // a staff number in use or dates that cannot be right are shown with them, not one batch per try.
  const submit = handleSubmit(save, () => save(getValues()))
  const date = (name: 'dateOfBirth' | 'startDate' | 'leavingDate', legend: string, hint?: string) => (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <DateField
          id={`person-${name}`}
          legend={legend}
          {...(hint ? { hint } : {})}
          value={field.value ?? null}
          onChange={field.onChange}
          error={errors[name]?.message}
        />
      )}
    />
  )
  return (
    <>
      {draft.notice}
      <ErrorSummary errors={summaryOf(errors, order)} idPrefix="person" />
      <form onSubmit={submit} noValidate>
        <Field
          id="person-staffNumber"
          label="Staff or collar number"
          width="narrow"
          autoComplete="off"
          spellCheck={false}
          error={errors.staffNumber?.message}
          errorAction={
            errors.staffNumber && holder && holder.staffNumber === staffNumber ? (
              <Link href={`/people/${holder.id}`}>Open their record</Link>
            ) : undefined
          }
          {...register('staffNumber')}
        />
        <Field
          id="person-title"
          label="Title (optional)"
          width="narrow"
          hint="For example PC, DS, Mr, Dr"
          error={errors.title?.message}
          {...register('title')}
        />
        <Field id="person-givenName" label="Given name" autoComplete="off" error={errors.givenName?.message} {...register('givenName')} />
        <Field
          id="person-familyName"
          label="Family name"
          autoComplete="off"
          error={errors.familyName?.message}
          {...register('familyName')}
        />
        <Field
          id="person-preferredName"
          label="Preferred name (optional)"
          autoComplete="off"
          error={errors.preferredName?.message}
          {...register('preferredName')}
        />
        {date('dateOfBirth', 'Date of birth', 'For example 27 3 1985')}
        <SelectField
          id="person-employmentType"
          label="Employment"
          options={employmentTypes.map((t) => ({ value: t, label: employmentTypeNames[t] }))}
          error={errors.employmentType?.message}
          {...register('employmentType')}
        />
        <SelectField
          id="person-roleId"
          label="Force role"
          hint="The role decides when they are called for screening: someone whose role is not known is not recalled."
          placeholder="Not known"
          options={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
          error={errors.roleId?.message}
          {...register('roleId', { setValueAs: (value: string) => (value === '' ? null : value) })}
        />
        <Field
          id="person-department"
          label="Department or command (optional)"
          error={errors.department?.message}
          {...register('department')}
        />
        <Field id="person-lineManager" label="Line manager (optional)" error={errors.lineManager?.message} {...register('lineManager')} />
        <Field
          id="person-email"
          label="Work email (optional)"
          type="email"
          spellCheck={false}
          error={errors.email?.message}
          {...register('email')}
        />
        <Field
          id="person-phone"
          label="Work phone (optional)"
          type="tel"
          width="narrow"
          error={errors.phone?.message}
          {...register('phone')}
        />
        {date('startDate', 'Start date (optional)')}
        {date('leavingDate', 'Leaving date (optional)', 'People who have left are no longer recalled for screening.')}
        <TextArea
          id="person-adjustments"
          label="Reasonable adjustments (optional)"
          error={errors.adjustments?.message}
          {...register('adjustments')}
        />
        <fieldset className="fieldset">
          <legend className="fieldset__legend">Who can see this record</legend>
          <div className="checkboxes">
            <div className="checkboxes__item">
              <input className="checkboxes__input" type="checkbox" id="person-restricted" {...register('restricted')} />
              <label className="checkboxes__label" htmlFor="person-restricted">
                Restrict to named clinicians
              </label>
            </div>
          </div>
          {restricted ? (
            <div className="checkboxes conditional" id="person-namedClinicianIds">
              <p className="hint">You are always named, so you cannot lock yourself out.</p>
              {(clinicians.data ?? []).map((clinician) => (
                <div className="checkboxes__item" key={clinician.id}>
                  <input
                    className="checkboxes__input"
                    type="checkbox"
                    id={`person-named-${clinician.id}`}
                    value={clinician.id}
                    {...register('namedClinicianIds')}
                  />
                  <label className="checkboxes__label" htmlFor={`person-named-${clinician.id}`}>
                    {clinician.displayName}
                  </label>
                </div>
              ))}
            </div>
          ) : null}
        </fieldset>
        <div className="button-group">
          <button type="submit" className="button" disabled={formState.isSubmitting}>
            {personId ? 'Save changes' : 'Add person'}
          </button>
          <Link href={personId ? `/people/${personId}` : '/'}>Cancel</Link>
        </div>
      </form>
    </>
  )
}

export function NewPersonScreen() {
  return (
    <Page title="Add a person" lead="Someone Harbour does not hold yet. Most people arrive through the HR import.">
      <PersonFormFields initial={empty} />
    </Page>
  )
}

export function EditPersonScreen({ id }: { id: string }) {
  const person = useQuery({ queryKey: ['person', id], queryFn: () => call('people:get', { id }) })
  if (person.isPending) return <Loading what="the record" />
  if (person.isError) {
    return (
      <Page title="This record cannot be edited">
        <Notice tone="error" title="Harbour could not open this record">
          <p>{messageFor(person.error)}</p>
        </Notice>
      </Page>
    )
  }
  return (
    <Page title={`Edit ${person.data.givenName} ${person.data.familyName}`}>
      <PersonFormFields key={id} initial={fromPerson(person.data)} personId={id} version={person.data.version} />
    </Page>
  )
}
