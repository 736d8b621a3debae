import type { Kysely, Transaction } from 'kysely'
import type { Pathway } from '../../../shared/contract/cases'
import type { BereavementStatus } from '../../../shared/signposting/bereavement'
import { addBereavementEntry, bereavementHistory } from './bereavement-history'
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
  const history = await bereavementHistory(trx, input.personId)
  const entries: BereavementStatus[] = []
  if (!history.some((entry) => entry.status === 'offered' && entry.happened_on === offer.counsellingOfferedOn)) entries.push('offered')
  const answer = offer.response === 'awaiting' ? null : offer.response
  const latest = entries.length ? 'offered' : (history[0]?.status ?? null)
  if (answer && latest !== answer) entries.push(answer)
  // Each entry is recorded after the last one (a millisecond apart at least), so the history keeps their order.
  const last = history.reduce((latestAt, entry) => Math.max(latestAt, Date.parse(entry.recorded_at)), 0)
  const from = Math.max(input.now.getTime(), last + 1)
  for (const [index, status] of entries.entries()) {
    await addBereavementEntry(
      trx,
      {
        personId: input.personId,
        caseId: input.caseId,
        status,
        // The offer on its date; the answer on the day it was recorded on the case (never before the offer).
        happenedOn: status === 'offered' || input.today < offer.counsellingOfferedOn ? offer.counsellingOfferedOn : input.today,
        userId: input.userId,
        recordedAt: new Date(from + index)
      },
      input.now
    )
  }
}
