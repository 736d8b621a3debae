import { externalInstruments } from './external'
import { instruments as administered } from './registry'

const lookup = <T>(record: Record<string, T>, id: string): T | undefined =>
  Object.prototype.hasOwnProperty.call(record, id) ? record[id] : undefined

/**
 * The name a clinician knows a questionnaire by ("PHQ-9", "AUDIT-C", "IES-R"), never its
 * internal code: the short form that opens every title.
 */
export function instrumentName(id: string): string {
  const title = (lookup(administered, id) ?? lookup(externalInstruments, id))?.title
  return title ? (title.split(' (')[0] ?? title) : 'An unknown questionnaire'
}

/** A subscale's name on screen: the definition's own label, else its code in words. */
export function subscaleName(instrument: string, subscale: string): string {
  const label = lookup(administered, instrument)?.subscaleLabels?.[subscale]
  if (label) return label
  const words = subscale.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`
}
