import { ageOn, formatCalendarDate, todayInLondon } from '../../../../shared/calendar-date'
import type { Person } from '../../../../shared/contract/people'
import { Tag } from '../../components/Tag'
import { useBannerHeight } from '../../components/useBannerHeight'

/**
 * Whose record is open, always in view (NHS CUI patient banner): name, staff number, role,
 * date of birth and age. Missing facts read "Not known", never blank.
 */
export function PersonBanner({ person }: { person: Person }) {
  const banner = useBannerHeight<HTMLElement>()
  const age = ageOn(person.dateOfBirth, todayInLondon(new Date()))
  const name = `${person.familyName.toUpperCase()}, ${person.givenName}${person.preferredName ? ` (${person.preferredName})` : ''}`
  return (
    <section className="person-banner" ref={banner} aria-label="Person whose record is open">
      <p className="person-banner__name">
        {person.title ? <span className="person-banner__title">{person.title} </span> : null}
        {name}
        {person.restricted ? <Tag colour="purple">Restricted</Tag> : null}
        {person.leavingDate ? <Tag colour="grey">Left {formatCalendarDate(person.leavingDate)}</Tag> : null}
      </p>
      <dl className="person-banner__facts">
        <div>
          <dt>Staff number</dt>
          <dd>{person.staffNumber}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>{person.roleName ?? 'Not known'}</dd>
        </div>
        <div>
          <dt>Born</dt>
          <dd>{person.dateOfBirth ? `${formatCalendarDate(person.dateOfBirth)} (${age} years)` : 'Not known'}</dd>
        </div>
      </dl>
    </section>
  )
}
