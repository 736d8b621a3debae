import { randomUUID } from 'node:crypto'
import { addDays, addMonths, addYears, format } from 'date-fns'
import { base, en, en_GB, Faker } from '@faker-js/faker'
import { todayInLondon } from '../../../shared/calendar-date'
import { caseReasons, priorities } from '../../../shared/contract/cases'
import { scoreInstrument } from '../../../shared/instruments'
import { ragFor } from '../../../shared/instruments/rag'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAudit } from '../store/audit'
import type { SeedInserts } from '../store/bulk-writes'
import { searchKey } from './people'
import { currentUser } from './session-helpers'
import { seedIncidents, type IncidentSeedContext, type SeededPerson } from './synthetic-incidents'
import { seedReferrals, type ReferralSeedContext } from './synthetic-referrals'
import { readTrimSettings } from './trim'
import { readSetting } from '../store/settings'

/**
 * Synthetic, realistic-looking data for demonstrations and benchmarks: people in roles at
 * realistic proportions, cases, notes and tasks. Deterministic for a given seed. It refuses a
 * store that holds real records, and marks the store as synthetic so that is never in doubt.
 */
export const syntheticMarker = 'synthetic-data'

/** Share of the workforce in each role (a force of ~5,000 officers and staff, shaped like an English county force). */
const roleWeights: [string, number][] = [
  ['response', 24],
  ['neighbourhood', 16],
  ['investigation', 12],
  ['control-room-call-handling', 8],
  ['custody', 5],
  ['firearms', 4],
  ['crime-scene-investigation', 2],
  ['digital-forensics', 2],
  ['child-abuse-investigation', 3],
  ['online-child-sexual-exploitation-indecent-image-grading', 1],
  ['family-liaison', 1],
  ['collision-investigation', 1],
  ['counter-terrorism', 1],
  ['sex-offender-management', 1],
  ['hostage-and-crisis-negotiation', 0.5],
  ['disaster-victim-identification', 0.5],
  ['communications-press', 1],
  ['senior-leadership', 1],
  ['other', 16]
]

const employment: [string, number][] = [
  ['police-officer', 55],
  ['police-staff', 35],
  ['special-constable', 5],
  ['pcso', 4],
  ['volunteer', 1]
]

function weighted<T>(faker: Faker, options: [T, number][]): T {
  const total = options.reduce((sum, [, weight]) => sum + weight, 0)
  let pick = faker.number.float({ min: 0, max: total })
  for (const [value, weight] of options) {
    pick -= weight
    if (pick <= 0) return value
  }
  return (options[options.length - 1] as [T, number])[0]
}

/**
 * A start date HR import would accept (shared/employment-dates.ts): at 18 or later (forces
 * recruit from 18, the rule's floor is 16), within the last 30 years, and not after today.
 */
function plausibleStartDate(faker: Faker, dateOfBirth: string, today: string): string {
  const noon = (date: string) => new Date(`${date}T12:00:00Z`)
  const eighteenth = addYears(noon(dateOfBirth), 18)
  const thirtyYearsAgo = addYears(noon(today), -30)
  const from = eighteenth > thirtyYearsAgo ? eighteenth : thirtyYearsAgo
  return format(faker.date.between({ from, to: noon(today) }), 'yyyy-MM-dd')
}

export interface SeedOptions {
  people: number
  seed: number
  /** For benchmarks: everyone gets yearly screenings over ten years (about ten per person). */
  denseHistory?: boolean
  /**
   * Referrals per person on average (default 0.2: about one person in six has any). The
   * benchmark asks for 2.02, which makes just over 100,000 at 50,000 people.
   */
  referralsPerPerson?: number
  onProgress?: (done: number, total: number) => void
}

export interface SeedResult {
  people: number
  cases: number
  notes: number
  tasks: number
  screenings: number
  incidents: number
  exposures: number
  trimPlans: number
  trimOffers: number
  trimAssessments: number
  referrals: number
  referralSteps: number
  consents: number
}

