import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useEffect, useId, useState } from 'react'
import { useLocation } from 'wouter'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import { call } from '../../api'
import { Tag } from '../../components/Tag'
import { useModal } from '../../components/useModal'
import { ExportListButton } from '../list-export'

/** How many the list holds, from the core's count: a capped list says it is capped. */
function foundText(shownCount: number, total: number): string {
  if (total === 0) return 'No one matches.'
  if (total <= shownCount) return `${total} ${total === 1 ? 'person' : 'people'} found.`
  return `Showing the first ${shownCount} of ${total.toLocaleString('en-GB')} people found. Type more of the name or staff number to narrow it down.`
}

const shown = 20

/**
 * One search box for a person by staff number or name (any part of either), as you type.
 * Arrow keys move through the results, Enter opens one, Esc closes. Restricted people only
 * appear to their named clinicians (the backend decides).
 */
export function PersonSearchDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useModal(open)
  const id = useId()
  const [, navigate] = useLocation()
  const [text, setText] = useState('')
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)

  // Wait for a pause in typing (120 ms) before asking, so fast typists are not slowed down.
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(text.trim()), 120)
    return () => window.clearTimeout(timer)
  }, [text])

  const results = useQuery({
    queryKey: ['people-search', query],
    queryFn: () => call('people:find', { query, limit: shown }),
    enabled: open && query.length > 0,
    placeholderData: keepPreviousData
  })
  const people = query ? (results.data?.rows ?? []) : []

  const close = () => {
    setText('')
    setQuery('')
    setActive(0)
    onClose()
  }
  const openPerson = (personId: string) => {
    close()
    navigate(`/people/${personId}`)
  }

  return (
    <dialog ref={dialog} className="dialog search-dialog" aria-labelledby={`${id}-title`} onClose={close}>
      <h2 id={`${id}-title`} className="heading-m">
        Find a person
      </h2>
      <label className="label" htmlFor={`${id}-input`}>
        Staff number or name
      </label>
      <input
        id={`${id}-input`}
        className="input input--full"
        role="combobox"
        aria-expanded={people.length > 0}
        aria-controls={`${id}-results`}
        aria-activedescendant={people[active] ? `${id}-option-${active}` : undefined}
        aria-autocomplete="list"
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(event) => {
          setText(event.target.value)
          setActive(0)
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault()
            setActive(Math.min(active + 1, people.length - 1))
          } else if (event.key === 'ArrowUp') {
            event.preventDefault()
            setActive(Math.max(active - 1, 0))
          } else if (event.key === 'Enter') {
            event.preventDefault()
            const chosen = people[active]
            if (chosen) openPerson(chosen.id)
          }
        }}
      />
      <ul id={`${id}-results`} role="listbox" aria-label="People found" className="search-results">
        {people.map((person, index) => (
          <li
            key={person.id}
            id={`${id}-option-${index}`}
            role="option"
            aria-selected={index === active}
            className={`search-result${index === active ? ' search-result--active' : ''}`}
            onMouseEnter={() => setActive(index)}
            onClick={() => openPerson(person.id)}
          >
            <span className="search-result__name">{person.displayName}</span>
            <span className="search-result__meta">
              {person.staffNumber} · {person.roleName ?? 'No role'} · Born {formatCalendarDate(person.dateOfBirth)}
              {person.leavingDate ? ' · Left' : ''}
            </span>
            {person.restricted ? <Tag colour="purple">Restricted</Tag> : null}
          </li>
        ))}
      </ul>
      <p className="hint" role="status">
        {query && results.data ? foundText(people.length, results.data.total) : 'Type at least one letter or number.'}
      </p>
      <div className="button-group">
        <button type="button" className="button button--secondary" onClick={close}>
          Close
        </button>
        {/* The register: everyone these words find, or with none typed everyone the user may see. */}
        <ExportListButton selection={{ list: 'register', filters: { query } }} />
      </div>
    </dialog>
  )
}
