import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { z } from 'zod'
import { riskTiers, roleInput, type CatalogueRole } from '../../../../shared/contract/role-catalogue'
import { call, messageFor } from '../../api'
import { ErrorSummary } from '../../components/ErrorSummary'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Field } from '../../components/Field'
import { Loading, Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { SelectField } from '../../components/SelectField'
import { Tag } from '../../components/Tag'
import { TextArea } from '../../components/TextArea'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'
import { SupportResourcesAdmin } from '../signposting'
import { TraumaticContentRecallForm } from './TraumaticContentRecallForm'

const rolesKey = ['roles', 'catalogue'] as const
const tierNames = { standard: 'Standard', elevated: 'Elevated', high: 'High', highest: 'Highest' } as const

// The form holds the interval and battery as typed text; the contract wants a number and a list.
const formSchema = z.object({
  name: roleInput.shape.name,
  description: roleInput.shape.description,
  riskTier: roleInput.shape.riskTier,
  interval: z.string().trim().regex(/^\d*$/, 'Enter the interval as a whole number of months'),
  battery: z
    .string()
    .trim()
    .regex(/^[a-z0-9, -]*$/, 'List instrument ids separated by commas, for example phq9, gad7'),
  traumaticContent: z.boolean()
})
type FormValues = z.input<typeof formSchema>
const order = ['name', 'description', 'riskTier', 'interval', 'traumaticContent', 'battery']

function RoleForm({ role, onDone }: { role: CatalogueRole | null; onDone: (message: string) => void }) {
  const { register, handleSubmit, setError, formState } = useHarbourForm<FormValues>(formSchema, {
    defaultValues: {
      name: role?.name ?? '',
      description: role?.description ?? '',
      riskTier: role?.riskTier ?? 'standard',
      interval: role?.screeningIntervalMonths ? String(role.screeningIntervalMonths) : '',
      battery: role?.screeningBattery.join(', ') ?? '',
      traumaticContent: role?.traumaticContent ?? false
    }
  })
  const submit = handleSubmit(async (values) => {
    try {
      const saved = await call('roles:save', {
        ...(role ? { id: role.id } : {}),
        name: values.name,
        description: values.description,
        riskTier: values.riskTier,
        screeningIntervalMonths: values.interval ? Number(values.interval) : null,
        screeningBattery: values.battery
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean),
        traumaticContent: values.traumaticContent
      })
      onDone(`${saved.name} saved.`)
    } catch (error) {
      showApiError(error, setError, {
        name: 'name',
        description: 'description',
        riskTier: 'riskTier',
        screeningIntervalMonths: 'interval',
        screeningBattery: 'battery',
        traumaticContent: 'traumaticContent'
      })
    }
  })
  return (
    <section className="panel panel--inset" aria-labelledby="role-form-heading">
      <h2 className="heading-m" id="role-form-heading">
        {role ? `Edit ${role.name}` : 'Add a role'}
      </h2>
      <ErrorSummary errors={summaryOf(formState.errors, order)} idPrefix="role" />
      <form onSubmit={submit} noValidate>
        <Field id="role-name" label="Name" error={formState.errors.name?.message} {...register('name')} />
        <TextArea
          id="role-description"
          label="Description"
          rows={3}
          error={formState.errors.description?.message}
          {...register('description')}
        />
        <SelectField
          id="role-riskTier"
          label="Risk tier"
          options={riskTiers.map((tier) => ({ value: tier, label: tierNames[tier] }))}
          error={formState.errors.riskTier?.message}
          {...register('riskTier')}
        />
        <Field
          id="role-interval"
          label="Screening interval in months"
          hint="Leave empty if people in this role are not recalled for screening, unless they are exposed to traumatic content (below)."
          width="narrow"
          inputMode="numeric"
          error={formState.errors.interval?.message}
          {...register('interval')}
        />
        <div className="form-group">
          <div className="checkboxes">
            <div className="checkboxes__item">
              <input
                className="checkboxes__input"
                type="checkbox"
                id="role-traumaticContent"
                aria-describedby="role-traumaticContent-hint"
                {...register('traumaticContent')}
              />
              <label className="checkboxes__label" htmlFor="role-traumaticContent">
                People in this role are exposed to traumatic content
              </label>
              <p className="hint checkboxes__hint" id="role-traumaticContent-hint">
                They are always recalled for screening: at the interval above, or, if it is empty, at the interval set for roles exposed to
                traumatic content.
              </p>
            </div>
          </div>
        </div>
        <Field
          id="role-battery"
          label="Screening battery"
          hint="Instrument ids separated by commas, for example phq9, gad7, pcl5, auditc."
          width="full"
          error={formState.errors.battery?.message}
          {...register('battery')}
        />
        <div className="button-group">
          <button type="submit" className="button">
            Save role
          </button>
          <button type="button" className="button button--secondary" onClick={() => onDone('')}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  )
}

