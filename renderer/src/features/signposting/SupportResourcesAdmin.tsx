import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { z } from 'zod'
import { signpostingChannels, type CatalogueResource } from '../../../../shared/contract/signposting'
import { call, messageFor } from '../../api'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Field } from '../../components/Field'
import { Loading, Notice } from '../../components/Notice'
import { Tag } from '../../components/Tag'
import { TextArea } from '../../components/TextArea'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'
import { resourcesKey } from './keys'

const catalogueKey = ['support-resources', 'catalogue'] as const
const formSchema = signpostingChannels['signposting:saveResource'].input.omit({ id: true })
type FormValues = z.input<typeof formSchema>
const order = ['name', 'description', 'whereToFind']

function ResourceForm({ resource, onDone }: { resource: CatalogueResource | null; onDone: (message: string) => void }) {
  const { register, handleSubmit, setError, formState } = useHarbourForm<FormValues>(formSchema, {
    defaultValues: { name: resource?.name ?? '', description: resource?.description ?? '', whereToFind: resource?.whereToFind ?? '' }
  })
  const submit = handleSubmit(async (values) => {
    try {
      const saved = await call('signposting:saveResource', { ...(resource ? { id: resource.id } : {}), ...values })
      onDone(`${saved.name} saved.`)
    } catch (error) {
      showApiError(error, setError, order)
    }
  })
  return (
    <section className="panel panel--inset" aria-labelledby="resource-form-heading">
      <h3 className="heading-m" id="resource-form-heading">
        {resource ? `Edit ${resource.name}` : 'Add a support resource'}
      </h3>
      <ErrorSummary errors={summaryOf(formState.errors, order)} idPrefix="resource" />
      <form onSubmit={submit} noValidate>
        <Field id="resource-name" label="Name" error={formState.errors.name?.message} {...register('name')} />
        <TextArea
          id="resource-description"
          label="Description"
          rows={3}
          error={formState.errors.description?.message}
          {...register('description')}
        />
        <Field
          id="resource-whereToFind"
          label="Where to find it"
          hint="Harbour works offline: say where people find it, for example the intranet page or the team that runs it."
          width="full"
          error={formState.errors.whereToFind?.message}
          {...register('whereToFind')}
        />
        <div className="button-group">
          <button type="submit" className="button">
            Save resource
          </button>
          <button type="button" className="button button--secondary" onClick={() => onDone('')}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  )
}

/**
 * Administrators: the support resources clinicians signpost people to. A resource someone has
 * been signposted to can be retired (it stays in their history) but not deleted.
 */
export function SupportResourcesAdmin() {
  const queryClient = useQueryClient()
  const resources = useQuery({ queryKey: catalogueKey, queryFn: () => call('signposting:catalogue', {}) })
  const [editing, setEditing] = useState<CatalogueResource | 'new' | null>(null)
  const [message, setMessage] = useState('')
  const refresh = (text: string) => {
    setMessage(text)
    setEditing(null)
    void queryClient.invalidateQueries({ queryKey: resourcesKey })
  }
  const retire = useMutation({
    mutationFn: (resource: CatalogueResource) => call('signposting:setResourceRetired', { id: resource.id, retired: !resource.retired }),
    onSuccess: (resource) => refresh(`${resource.name} ${resource.retired ? 'retired' : 'reinstated'}.`)
  })
  const remove = useMutation({
    mutationFn: (resource: CatalogueResource) => call('signposting:deleteResource', { id: resource.id }),
    onSuccess: () => refresh('Support resource deleted.')
  })
  const failure = retire.error ?? remove.error
  return (
    <section className="panel" aria-labelledby="support-resources-heading">
      <h2 className="heading-l" id="support-resources-heading">
        Support resources
      </h2>
      <p>What clinicians signpost people to from the person page.</p>
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
        <ResourceForm key={editing === 'new' ? 'new' : editing.id} resource={editing === 'new' ? null : editing} onDone={refresh} />
      ) : (
        <p>
          <button type="button" className="button button--secondary" onClick={() => setEditing('new')}>
            Add a support resource
          </button>
        </p>
      )}
      {resources.isPending ? <Loading what="support resources" /> : null}
      {resources.data ? (
        <table className="table">
          <caption className="table__caption">{resources.data.length} support resources</caption>
          <thead>
            <tr>
              <th scope="col">Resource</th>
              <th scope="col">Where to find it</th>
              <th scope="col">Times used</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {resources.data.map((resource) => (
              <tr key={resource.id}>
                <td>
                  {resource.name} {resource.retired ? <Tag colour="grey">Retired</Tag> : null}
                  <br />
                  <span className="hint">{resource.description}</span>
                </td>
                <td>{resource.whereToFind}</td>
                <td>{resource.timesUsed}</td>
                <td>
                  <div className="table__actions">
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        setMessage('')
                        setEditing(resource)
                      }}
                    >
                      Edit<span className="visually-hidden"> {resource.name}</span>
                    </button>
                    <button type="button" className="link-button" onClick={() => retire.mutate(resource)}>
                      {resource.retired ? 'Reinstate' : 'Retire'}
                      <span className="visually-hidden"> {resource.name}</span>
                    </button>
                    {resource.timesUsed === 0 ? (
                      <button type="button" className="link-button link-button--warning" onClick={() => remove.mutate(resource)}>
                        Delete<span className="visually-hidden"> {resource.name}</span>
                      </button>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  )
}
