import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { todayInLondon } from '../../../../shared/calendar-date'
import type { IncidentSaved } from '../../../../shared/contract/incidents'
import {
  exposureIntensities,
  exposureIntensityLabels,
  exposurePartLabels,
  exposureParts,
  type ExposureIntensity,
  type ExposurePart
} from '../../../../shared/incidents/categories'
import { call } from '../../api'
import { useLeaveWarning } from '../../app/LeaveGuard'
import { DateField } from '../../components/DateField'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Field } from '../../components/Field'
import { SelectField } from '../../components/SelectField'
import { TextArea } from '../../components/TextArea'
import { useProblems } from '../../components/forms'
import { categoriesKey, recentIncidentsKey } from './keys'

interface Row {
  personId: string
  name: string
  staffNumber: string
  part: ExposurePart
  intensity: ExposureIntensity
  /** As typed; the core checks it. */
  hours: string
}

const fields = ['occurredOn', 'categoryId', 'reference', 'attendees', 'staffNumbers', 'search']

function hoursValue(text: string): number | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  const value = Number(trimmed)
  // Anything that is not a number goes as typed, so the core's message names the field.
  return Number.isFinite(value) ? value : (trimmed as unknown as number)
}

function pastedSummary(found: number, ignored: string[]): string {
  const added = found === 1 ? 'Found 1 person.' : `Found ${found} people.`
  return ignored.length === 0 ? added : `${added} Left out as not staff numbers: ${ignored.join(', ')}.`
}

/**
 * Logs an incident: date, category, a short reference, and the people exposed, found by name or
 * staff number or pasted as a list of staff numbers from the control room. Pasted numbers that
 * match no one are listed and nothing is added; the incident and all its exposures are saved at
 * once or not at all.
 */
