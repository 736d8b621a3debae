/**
 * The destinations a new store starts with. The team edits the catalogue (the names of the
 * force's own commissioned services differ by force), so these are only a starting point.
 */
export const referralDestinationKinds = ['nhs', 'force-commissioned', 'charity', 'internal', 'urgent'] as const
export type ReferralDestinationKind = (typeof referralDestinationKinds)[number]

export const referralDestinationKindLabels: Record<ReferralDestinationKind, string> = {
  nhs: 'NHS',
  'force-commissioned': 'Commissioned by the force',
  charity: 'Police charity',
  internal: 'Within occupational health',
  urgent: 'Crisis or urgent care'
}

export const defaultReferralDestinations: readonly { id: string; name: string; kind: ReferralDestinationKind }[] = [
  { id: 'gp', name: 'GP', kind: 'nhs' },
  { id: 'nhs-talking-therapies', name: 'NHS Talking Therapies', kind: 'nhs' },
  { id: 'specialist-trauma-service', name: 'Specialist trauma service (force-commissioned)', kind: 'force-commissioned' },
  { id: 'bereavement-counselling', name: 'Bereavement counselling', kind: 'force-commissioned' },
  { id: 'police-treatment-centres', name: 'Police Treatment Centres', kind: 'charity' },
  { id: 'flint-house', name: 'Flint House', kind: 'charity' },
  { id: 'police-care-uk', name: 'Police Care UK', kind: 'charity' },
  { id: 'employee-assistance', name: 'Employee assistance programme', kind: 'force-commissioned' },
  { id: 'occupational-physician', name: 'Occupational physician', kind: 'internal' },
  { id: 'psychological-assessment', name: 'Psychological assessment', kind: 'internal' },
  { id: 'crisis-care', name: 'Crisis or urgent care', kind: 'urgent' }
]
