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
  if (!offer) throw new CoreError('not-found', 'There is no such TRiM offer.')
  const found = { id: offer.id, personId: offer.person_id, practitionerId: offer.practitioner_id }
  if (offer.practitioner_id === call.user.id) return found
  if (mode === 'read' && call.user.roles.includes('clinician')) {
    await requirePersonAccess(call, offer.person_id)
    return found
  }
  await appendAudit(
    call.db,
    { actorId: call.user.id, action: 'trim.view-refused', entityType: 'person', entityId: offer.person_id },
    call.clock()
  )
  throw new CoreError('forbidden', 'This person is not assigned to you for TRiM.')
}
