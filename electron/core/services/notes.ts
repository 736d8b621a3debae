import { missingOrRefused } from '../access'
import { randomUUID } from 'node:crypto'
import { todayInLondon } from '../../../shared/calendar-date'
import type { Note, NoteType } from '../../../shared/contract/notes'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { appendAudit } from '../store/audit'
import { clearDraft } from '../store/drafts'
import { requireVisibleCase } from './cases'
import { currentUser } from './session-helpers'
import { refuseFutureDate } from './refuse-future-date'

/** Contact with the person; a missed appointment or supervision is not contact. */
const contactTypes = new Set<NoteType>(['telephone', 'face-to-face', 'video', 'email', 'letter'])

function noteQuery(call: CallContext) {
  return call.db
    .selectFrom('notes')
    .innerJoin('users', 'users.id', 'notes.author_id')
    .selectAll('notes')
    .select('users.display_name as author_name')
}

type NoteRow = Awaited<ReturnType<ReturnType<typeof noteQuery>['executeTakeFirstOrThrow']>>

function toNote(row: NoteRow): Note {
  return {
    id: row.id,
    caseId: row.case_id,
    type: row.type as NoteType,
    contactDate: row.contact_date,
    text: row.text,
    authorId: row.author_id,
    authorName: row.author_name,
    amendsNoteId: row.amends_note_id,
    amendmentReason: row.amendment_reason,
    createdAt: row.created_at
  }
}

export async function addNote(
  call: CallContext,
  input: { caseId: string; type: NoteType; contactDate: string; text: string }
): Promise<Note> {
  const { db, core } = call
  const user = currentUser(call)
  const record = await requireVisibleCase(call, input.caseId)
  if (record.status === 'closed') throw new CoreError('conflict', 'This case is closed. Notes can only be added to open cases.')
  refuseFutureDate(input.contactDate, todayInLondon(core.clock()), 'contactDate', 'The contact date')
  const id = randomUUID()
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('notes')
      .values({
        id,
        case_id: input.caseId,
        person_id: record.personId,
        type: input.type,
        contact_date: input.contactDate,
        text: input.text,
        author_id: user.id,
        amends_note_id: null,
        amendment_reason: null,
        created_at: core.clock().toISOString()
      })
      .execute()
    if (contactTypes.has(input.type) && (!record.lastContactDate || input.contactDate > record.lastContactDate)) {
      await trx.updateTable('cases').set({ last_contact_date: input.contactDate }).where('id', '=', input.caseId).execute()
    }
    await appendAudit(trx, { actorId: user.id, action: 'note.added', entityType: 'note', entityId: id }, core.clock())
    await clearDraft(trx, user.id, 'case-note', input.caseId)
  })
  return toNote(await noteQuery(call).where('notes.id', '=', id).executeTakeFirstOrThrow())
}

/** Corrects a note by adding an amendment linked to it; the original stays as written. */
export async function amendNote(call: CallContext, input: { noteId: string; text: string; reason: string }): Promise<Note> {
  const { db, core } = call
  const user = currentUser(call)
  const original = await noteQuery(call).where('notes.id', '=', input.noteId).executeTakeFirst()
  if (!original) return missingOrRefused(call, 'notes', input.noteId, 'There is no such note to amend.')
  await requireVisibleCase(call, original.case_id)
  const id = randomUUID()
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('notes')
      .values({
        id,
        case_id: original.case_id,
        person_id: original.person_id,
        type: original.type,
        contact_date: original.contact_date,
        text: input.text,
        author_id: user.id,
        amends_note_id: original.id,
        amendment_reason: input.reason,
        created_at: core.clock().toISOString()
      })
      .execute()
    await appendAudit(
      trx,
      { actorId: user.id, action: 'note.amended', entityType: 'note', entityId: original.id, detail: id },
      core.clock()
    )
    await clearDraft(trx, user.id, 'note-amendment', original.id)
  })
  return toNote(await noteQuery(call).where('notes.id', '=', id).executeTakeFirstOrThrow())
}

export async function notesForCase(call: CallContext, input: { caseId: string }): Promise<Note[]> {
  await requireVisibleCase(call, input.caseId)
  const rows = await noteQuery(call).where('notes.case_id', '=', input.caseId).orderBy('notes.created_at', 'desc').execute()
  return rows.map(toNote)
}
