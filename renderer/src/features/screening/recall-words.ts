/** The periods the recall list looks ahead. */
export const recallWindows = [
  { days: 0, label: 'Overdue or due today' },
  { days: 30, label: 'Due in the next 30 days' },
  { days: 90, label: 'Due in the next 3 months' },
  { days: 366, label: 'Due in the next year' }
]

export const recallWindowLabel = (days: number) => recallWindows.find((w) => w.days === days)?.label ?? `Due in the next ${days} days`

export const peopleDue = { one: 'person due', many: 'people due' }

/**
 * Why the recall list is empty, naming the filter that emptied it: "No one in Firearms is due
 * in this period", with how many are due without it; or, when no one at all is due, the period.
 */
export function emptyRecallText(
  filters: { department: string; roleName: string | null },
  dueInPeriod: number
): { title: string; hint: string | null } {
  const department = filters.department ? ` in ${filters.department}` : ''
  const role = filters.roleName ? ` with the role ${filters.roleName}` : ''
  if (dueInPeriod === 0 || (!department && !role)) return { title: 'No one is due in this period.', hint: null }
  const cleared = department && role ? 'the role and department' : department ? 'the department' : 'the role'
  const others = dueInPeriod === 1 ? '1 person is' : `${dueInPeriod.toLocaleString('en-GB')} people are`
  return {
    title: `No one${department}${role} is due in this period.`,
    hint: `${others} due in this period altogether: choose all for ${cleared} to see them.`
  }
}
