/**
 * The kinds of record a purge removes, in the order the review screen and the confirmation show
 * them, each with its name on screen. Keyed by the table that holds them: the core's purge plan
 * (services/retention-purge.ts) covers exactly these, and a test checks they match every table
 * that holds rows about a person.
 */
export const retentionKinds = {
  people: 'Person record',
  person_access: 'Named clinicians',
  cases: 'Cases',
  notes: 'Notes and amendments',
  tasks: 'Tasks',
  screenings: 'Screenings',
  screening_results: 'Questionnaire results',
  alerts: 'Safety alerts',
  screening_follow_ups: 'Screening follow-ups',
  exposures: 'Trauma exposures',
  trim_offers: 'TRiM offers',
  trim_assessments: 'TRiM assessments',
  trim_prompt_claims: 'TRiM referral prompts taken on',
  referrals: 'Referrals',
  referral_steps: 'Referral steps',
  consents: 'Consents',
  management_advice_reports: 'Management advice reports',
  signposting_records: 'Signposting',
  bereavement_counselling: 'Bereavement counselling'
} as const

export type RetentionKind = keyof typeof retentionKinds

/** What each rule is called on screen. */
export const retentionRuleNames = {
  leaver: 'Leaver',
  'health-surveillance': 'Health surveillance'
} as const
