import { basename } from 'node:path'
import { formatCalendarDate, todayInLondon } from '../../../shared/calendar-date'
import type { ReferralLetterTemplate } from '../../../shared/contract/referrals'
import type { PrintableDocument } from '../../../shared/documents/printable'
import {
  fillLetterTemplate,
  letterBlocks,
  letterPlaceholders,
  letterTemplateProblem,
  type LetterPlaceholder,
  type LetterValues
} from '../../../shared/referrals/letter-template'
import { missingOrRefused, requirePersonAccess } from '../access'
import type { CallContext } from '../context'
import { renderPdf } from '../documents/pdf'
import { CoreError } from '../errors'
import { writeFileAtomic } from '../fs/atomic-write'
import { appendAudit } from '../store/audit'
import { readSetting, writeSetting } from '../store/settings'
import { referralById } from './referrals'
import { currentUser } from './session-helpers'

/**
 * The referral letter: the administrators' template filled with the person's details and the
 * referral's reason, urgency, destination and consented scope — read here column by column, so
 * nothing else on the record (screenings, scores, notes, cases) can reach it. No consent on the
 * referral, no letter. The preview and the saved PDF are the same printable document.
 */

const urgencyWords = { routine: 'routine', urgent: 'urgent' } as const

/** Printed at the foot of every page of the letter. */
const letterFooter = 'OFFICIAL-SENSITIVE: PERSONAL. For the named service only; shared with the person’s consent.'

export async function referralLetterTemplate(call: CallContext): Promise<ReferralLetterTemplate> {
  const row = await call.db.selectFrom('settings').select('key').where('key', '=', 'referralLetterTemplate').executeTakeFirst()
  return {
    letterTemplate: (await readSetting(call.db, 'referralLetterTemplate')).value,
    placeholders: (Object.keys(letterPlaceholders) as LetterPlaceholder[]).map((name) => ({ name, meaning: letterPlaceholders[name] })),
    isDefault: row === undefined
  }
}

/** Saves the template, refusing one that names a placeholder Harbour does not know (and naming it). */
export async function setReferralLetterTemplate(call: CallContext, input: { letterTemplate: string }): Promise<ReferralLetterTemplate> {
  const user = currentUser(call)
  const problem = letterTemplateProblem(input.letterTemplate)
  if (problem) throw new CoreError('invalid-input', problem, ['letterTemplate'])
  await call.db.transaction().execute(async (trx) => {
    await writeSetting(trx, 'referralLetterTemplate', input.letterTemplate)
    await appendAudit(
      trx,
      { actorId: user.id, action: 'settings.changed', entityType: 'settings', detail: 'referralLetterTemplate' },
      call.core.clock()
    )
  })
  return referralLetterTemplate(call)
}

/** The letter's values: only the person's details and the referral's own consented content. */
async function letterValues(call: CallContext, referralId: string): Promise<{ values: LetterValues; personId: string }> {
  const referral = await call.db
    .selectFrom('referrals')
    .innerJoin('referral_destinations as d', 'd.id', 'referrals.destination_id')
    .select(['referrals.person_id', 'referrals.reason', 'referrals.urgency', 'd.name as destination_name'])
    .where('referrals.id', '=', referralId)
    .executeTakeFirst()
  if (!referral) return missingOrRefused(call, 'referrals', referralId, 'There is no such referral.')
  await requirePersonAccess(call, referral.person_id)
  // The consent record the referral was sent on, or for a draft the one that would cover it today.
  const { consent } = await referralById(call, referralId)
  if (consent === null)
    throw new CoreError(
      'conflict',
      'Record what the person agreed may be shared before writing the letter: a referral letter carries only what they consented to.'
    )
  if (consent.withdrawnOn !== null)
    throw new CoreError(
      'conflict',
      `The person withdrew their consent to share on ${formatCalendarDate(consent.withdrawnOn)}, so no letter can be written for this referral.`
    )
  const person = await call.db
    .selectFrom('people')
    .leftJoin('roles', 'roles.id', 'people.role_id')
    .select(['people.given_name', 'people.family_name', 'people.date_of_birth', 'people.staff_number', 'roles.name as role_name'])
    .where('people.id', '=', referral.person_id)
    .executeTakeFirstOrThrow()
  const user = currentUser(call)
  return {
    personId: referral.person_id,
    values: {
      name: `${person.given_name} ${person.family_name}`,
      dateOfBirth: person.date_of_birth ? formatCalendarDate(person.date_of_birth) : 'not recorded',
      staffNumber: person.staff_number,
      role: person.role_name ?? 'a member of the force',
      destination: referral.destination_name,
      urgency: urgencyWords[referral.urgency],
      reason: referral.reason,
      consentScope: consent.scope,
      consentGivenOn: formatCalendarDate(consent.givenOn),
      today: formatCalendarDate(todayInLondon(call.core.clock())),
      clinician: user.displayName
    }
  }
}

/** The letter as a printable document: for the window's preview and for the PDF alike. */
export async function referralLetterDocument(call: CallContext, input: { referralId: string }): Promise<PrintableDocument> {
  const { values } = await letterValues(call, input.referralId)
  const template = (await readSetting(call.db, 'referralLetterTemplate')).value
  return {
    title: `Referral to ${values.destination}`,
    blocks: [
      // No role here: a role ("Child abuse investigation") can say what the person was exposed
      // to, which they may not have agreed to share. An administrator may add {{role}} to the template.
      {
        kind: 'fields',
        rows: [
          { label: 'Date', value: values.today },
          { label: 'Name', value: values.name },
          { label: 'Date of birth', value: values.dateOfBirth },
          { label: 'Staff number', value: values.staffNumber },
          { label: 'Urgency', value: values.urgency === 'urgent' ? 'Urgent' : 'Routine' }
        ]
      },
      ...letterBlocks(fillLetterTemplate(template, values))
    ],
    footer: letterFooter
  }
}

/**
 * Renders the letter as an A4 PDF and writes it where the clinician chooses; null if they cancel.
 * Every save is audited by the referral's id alone: never the file's path or the letter's text.
 */
export async function saveReferralLetter(call: CallContext, input: { referralId: string }): Promise<{ fileName: string } | null> {
  const user = currentUser(call)
  // Checked before the dialog opens, so a refused letter never asks where to save.
  const document = await referralLetterDocument(call, input)
  const choose = call.core.dialogs?.chooseDocumentDestination
  if (!choose) throw new CoreError('unavailable', 'Saving a letter needs a file dialog, which is not available here.')
  const file = await choose(`referral-letter-${todayInLondon(call.core.clock())}.pdf`)
  if (!file) return null
  const bytes = await renderPdf(document, { appRoot: call.core.appRoot, created: call.core.clock() })
  writeFileAtomic(file, bytes)
  await appendAudit(
    call.db,
    { actorId: user.id, action: 'referral.letter-saved', entityType: 'referral', entityId: input.referralId },
    call.core.clock()
  )
  return { fileName: basename(file) }
}
