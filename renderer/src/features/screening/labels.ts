import { formatCalendarDate } from '../../../../shared/calendar-date'
import type { Alert, Screening } from '../../../../shared/contract/screening'

export const modeNames: Record<Screening['mode'], string> = {
  'clinician-entered': 'entered by a clinician',
  'self-completed': 'self-completed',
  imported: 'imported'
}

export const ragColour = { red: 'red', amber: 'yellow', green: 'green' } as const

/** "screening of 26 Nov 2026, self-completed (version 2)": which sitting an alert or decision belongs to. */
export function sittingWords(sitting: { sittingDate: string; sittingMode: Screening['mode']; sittingVersion?: number }): string {
  const version = sitting.sittingVersion && sitting.sittingVersion > 1 ? ` (corrected, version ${sitting.sittingVersion})` : ''
  return `screening of ${formatCalendarDate(sitting.sittingDate)}, ${modeNames[sitting.sittingMode]}${version}`
}

export const alertLabel = (alert: Alert) => `${alert.message} — ${sittingWords(alert)}`