export function LogIncidentForm({ onSaved }: { onSaved: (saved: IncidentSaved) => void }) {
  const queryClient = useQueryClient()
  const categories = useQuery({ queryKey: categoriesKey(false), queryFn: () => call('incidents:categories', { includeRetired: false }) })
  const [occurredOn, setOccurredOn] = useState<string | null>(todayInLondon(new Date()))
  const [dateKey, setDateKey] = useState(0)
  const [categoryId, setCategoryId] = useState('')
  const [reference, setReference] = useState('')
  const [rows, setRows] = useState<Row[]>([])
  const [query, setQuery] = useState('')
  const [pasted, setPasted] = useState('')
  const [pasteResult, setPasteResult] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const problems = useProblems()
  const dirty = categoryId !== '' || reference !== '' || rows.length > 0 || pasted !== ''
  useLeaveWarning('the incident', dirty)

  const search = useQuery({
    queryKey: ['people', 'search', query.trim()],
    queryFn: () => call('people:search', { query: query.trim(), limit: 8 }),
    enabled: query.trim().length >= 2
  })
  const add = (people: { id: string; displayName: string; staffNumber: string }[]) =>
    setRows((current) => [
      ...current,
      ...people
        .filter((p) => !current.some((row) => row.personId === p.id))
        .map((p) => ({
          personId: p.id,
          name: p.displayName,
          staffNumber: p.staffNumber,
          part: 'attended' as const,
          intensity: 'medium' as const,
          hours: ''
        }))
    ])
  const update = (index: number, change: Partial<Row>) => {
    problems.clear()
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...change } : row)))
  }

  const addPasted = async () => {
    problems.clear()
    setPasteResult(null)
    try {
      const matched = await call('incidents:matchStaffNumbers', { staffNumbers: pasted })
      add(matched.people)
      setPasted('')
      setPasteResult(pastedSummary(matched.people.length, matched.ignored))
    } catch (error) {
      problems.show(error, fields)
    }
  }

  const save = async (event: React.FormEvent) => {
    event.preventDefault()
    problems.clear()
    setSaving(true)
    try {
      const saved = await call('incidents:create', {
        occurredOn: occurredOn ?? '',
        categoryId,
        reference,
        attendees: rows.map((row) => ({
          personId: row.personId,
          part: row.part,
          intensity: row.intensity,
          hoursReviewed: hoursValue(row.hours)
        }))
      })
      void queryClient.invalidateQueries({ queryKey: recentIncidentsKey })
      void queryClient.invalidateQueries({ queryKey: ['exposures'] })
      setCategoryId('')
      setReference('')
      setRows([])
      setQuery('')
      setPasteResult(null)
      setOccurredOn(todayInLondon(new Date()))
      setDateKey((n) => n + 1)
      onSaved(saved)
    } catch (error) {
      problems.show(error, fields)
    } finally {
      setSaving(false)
    }
  }

  return (
    <section className="panel" aria-labelledby="log-incident-heading">
      <h2 className="heading-m" id="log-incident-heading">
        Log an incident
      </h2>
      <ErrorSummary errors={problems.summary} idPrefix="incident" />
      <form onSubmit={(event) => void save(event)} noValidate aria-labelledby="log-incident-heading">
        <DateField
          key={dateKey}
          id="incident-occurredOn"
          legend="Date of the incident"
          hint="For example 3 12 2026"
          value={occurredOn}
          onChange={(value) => {
            problems.clear()
            setOccurredOn(value)
          }}
          error={problems.at('occurredOn')}
        />
        <SelectField
          id="incident-categoryId"
          label="Category"
          placeholder={categories.isPending ? 'Loading…' : 'Choose the category'}
          options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={categoryId}
          onChange={(event) => {
            problems.clear()
            setCategoryId(event.target.value)
          }}
          error={problems.at('categoryId')}
        />
        <Field
          id="incident-reference"
          label="Reference"
          hint="A short reference, such as the control room log number. No clinical detail."
          value={reference}
          onChange={(event) => {
            problems.clear()
            setReference(event.target.value)
          }}
          error={problems.at('reference')}
        />

        <fieldset className="fieldset">
          <legend className="fieldset__legend fieldset__legend--m">People exposed</legend>
          <Field
            id="incident-search"
            label="Find a person by name or staff number"
            type="search"
            autoComplete="off"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
          {query.trim().length >= 2 && search.data ? (
            search.data.length === 0 ? (
              <p className="hint">No one matches “{query.trim()}”.</p>
            ) : (
              <ul className="list" aria-label="Matching people">
                {search.data.map((person) => (
                  <li key={person.id}>
                    {person.displayName} ({person.staffNumber}){' '}
                    {rows.some((row) => row.personId === person.id) ? (
                      <span className="hint">added</span>
                    ) : (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-label={`Add ${person.displayName}`}
                        onClick={() => {
                          problems.clear()
                          add([person])
                        }}
                      >
                        Add
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )
          ) : null}
          <TextArea
            id="incident-staffNumbers"
            label="Or paste staff numbers"
            hint="From the control room’s attendee list: one per line, or separated by commas or spaces. Ranks and names are left out."
            rows={3}
            value={pasted}
            onChange={(event) => {
              problems.clear()
              setPasted(event.target.value)
            }}
            error={problems.at('staffNumbers')}
          />
          <div className="button-group">
            <button type="button" className="button button--secondary" onClick={() => void addPasted()}>
              Add these people
            </button>
          </div>
          {pasteResult ? (
            <p className="hint" role="status">
              {pasteResult}
            </p>
          ) : null}

          <div id="incident-attendees" tabIndex={-1} className={problems.at('attendees') ? 'form-group form-group--error' : 'form-group'}>
            {problems.at('attendees') ? (
              <p className="error-message">
                <span className="visually-hidden">Error:</span> {problems.at('attendees')}
              </p>
            ) : null}
            {rows.length === 0 ? (
              <p className="empty">No one added yet</p>
            ) : (
              <table className="table">
                <caption className="table__caption">{rows.length === 1 ? '1 person exposed' : `${rows.length} people exposed`}</caption>
                <thead>
                  <tr>
                    <th scope="col">Person</th>
                    <th scope="col">Part</th>
                    <th scope="col">Intensity</th>
                    <th scope="col">Hours of material reviewed</th>
                    <th scope="col">
                      <span className="visually-hidden">Remove</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row, index) => {
                    const hoursError = problems.at(`attendees.${index}.hoursReviewed`)
                    return (
                      <tr key={row.personId}>
                        <td>
                          {row.name} ({row.staffNumber})
                        </td>
                        <td>
                          <select
                            className="select"
                            aria-label={`Part: ${row.name}`}
                            value={row.part}
                            onChange={(event) => update(index, { part: event.target.value as ExposurePart })}
                          >
                            {exposureParts.map((part) => (
                              <option key={part} value={part}>
                                {exposurePartLabels[part]}
                              </option>
                            ))}
                          </select>
                        </td>
                        <td>
                          <select
                            className="select"
                            aria-label={`Intensity: ${row.name}`}
                            value={row.intensity}
                            onChange={(event) => update(index, { intensity: event.target.value as ExposureIntensity })}
                          >
                            {exposureIntensities.map((intensity) => (
                              <option key={intensity} value={intensity}>
                                {exposureIntensityLabels[intensity]}
                              </option>
                            ))}
                          </select>
                        </td>
                        <td>
                          {hoursError ? <p className="error-message">{hoursError}</p> : null}
                          <input
                            id={`incident-attendees.${index}.hoursReviewed`}
                            className={`input input--narrow${hoursError ? ' input--error' : ''}`}
                            inputMode="decimal"
                            aria-label={`Hours of material reviewed: ${row.name}`}
                            aria-invalid={hoursError ? true : undefined}
                            value={row.hours}
                            onChange={(event) => update(index, { hours: event.target.value })}
                          />
                        </td>
                        <td>
                          <button
                            type="button"
                            className="link-button"
                            aria-label={`Remove ${row.name}`}
                            onClick={() => {
                              problems.clear()
                              setRows((current) => current.filter((r) => r.personId !== row.personId))
                            }}
                          >
                            Remove
                          </button>
                        </td>
                      </tr>
                    )
                  })}
                </tbody>
              </table>
            )}
          </div>
        </fieldset>
        <button type="submit" className="button" disabled={saving}>
          Save incident
        </button>
      </form>
    </section>
  )
}
