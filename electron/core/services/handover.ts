import type { StoreStatus } from '../../../shared/contract/session'
import { getInstrument } from '../../../shared/instruments'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAudit } from '../store/audit'
import { requireVisiblePerson } from './people'
import { saveScreening } from './screening'
import { currentUser } from './session-helpers'
import { todayInLondon } from '../../../shared/calendar-date'

/** Hands Harbour to a person to complete questionnaires; only their first name is shown to them. */
export async function startHandover(call: CallContext, input: { personId: string; instruments: string[] }): Promise<StoreStatus> {
  const user = currentUser(call)
  const person = await requireVisiblePerson(call, input.personId)
  for (const [index, id] of input.instruments.entries()) {
    try {
      getInstrument(id)
    } catch {
      throw new CoreError('invalid-input', 'One of the questionnaires chosen is not one Harbour has.', [`instruments.${index}`])
    }
  }
  call.handover.start({
    personId: person.id,
    firstName: person.preferredName ?? person.givenName,
    instruments: [...new Set(input.instruments)]
  })
  await appendAudit(call.db, { actorId: user.id, action: 'handover.started', entityType: 'person', entityId: person.id }, call.core.clock())
  return call.session.status()
}

/** Saves what the person answered as a self-completed sitting; they are shown no scores. */
export async function submitHandover(
  call: CallContext,
  input: { results: { instrument: string; answers: (number | null)[] }[] }
): Promise<StoreStatus> {
  const handover = call.handover.current
  if (!handover) throw new CoreError('conflict', 'Harbour is not handed over.')
  if (handover.submitted) throw new CoreError('conflict', 'These answers have already been saved.')
  const unexpected = input.results.find((r) => !handover.instruments.includes(r.instrument))
  if (unexpected) throw new CoreError('invalid-input', 'Only the questionnaires you were given can be answered.', ['results'])
  await saveScreening(call, {
    personId: handover.personId,
    sittingDate: todayInLondon(call.core.clock()),
    mode: 'self-completed',
    results: input.results.map((r) => ({ kind: 'items' as const, instrument: r.instrument, answers: r.answers }))
  })
  call.handover.markSubmitted()
  return call.session.status()
}

/** Only the signed-in clinician's passphrase ends a handover. */
export async function endHandover(call: CallContext, input: { passphrase: string }): Promise<StoreStatus> {
  const handover = call.handover.current
  if (handover) {
    await call.keyRing.checkPassphrase(call.user.username, input.passphrase).catch((error: unknown) => {
      if (error instanceof CoreError && error.code === 'unauthenticated') {
        throw new CoreError('invalid-input', 'That passphrase is not right. Only the clinician who started this can end it.', [
          'passphrase'
        ])
      }
      throw error
    })
    call.handover.end()
  }
  if (handover)
    await appendAudit(
      call.db,
      { actorId: currentUser(call).id, action: 'handover.ended', entityType: 'person', entityId: handover.personId },
      call.core.clock()
    )
  return call.session.status()
}
