import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { IncidentCategory } from '../../../../shared/contract/incidents'
import { call, messageFor } from '../../api'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Field } from '../../components/Field'
import { Loading, Notice } from '../../components/Notice'
import { useProblems } from '../../components/forms'

const fields = ['name', 'weight']

/** As typed; the core checks it and names the field. */
function weightValue(text: string): number {
  const value = Number(text.trim())
  return text.trim() !== '' && Number.isFinite(value) ? value : (text as unknown as number)
}

/**
 * The incident categories and their weights (how heavily one exposure counts in the weighted
 * load), for administrators: add one, change a weight, retire one no longer used.
 */
export function CategoryCatalogue() {
  const queryClient = useQueryClient()
  const categories = useQuery({
    queryKey: ['incident-categories', true],
    queryFn: () => call('incidents:categories', { includeRetired: true })
  })
  const [name, setName] = useState('')
  const [weight, setWeight] = useState('')
  const [saved, setSaved] = useState<string | null>(null)
  const problems = useProblems()
  const save = async (input: { id: string | null; name: string; weight: number; retired: boolean }) => {
    problems.clear()
    setSaved(null)
    try {
      const category = await call('incidents:saveCategory', input)
      void queryClient.invalidateQueries({ queryKey: ['incident-categories'] })
      setSaved(`${category.name} saved.`)
      return true
    } catch (error) {
      problems.show(error, fields)
      return false
    }
  }
  return (
    <section className="panel" aria-labelledby="categories-heading">
      <h2 className="heading-m" id="categories-heading">
        Incident categories
      </h2>
      <p>Each category’s weight (1 to 10) is how heavily one exposure of that kind counts in a person’s weighted load.</p>
      {saved ? (
        <p role="status" className="notice notice--info">
          {saved}
        </p>
      ) : null}
      {categories.isPending ? <Loading what="the categories" /> : null}
      {categories.isError ? (
        <Notice tone="error" title="The categories could not be loaded">
          <p>{messageFor(categories.error)}</p>
        </Notice>
      ) : null}
      {categories.data ? (
        <table className="table">
          <caption className="visually-hidden">Incident categories</caption>
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col">Weight</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {categories.data.map((category: IncidentCategory) => (
              <tr key={category.id}>
                <td>{category.name}</td>
                <td>
                  <select
                    className="select"
                    aria-label={`Weight: ${category.name}`}
                    value={category.weight}
                    onChange={(event) => void save({ ...category, weight: Number(event.target.value) })}
                  >
                    {Array.from({ length: 10 }, (_, i) => i + 1).map((n) => (
                      <option key={n} value={n}>
                        {n}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{category.retired ? 'Retired' : 'In use'}</td>
                <td>
                  <button type="button" className="link-button" onClick={() => void save({ ...category, retired: !category.retired })}>
                    {category.retired ? `Bring back ${category.name}` : `Retire ${category.name}`}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <ErrorSummary errors={problems.summary} idPrefix="category" />
      <form
        noValidate
        aria-labelledby="add-category-heading"
        onSubmit={(event) => {
          event.preventDefault()
          void save({ id: null, name, weight: weightValue(weight), retired: false }).then((ok) => {
            if (ok) {
              setName('')
              setWeight('')
            }
          })
        }}
      >
        <h3 className="heading-m" id="add-category-heading">
          Add a category
        </h3>
        <Field id="category-name" label="Name" value={name} onChange={(event) => setName(event.target.value)} error={problems.at('name')} />
        <Field
          id="category-weight"
          label="Weight"
          hint="A whole number from 1 to 10."
          width="narrow"
          inputMode="numeric"
          value={weight}
          onChange={(event) => setWeight(event.target.value)}
          error={problems.at('weight')}
        />
        <button type="submit" className="button button--secondary">
          Add category
        </button>
      </form>
    </section>
  )
}
