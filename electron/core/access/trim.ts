import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAudit } from '../store/audit'
import { requirePersonAccess } from './person'

/**
 * Who may read or write one TRiM offer: its assigned practitioner, or a clinician who may see the
 * person (need-to-know as everywhere). Anyone else, another TRiM practitioner included, is refused
 * and the refusal audited by id only. A TRiM practitioner never reaches anything clinical: the
 * contract keeps them to the TRiM channels, and this keeps them to the people assigned to them.
 */
export async function requireTrimOfferAccess(
  call: CallContext,
  offerId: string,
  mode: 'read' | 'record'
): Promise<{ id: string; personId: string; practitionerId: string }> {
  const offer = await call.db
    .selectFrom('trim_offers')
    .select(['id', 'person_id', 'practitioner_id'])
    .where('id', '=', offerId)
    .executeTakeFirst()
  // On a team server the server hides an offer that is not the caller's: still refused as one, and audited.
  const personId = offer?.person_id ?? (await hiddenOfferPerson(call, offerId))
  if (!personId) throw new CoreError('not-found', 'There is no such TRiM offer.')
  if (offer && offer.practitioner_id === call.user.id) return { id: offer.id, personId, practitionerId: offer.practitioner_id }
  if (mode === 'read' && call.user.roles.includes('clinician')) {
    await requirePersonAccess(call, personId)
    if (offer) return { id: offer.id, personId, practitionerId: offer.practitioner_id }
  }
  await appendAudit(call.db, { actorId: call.user.id, action: 'trim.view-refused', entityType: 'person', entityId: personId }, call.clock())
  throw new CoreError('forbidden', 'This person is not assigned to you for TRiM.')
}

async function hiddenOfferPerson(call: CallContext, offerId: string): Promise<string | null> {
  const check = call.dialect.hiddenRowPerson('trim_offers', offerId)
  if (!check) return null
  const row = await call.db.selectNoFrom(check.as('person')).executeTakeFirst()
  return row?.person ?? null
}