/** Administrators: the force's roles, their risk tier, screening interval and battery. */
export function RoleCatalogueScreen() {
  const queryClient = useQueryClient()
  const roles = useQuery({ queryKey: rolesKey, queryFn: () => call('roles:list', { includeRetired: true }) })
  const [editing, setEditing] = useState<CatalogueRole | 'new' | null>(null)
  const [message, setMessage] = useState('')
  const refresh = (text: string) => {
    setMessage(text)
    setEditing(null)
    void queryClient.invalidateQueries({ queryKey: ['roles'] })
    // A role's interval or flag moves people onto or off the recall list.
    void queryClient.invalidateQueries({ queryKey: ['due'] })
  }
  const retire = useMutation({
    mutationFn: (role: CatalogueRole) => call('roles:setRetired', { id: role.id, retired: !role.retired }),
    onSuccess: (role) => refresh(`${role.name} ${role.retired ? 'retired' : 'reinstated'}.`)
  })
  const [deleting, setDeleting] = useState<CatalogueRole | null>(null)
  const remove = useMutation({
    mutationFn: (role: CatalogueRole) => call('roles:delete', { id: role.id }),
    onSuccess: () => {
      setDeleting(null)
      refresh('Role deleted.')
    }
  })
  const failure = retire.error ?? remove.error
  return (
    <Page title="Role catalogue" lead="Roles set how often people are recalled for psychological screening, and with which questionnaires.">
      {message ? (
        <Notice tone="info" title="Done">
          <p>{message}</p>
        </Notice>
      ) : null}
      {failure ? (
        <Notice tone="error" title="That was not changed">
          <p>{messageFor(failure)}</p>
        </Notice>
      ) : null}
      {editing ? (
        <RoleForm key={editing === 'new' ? 'new' : editing.id} role={editing === 'new' ? null : editing} onDone={refresh} />
      ) : (
        <p>
          <button type="button" className="button button--secondary" onClick={() => setEditing('new')}>
            Add a role
          </button>
        </p>
      )}
      {editing ? null : <TraumaticContentRecallForm onSaved={setMessage} />}
      {roles.isPending ? <Loading what="roles" /> : null}
      {roles.data ? (
        <table className="table">
          <caption className="table__caption">{roles.data.length} roles</caption>
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col">Risk tier</th>
              <th scope="col">Screening</th>
              <th scope="col" className="numeric">
                People
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {roles.data.map((role) => (
              <tr key={role.id}>
                <td>
                  {role.name} {role.retired ? <Tag colour="grey">Retired</Tag> : null}
                  <br />
                  <span className="hint">{role.id}</span>
                </td>
                <td>{tierNames[role.riskTier]}</td>
                <td>
                  {role.recallIntervalMonths
                    ? `Every ${role.recallIntervalMonths} months: ${role.screeningBattery.join(', ') || 'no battery set'}`
                    : 'Not recalled'}
                  {role.traumaticContent ? (
                    <>
                      <br />
                      <Tag colour="purple">Traumatic content</Tag>
                    </>
                  ) : null}
                </td>
                <td className="numeric">{role.peopleCount}</td>
                <td>
                  <div className="table__actions">
                    <button type="button" className="link-button" onClick={() => setEditing(role)}>
                      Edit<span className="visually-hidden"> {role.name}</span>
                    </button>
                    <button type="button" className="link-button" onClick={() => retire.mutate(role)}>
                      {role.retired ? 'Reinstate' : 'Retire'}
                      <span className="visually-hidden"> {role.name}</span>
                    </button>
                    {role.peopleCount === 0 ? (
                      <button
                        type="button"
                        className="link-button link-button--warning"
                        onClick={() => {
                          remove.reset()
                          setDeleting(role)
                        }}
                      >
                        Delete<span className="visually-hidden"> {role.name}</span>
                      </button>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {deleting ? (
        <ConfirmDialog
          confirmation={{
            title: `Delete the role ${deleting.name}?`,
            explanation:
              'No one holds this role, so nothing else changes. A deleted role cannot be brought back; to keep it for the record, retire it instead.',
            confirmLabel: `Delete ${deleting.name}`,
            warning: true
          }}
          pending={remove.isPending}
          error={remove.isError ? messageFor(remove.error) : null}
          onConfirm={() => remove.mutate(deleting)}
          onCancel={() => setDeleting(null)}
        />
      ) : null}
      <SupportResourcesAdmin />
    </Page>
  )
}
