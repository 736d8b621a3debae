/**
 * What each input field is called in the user's words, by the name the contract gives it.
 * A message about a field names it with this label, never with the contract's own name
 * (`dueDate`), which means nothing to the person typing. A unit test checks that every name
 * declared in any channel's input has a label here, so a new field cannot reach the screen
 * by its internal name.
 */
export const fieldLabels: Record<string, string> = {
  decidedOn: 'Date of the planning decision',
  notNeededReason: 'Why TRiM is not needed',
  offers: 'People offered TRiM',
  practitionerId: 'TRiM practitioner',
  offerId: 'TRiM offer',
  assessmentId: 'TRiM assessment',
  assessedOn: 'Date of the assessment',
  factors: 'Risk factors',
  factorId: 'Risk factor',
  present: 'Present',
  persistentDifficulty: 'Persistent difficulty',
  initialAssessmentDays: 'Days to the TRiM initial assessment',
  followUpDays: 'Days to the TRiM follow-up',
  referralThreshold: 'TRiM referral threshold',
  occurredOn: 'Date of the incident',
  countIn30Days: 'Exposures in 30 days',
  weightedIn12Months: 'Weighted load in 12 months',
  categoryId: 'Category',
  reference: 'Reference',
  attendees: 'People exposed',
  staffNumbers: 'Staff numbers',
  part: 'Part',
  intensity: 'Intensity',
  hoursReviewed: 'Hours of material reviewed',
  incidentId: 'Incident',
  weight: 'Weight',
  happenedOn: 'Date it happened',
  givenOn: 'Date consent was given',
  purpose: 'What the consent is for',
  recipient: 'Who it may be shared with',
  consentId: 'Consent',
  withdrawnOn: 'Date consent was withdrawn',
  reportId: 'Management advice report',
  managerName: 'Manager’s name',
  organisation: 'Organisation',
  fitness: 'Fitness for role',
  expectedReturnOn: 'Expected return to work',
  reviewOn: 'Review date',
  askedToSeeFirst: 'Asked to see it first',
  shownOn: 'Date shown to the person',
  comments: 'The person’s comments',
  scope: 'What may be shared',
  referralId: 'Referral',
  urgency: 'Urgency',
  destinationId: 'Where the referral goes',
  resourceId: 'Support resource',
  signpostedOn: 'Date signposted',
  whereToFind: 'Where to find it',
  breachedOnly: 'Breached only',
  actionNote: 'What was done',
  actionTakenBy: 'Who took the action',
  actionTakenOn: 'Date the action was taken',
  actionTakenTime: 'Time the action was taken',
  adjustments: 'Reasonable adjustments',
  alertId: 'Safety alert',
  amber: 'What an amber result leads to',
  answers: 'Answers',
  assignedClinicianId: 'Clinician',
  assigneeId: 'Who it is for',
  bands: 'Bands',
  bereavement: 'Bereavement counselling',
  caseId: 'Case',
  changes: 'Changes',
  checkId: 'Checked file',
  clinicianId: 'Clinician',
  closedOn: 'Closing date',
  codes: 'Codes',
  commit: 'Import or check only',
  content: 'Draft',
  confirmOpenSafetyWork: 'Close with safety work still open',
  confirmNext: 'New passphrase, typed again',
  confirmPassphrase: 'Passphrase, typed again',
  contactDate: 'Date of contact',
  counsellingOfferedOn: 'Date counselling was offered',
  criticalNotAnswered: 'Unanswered safety questions',
  current: 'Current passphrase',
  date: 'Date column',
  dateOfBirth: 'Date of birth',
  decision: 'Decision',
  department: 'Department',
  description: 'Description',
  direction: 'Sort direction',
  displayName: 'Full name',
  dueDate: 'Due date',
  email: 'Work email',
  employmentType: 'Employment',
  familyName: 'Family name',
  flag: 'Flag',
  flags: 'Flags',
  form: 'Form',
  fromUserId: 'Clinician who left',
  followUpDate: 'Follow-up date',
  followUpId: 'Screening result',
  givenName: 'Given name',
  id: 'Record',
  idleLockMinutes: 'Idle lock',
  includeRetired: 'Include retired roles',
  instrument: 'Questionnaire',
  instruments: 'Questionnaires',
  internalAbuse: 'What was reported',
  investigation: 'Investigation',
  item: 'Question',
  kind: 'Kind of result',
  leavingDate: 'Leaving date',
  level: 'Level',
  limit: 'Rows per page',
  lineManager: 'Line manager',
  mapping: 'Column mapping',
  mode: 'How it was completed',
  name: 'Name',
  namedClinicianIds: 'Named clinicians',
  nature: 'What was reported',
  next: 'New passphrase',
  nextHearingDate: 'Next hearing',
  nextReviewDate: 'Next review',
  note: 'Note',
  noteId: 'Note',
  noticeDate: 'Date the notice was served',
  offset: 'Page',
  notAttempted: 'Not attempted',
  outcome: 'Outcome',
  overdueOnly: 'Overdue reviews only',
  page: 'Page',
  passphrase: 'Passphrase',
  pathway: 'Pathway',
  personId: 'Person',
  phone: 'Work phone',
  preferredName: 'Preferred name',
  preset: 'Saved mapping',
  priority: 'Priority',
  query: 'Search',
  reason: 'Reason',
  recoveryCode: 'Recovery code',
  reduceMotion: 'Reduce motion',
  referralChaseDays: 'Days before a referral is chased',
  reportedOn: 'Date it was reported',
  response: 'Answer',
  restricted: 'Restricted record',
  results: 'Questionnaire results',
  retired: 'Retired',
  riskTier: 'Risk tier',
  roleId: 'Force role',
  roles: 'Roles',
  rules: 'Screening rules',
  screeningBattery: 'Screening questionnaires',
  screeningId: 'Screening',
  screeningIntervalMonths: 'Screening interval',
  sittingDate: 'Date of the screening',
  sort: 'Sort order',
  staffNumber: 'Staff or collar number',
  startDate: 'Start date',
  status: 'Status',
  subjectId: 'Record',
  subscales: 'Subscales',
  supportOffered: 'Support offered',
  text: 'Note',
  textSize: 'Text size',
  theme: 'Theme',
  title: 'Title',
  token: 'File',
  total: 'Total',
  traumaticContent: 'Exposed to traumatic content',
  traumaticContentRecallMonths: 'Recall interval for roles exposed to traumatic content',
  type: 'Type of contact',
  userId: 'User',
  validRowsOnly: 'Import the valid rows only',
  username: 'Username',
  verbalAnswer: 'Answer given aloud',
  view: 'View',
  welfareOfficer: 'Welfare support officer',
  when: 'When it applies',
  withinDays: 'Due within',
  letterTemplate: 'Referral letter template'
}

/** Used only for a path with no name of its own (the input as a whole). */
const wholeInput = 'What was entered'

/**
 * The label for a dotted field path (`results.0.answers.8` → "Answers"): the last name in it
 * that has a label. Never the path itself.
 */
export function labelFor(path: string): string {
  const names = path.split('.').filter((segment) => !/^\d+$/.test(segment))
  for (const name of names.reverse()) {
    const label = Object.prototype.hasOwnProperty.call(fieldLabels, name) ? fieldLabels[name] : undefined
    if (label) return label
  }
  return wholeInput
}

/** A label to use inside a sentence: "Due date" → "due date", but "NHS number" stays. */
export function inSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? `${label[0]?.toLowerCase()}${label.slice(1)}` : label
}

/**
 * A problem told apart from its field (in a summary of problems that are not next to their
 * field): the message, led by the field's label unless the message names it already.
 */
export function describeProblem(problem: { field: string; message: string }): string {
  const label = labelFor(problem.field)
  const message = problem.message.replace(/\.$/, '')
  if (label === wholeInput || message.toLowerCase().includes(label.toLowerCase())) return message
  return `${label}: ${inSentence(message)}`
}
