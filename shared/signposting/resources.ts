/**
 * The support resources a new store starts with, from the trauma risk management section of
 * the workforce prioritisation guidance (the public text in the product's seed material).
 * Harbour is offline, so each carries a short description and where to find it as text,
 * never a link. The team edits the catalogue; these are only a starting point.
 */
export interface DefaultSupportResource {
  id: string
  name: string
  description: string
  whereToFind: string
}

const guidance = 'Workforce prioritisation guidance, trauma risk management section'

export const defaultSupportResources: readonly DefaultSupportResource[] = [
  {
    id: 'stress-management-toolkit',
    name: 'Stress management toolkit',
    description: 'Practical resources focused on stress and psychological resilience for police officers and staff.',
    whereToFind: guidance
  },
  {
    id: 'trauma-risk-management-hub',
    name: 'Trauma risk management hub',
    description: 'Main portal for trauma-related guidance and resources.',
    whereToFind: guidance
  },
  {
    id: 'stress-and-trauma-level-1',
    name: 'Digital learning: Stress and trauma level 1',
    description: 'A College of Policing course on stress and trauma for officers, staff and volunteers.',
    whereToFind: 'College of Policing digital learning'
  },
  {
    id: 'resilience-webinars',
    name: 'Resilience webinars – Keeping the Peace',
    description: 'Interactive webinars to support mental health and emotional wellbeing.',
    whereToFind: guidance
  },
  {
    id: 'self-care-resources',
    name: 'Self-care and resilience resources',
    description: 'Support materials focused on stress management and self-care.',
    whereToFind: guidance
  },
  {
    id: 'communications-roles',
    name: 'Support for communications roles',
    description: 'Guidance for police communicators exposed to traumatic content or incidents.',
    whereToFind: guidance
  },
  {
    id: 'mindfulness-resources',
    name: 'Mindfulness resources',
    description: 'Mindfulness materials listed with the trauma risk management resources.',
    whereToFind: guidance
  },
  {
    id: 'bereavement-counselling',
    name: 'Bereavement counselling',
    description:
      'Free, specialist bereavement support available through occupational health units. Forces must ensure it is actively offered and promoted.',
    whereToFind: 'Through the occupational health unit'
  },
  {
    id: 'mental-health-awareness-films',
    name: 'Mental health awareness films',
    description:
      'Film-based learning: Purpose (new recruit Alfie and the emotional impact of trauma), Meaning (mid-service officer Jake and the cumulative effects of stress) and Identity (Roopa preparing to retire).',
    whereToFind: guidance
  },
  {
    id: 'national-therapists-network',
    name: 'National therapists’ network',
    description:
      'A national peer group for psychologists, psychotherapists, trauma specialists and counsellors to share best practice and raise standards across UK forces.',
    whereToFind: guidance
  },
  {
    id: 'under-investigation-guidance',
    name: 'Officers and staff under investigation – guidance',
    description:
      'The psychological impacts of being under investigation, how best to manage the risks, and appropriate support and signposting.',
    whereToFind: guidance
  }
]
