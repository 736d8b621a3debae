import { sql, type RawBuilder } from 'kysely'
import { employmentTypeNames, type EmploymentType } from '../../../shared/contract/people'
import { reportGroupingNames, type ReportGrouping } from '../../../shared/contract/reports'

/** The one row of a report not grouped. */
export const everyone = 'Everyone'

/**
 * What a report groups by, as a column of the report views (migration 0240): every view carries
 * the person's role name, department and employment type. '' where none is recorded.
 */
export function groupKey(by: ReportGrouping | null): RawBuilder<string> {
  if (by === 'role') return sql<string>`coalesce(role_name, '')`
  if (by === 'department') return sql<string>`coalesce(department, '')`
  if (by === 'employment-type') return sql<string>`employment_type`
  // Not a bare '' : PostgreSQL refuses a constant in GROUP BY.
  return sql<string>`coalesce(NULL, '')`
}

/** A group's label in the user's words. */
export function groupLabel(by: ReportGrouping | null, key: string): string {
  if (by === null) return everyone
  if (by === 'employment-type') return employmentTypeNames[key as EmploymentType] ?? key
  if (key === '') return by === 'role' ? 'No role recorded' : 'No department recorded'
  return key
}

/** The first heading of a table whose rows are the groups. */
export function groupHeading(by: ReportGrouping | null): string {
  return by === null ? 'People' : reportGroupingNames[by]
}

/** Rows always shown for a table of groups: the one row when not grouped. */
export function fixedGroupRows(by: ReportGrouping | null): string[] | undefined {
  return by === null ? [everyone] : undefined
}