const noteTexts = [
  'Telephone contact. Reports poor sleep since the incident; discussed sleep hygiene and agreed review in two weeks.',
  'Face to face review. Mood improving; back on restricted duties. Line manager aware of adjustments.',
  'Discussed referral to NHS Talking Therapies; consent given for referral.',
  'Did not attend planned appointment. Left voicemail and sent letter offering a new date.',
  'Video call. Described intrusive memories after the fatal collision; PCL-5 to be repeated at next contact.',
  'Supervision with OH physician: plan agreed, continue monitoring.'
]

export async function seedSynthetic(call: CallContext, options: SeedOptions): Promise<SeedResult> {
  const { db, core } = call
  const user = currentUser(call)
  const marked = await db.selectFrom('settings').select('value').where('key', '=', syntheticMarker).executeTakeFirst()
  const peopleCount = async () =>
    Number(
      (
        await db
          .selectFrom('people')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n
    )
  const existing = await peopleCount()
  if (existing > 0 && !marked) {
    throw new CoreError('conflict', 'This store holds real records. Synthetic data is only ever added to a store made for it.')
  }
  const faker = new Faker({ locale: [en_GB, en, base], seed: options.seed })
  const today = todayInLondon(core.clock())
  const now = core.clock().toISOString()
  const active = await db.selectFrom('users').select(['id', 'roles']).where('status', '=', 'active').execute()
  const clinicians = active.filter((row) => (JSON.parse(row.roles) as string[]).includes('clinician')).map((row) => row.id)
  if (clinicians.length === 0) throw new CoreError('conflict', 'Add at least one clinician before seeding.')
  const start = existing
  const result: SeedResult = {
    people: 0,
    cases: 0,
    notes: 0,
    tasks: 0,
    screenings: 0,
    incidents: 0,
    exposures: 0,
    trimPlans: 0,
    trimOffers: 0,
    trimAssessments: 0,
    referrals: 0,
    referralSteps: 0,
    consents: 0
  }
  const intervals = new Map(
    (await db.selectFrom('roles').select(['id', 'screening_interval_months as m']).execute()).map((r) => [r.id, r.m])
  )
  let insert: SeedInserts | null = null
  const inserts = (): SeedInserts => {
    if (!insert) throw new Error('Synthetic rows are written inside a batch')
    return insert
  }
  /** Surveillance history: one sitting per role interval over the last five years, mostly well. Returns the latest sitting. */
  const seedScreenings = (personId: string, roleId: string, startDate: string): { id: string; rag: string } | null => {
    const months = intervals.get(roleId) ?? (options.denseHistory ? 12 : null)
    if (!months) return null
    let latest: { id: string; rag: string } | null = null
    const baseline = faker.number.int({ min: 0, max: 2 })
    for (let back = Math.floor((options.denseHistory ? 120 : 60) / months); back >= 1; back--) {
      const sittingDate = format(
        addMonths(new Date(`${today}T12:00:00Z`), -back * months + faker.number.int({ min: -1, max: 0 })),
        'yyyy-MM-dd'
      )
      if (sittingDate < startDate && !options.denseHistory) continue
      const id = randomUUID()
      const scored = ['phq9', 'gad7'].map((instrument) => {
        const count = instrument === 'phq9' ? 9 : 7
        const answers = Array.from({ length: count }, (_, item) =>
          instrument === 'phq9' && item === 8 ? 0 : Math.min(3, Math.max(0, baseline + faker.number.int({ min: -1, max: 1 })))
        )
        return { instrument, answers, ...scoreInstrument(instrument, answers) }
      })
      const { rag, rule, reason } = ragFor(scored)
      inserts().sitting({
        id,
        person_id: personId,
        sitting_date: sittingDate,
        rag,
        rag_rule: rule ? `${rule.id}: ${rule.description}` : null,
        rag_reason: reason,
        entered_by: clinicians[0] ?? null,
        now
      })
      latest = { id, rag }
      for (const r of scored) {
        inserts().result({
          screening_id: id,
          instrument_id: r.instrument,
          answers: JSON.stringify(r.answers),
          total: r.total,
          band: r.band,
          flags: JSON.stringify(r.flags),
          scoring_version: r.scoringVersion
        })
      }
      result.screenings++
    }
    return latest
  }
  /** As the app would have: a red latest result is with the open case's clinician, or waits for a team decision. */
  const seedFollowUp = (
    personId: string,
    latest: { id: string; rag: string } | null,
    openCase: { id: string; clinician: string } | null
  ) => {
    if (latest?.rag !== 'red') return
    const taskId = openCase ? randomUUID() : null
    if (openCase && taskId) {
      inserts().task({
        id: taskId,
        title: 'Review a red screening result',
        due_date: today,
        assignee: openCase.clinician,
        person_id: personId,
        case_id: openCase.id,
        source: 'rule:screening-review',
        rule_key: null,
        now
      })
      result.tasks++
    }
    inserts().followUp({
      id: randomUUID(),
      screening_id: latest.id,
      person_id: personId,
      route: openCase ? 'case-review' : 'team-decision',
      case_id: openCase?.id ?? null,
      task_id: taskId,
      now
    })
  }
  // TRiM offers name the store's TRiM practitioners; a store without one has the clinicians stand in.
  const practitioners = active.filter((row) => (JSON.parse(row.roles) as string[]).includes('trim')).map((row) => row.id)
  const incidentContext: IncidentSeedContext = {
    faker,
    insert: inserts,
    today,
    now,
    clinicians,
    practitioners: practitioners.length > 0 ? practitioners : clinicians,
    categories: await db
      .selectFrom('incident_categories')
      .select(['id', 'weight'])
      .where('retired', '=', 0)
      .orderBy('sort_order')
      .execute(),
    riskFactors: (await db.selectFrom('trim_risk_factors').select('id').where('retired', '=', 0).orderBy('sort_order').execute()).map(
      (row) => row.id
    ),
    trim: await readTrimSettings(call),
    counts: result
  }
  const referralContext: ReferralSeedContext = {
    faker,
    insert: inserts,
    today,
    now,
    clinicians,
    destinations: await db
      .selectFrom('referral_destinations')
      .select(['id', 'name'])
      .where('retired', '=', 0)
      .orderBy('sort_order')
      .execute(),
    chaseDays: (await readSetting(db, 'referralChaseDays')).value,
    perPerson: options.referralsPerPerson ?? 0.2,
    counts: result
  }
  const batch = 2000
  for (let offset = 0; offset < options.people; offset += batch) {
    call.bulk.seedBatch((batchInserts) => {
      insert = batchInserts
      const seeded: SeededPerson[] = []
      for (let i = offset; i < Math.min(options.people, offset + batch); i++) {
        const id = randomUUID()
        const employmentType = weighted(faker, employment)
        const givenName = faker.person.firstName()
        const familyName = faker.person.lastName()
        const staffNumber = `${employmentType === 'police-officer' ? 'PC' : employmentType === 'pcso' ? 'CSO' : employmentType === 'special-constable' ? 'SC' : 'PS'}${String(start + i + 10000).padStart(6, '0')}`
        const dateOfBirth = format(
          faker.date.birthdate({ min: 19, max: 64, mode: 'age', refDate: new Date(`${today}T12:00:00Z`) }),
          'yyyy-MM-dd'
        )
        const startDate = plausibleStartDate(faker, dateOfBirth, today)
        const leaving =
          faker.number.float() < 0.04
            ? format(faker.date.recent({ days: 700, refDate: new Date(`${today}T12:00:00Z`) }), 'yyyy-MM-dd')
            : null
        const roleId = weighted(faker, roleWeights)
        inserts().person({
          id,
          staff_number: staffNumber,
          title: employmentType === 'police-officer' ? faker.helpers.arrayElement(['PC', 'DC', 'Sgt', 'DS', 'Insp']) : null,
          given_name: givenName,
          family_name: familyName,
          date_of_birth: dateOfBirth,
          employment_type: employmentType,
          role_id: roleId,
          department: faker.helpers.arrayElement([
            'North Division',
            'South Division',
            'East Division',
            'West Division',
            'Headquarters',
            'Operations',
            'Crime Command'
          ]),
          line_manager: `${faker.helpers.arrayElement(['Sgt', 'Insp', 'Mr', 'Ms'])} ${faker.person.lastName()}`,
          email: `${givenName}.${familyName}${i}@example.police.uk`.toLowerCase().replace(/[^a-z0-9.@]/g, ''),
          start_date: startDate,
          leaving_date: leaving && leaving > startDate ? leaving : null,
          search_key: searchKey({ staffNumber, givenName, familyName, preferredName: null }),
          now
        })
        result.people++
        const latest = seedScreenings(id, roleId, startDate)
        let openCase: { id: string; clinician: string } | null = null
        const cases: { id: string; clinician: string }[] = []
        // About one person in eight has had OH involvement; a quarter of those are still open.
        if (faker.number.float() < 0.125) {
          const caseId = randomUUID()
          const open = faker.number.float() < 0.25
          const openedOn = format(faker.date.recent({ days: open ? 120 : 1500, refDate: new Date(`${today}T12:00:00Z`) }), 'yyyy-MM-dd')
          const clinician = faker.helpers.arrayElement(clinicians)
          const reason = faker.helpers.arrayElement(caseReasons.filter((r) => r !== 'bereavement' && r !== 'internal-abuse-report'))
          const review = open
            ? format(addDays(new Date(`${today}T12:00:00Z`), faker.number.int({ min: -20, max: 40 })), 'yyyy-MM-dd')
            : null
          const contacts = faker.number.int({ min: 1, max: 4 })
          let lastContact: string | null = null
          for (let n = 0; n < contacts; n++) {
            const contactDate = format(addDays(new Date(`${openedOn}T12:00:00Z`), n * 9), 'yyyy-MM-dd')
            if (contactDate > today) break
            lastContact = contactDate
          }
          inserts().case({
            id: caseId,
            person_id: id,
            reason,
            clinician,
            status: open ? faker.helpers.arrayElement(['open', 'active', 'awaiting-treatment', 'in-treatment', 'monitoring']) : 'closed',
            priority: faker.helpers.weightedArrayElement([
              { value: priorities[0], weight: 70 },
              { value: priorities[1], weight: 22 },
              { value: priorities[2], weight: 8 }
            ]),
            next_review_date: review,
            pathway: '{}',
            last_contact_date: lastContact,
            opened_on: openedOn,
            closed_on: open
              ? null
              : format(
                  addMonths(new Date(`${openedOn}T12:00:00Z`), 3) > new Date(`${today}T12:00:00Z`)
                    ? new Date(`${today}T12:00:00Z`)
                    : addMonths(new Date(`${openedOn}T12:00:00Z`), 3),
                  'yyyy-MM-dd'
                ),
            closure_outcome: open ? null : 'Returned to full duties',
            now
          })
          result.cases++
          cases.push({ id: caseId, clinician })
          if (open) openCase = { id: caseId, clinician }
          for (let n = 0; n < contacts; n++) {
            const contactDate = format(addDays(new Date(`${openedOn}T12:00:00Z`), n * 9), 'yyyy-MM-dd')
            if (contactDate > today) break
            inserts().note({
              id: randomUUID(),
              case_id: caseId,
              person_id: id,
              type: faker.helpers.arrayElement(['telephone', 'face-to-face', 'video']),
              contact_date: contactDate,
              text: faker.helpers.arrayElement(noteTexts),
              author: clinician,
              now
            })
            result.notes++
          }
          if (review) {
            inserts().task({
              id: randomUUID(),
              title: 'Case review',
              due_date: review,
              assignee: clinician,
              person_id: id,
              case_id: caseId,
              source: 'rule:review',
              rule_key: `review:${caseId}`,
              now
            })
            result.tasks++
          }
        }
        seedFollowUp(id, latest, openCase)
        const person = { id, roleId, startDate, leavingDate: leaving && leaving > startDate ? leaving : null, openCase, cases }
        seeded.push(person)
        seedReferrals(referralContext, person)
      }
      // Incidents bring together people of the same batch: exposures need their people first.
      seedIncidents(incidentContext, seeded)
    })
    insert = null
    options.onProgress?.(Math.min(options.people, offset + batch), options.people)
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key: syntheticMarker, value: 'true' })
      .onConflict((conflict) => conflict.column('key').doNothing())
      .execute()
    await appendAudit(
      trx,
      { actorId: user.id, action: 'synthetic.seeded', entityType: 'store', detail: `people=${result.people}` },
      core.clock()
    )
  })
  return result
}
