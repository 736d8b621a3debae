import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { Pathway } from '../../../shared/contract/cases'
import type { BereavementStatus } from '../../../shared/signposting/bereavement'
import { appendAudit } from '../store/audit'
import type { HarbourDatabase } from '../store/schema'

type Db = Kysely<HarbourDatabase> | Transaction<HarbourDatabase>

/**
 * A bereavement case records when counselling was offered and the answer; the same facts go
 * into the person's bereavement counselling history (the signposting slice), so the person page,
 * "not yet offered" and the governance counts all read one record. Written in the case's own
 * transaction; an entry already in the history is not written twice.
 */
export async function recordOfferFromCase(
  trx: Db,
  input: { personId: string; caseId: string; offer: NonNullable<Pathway['bereavement']>; userId: string; now: Date; today: string }
): Promise<void> {
  const { offer } = input
  const history = await trx
    .selectFrom('bereavement_counselling')
    .select(['status', 'happened_on', 'recorded_at'])
    .where('person_id', '=', input.personId)
    .orderBy('happened_on', 'desc')
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .execute()
  const entries: BereavementStatus[] = []
  if (!history.some((entry) => entry.status === 'offered' && entry.happened_on === offer.counsellingOfferedOn)) entries.push('offered')
  const answer = offer.response === 'awaiting' ? null : offer.response
  const latest = entries.length ? 'offered' : (history[0]?.status ?? null)
  if (answer && latest !== answer) entries.push(answer)
  // Each entry is recorded after the last one (a millisecond apart at least), so the history keeps their order.
  const last = history.reduce((latestAt, entry) => Math.max(latestAt, Date.parse(entry.recorded_at)), 0)
  const from = Math.max(input.now.getTime(), last + 1)
  for (const [index, status] of entries.entries()) {
    const id = randomUUID()
    await trx
      .insertInto('bereavement_counselling')
      .values({
        id,
        person_id: input.personId,
        case_id: input.caseId,
        status,
        // The offer on its date; the answer on the day it was recorded on the case (never before the offer).
        happened_on: status === 'offered' || input.today < offer.counsellingOfferedOn ? offer.counsellingOfferedOn : input.today,
        recorded_by: input.userId,
        recorded_at: new Date(from + index).toISOString()
      })
      .execute()
    await appendAudit(
      trx,
      { actorId: input.userId, action: 'bereavement-counselling.recorded', entityType: 'bereavement-counselling', entityId: id },
      input.now
    )
  }
}
