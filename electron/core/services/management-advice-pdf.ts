import { basename } from 'node:path'
import { formatCalendarDate, todayInLondon } from '../../../shared/calendar-date'
import type { CallContext } from '../context'
import { renderPdf } from '../documents/pdf'
import { CoreError } from '../errors'
import { writeFileAtomic } from '../fs/atomic-write'
import { appendAudit } from '../store/audit'
import { managementAdvicePrintable, requireVisibleReport } from './management-advice'
import { currentUser } from './session-helpers'

/**
 * A released management advice report as an A4 PDF, for the manager, written where the clinician
 * chooses; null if they cancel. Only a released report leaves Harbour (release is where consent
 * and "seeing it first" are checked), and no copy is made once the consent it was released on is
 * withdrawn. Every save is audited by the report's id alone: never the path or the advice.
 */
export async function saveManagementAdvicePdf(call: CallContext, input: { reportId: string }): Promise<{ fileName: string } | null> {
  const user = currentUser(call)
  const row = await requireVisibleReport(call, input.reportId)
  if (row.status !== 'released')
    throw new CoreError('conflict', 'Release the report before saving it as a PDF: only a released report goes to the manager.')
  const consent =
    row.consent_id === null
      ? undefined
      : await call.db.selectFrom('consents').select('withdrawn_on').where('id', '=', row.consent_id).executeTakeFirst()
  if (!consent) throw new CoreError('conflict', 'The consent this report was released on cannot be found, so no copy can be saved.')
  if (consent.withdrawn_on !== null)
    throw new CoreError(
      'conflict',
      `The person withdrew their consent on ${formatCalendarDate(consent.withdrawn_on)}, so no copy of this report can be saved.`
    )
  // Checked before the dialog opens, so a refused report never asks where to save.
  const document = await managementAdvicePrintable(call, input)
  const choose = call.core.dialogs?.chooseDocumentDestination
  if (!choose) throw new CoreError('unavailable', 'Saving a report needs a file dialog, which is not available here.')
  const file = await choose(`management-advice-${todayInLondon(call.core.clock())}.pdf`)
  if (!file) return null
  writeFileAtomic(file, await renderPdf(document, { appRoot: call.core.appRoot, created: call.core.clock() }))
  await appendAudit(
    call.db,
    { actorId: user.id, action: 'management-advice.pdf-saved', entityType: 'management-advice-report', entityId: row.id },
    call.core.clock()
  )
  return { fileName: basename(file) }
}
