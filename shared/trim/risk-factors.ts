/**
 * The TRiM risk assessment's factors, each recorded present or absent. The list a new store
 * starts with is the set commonly taught in TRiM training: it is UNCONFIRMED against a primary
 * source, because the TRiM manual is licensed and proprietary. The team checks it against the
 * force's own licensed manual and edits the catalogue (names, order, retiring) to match.
 */
export const defaultRiskFactors: readonly { id: string; name: string }[] = [
  { id: 'out-of-control', name: 'Felt out of control during the event' },
  { id: 'threat-to-life', name: 'Perceived threat to life' },
  { id: 'blaming-others', name: 'Blaming others' },
  { id: 'shame-or-guilt', name: 'Shame or guilt' },
  { id: 'previous-trauma', name: 'Previous trauma history' },
  { id: 'poor-social-support', name: 'Poor social support' },
  { id: 'ongoing-stressors', name: 'Ongoing life stressors' },
  { id: 'acute-stress', name: 'Acute stress symptoms in the days after' },
  { id: 'day-to-day-functioning', name: 'Difficulty with day-to-day functioning or avoidance' },
  { id: 'alcohol-or-substances', name: 'Excessive alcohol or substance use to cope' }
]

/** Said wherever the list is shown or edited. */
export const riskFactorsCaveat =
  'The commonly taught TRiM risk factors, shipped as a starting list. Check them against your force’s licensed TRiM manual and edit them to match.'
