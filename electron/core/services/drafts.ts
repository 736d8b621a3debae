import {
  draftSize,
  draftSubjects,
  maxDraftCharacters,
  type Draft,
  type DraftContent,
  type DraftForm
} from '../../../shared/contract/drafts'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { noSubject } from '../store/drafts'
import { requireVisibleCase } from './cases'
import { requirePersonAccess, visibleTo } from '../access'
import { currentUser } from './session-helpers'

/**
 * Drafts: what someone has typed into a form and not yet saved, kept in the encrypted store so
 * that navigating away, the idle lock or a restart loses nothing. Each belongs to one user and
 * is keyed by form and subject. Drafts are not part of the record, so they are not audited
 * (an entry each time someone pauses while typing would bury the trail), and their content
 * never appears in a message, a log or the audit log.
 */

interface DraftKey {
  form: DraftForm
  subjectId: string | null
}

const missing: Record<Exclude<(typeof draftSubjects)[DraftForm], 'none'>, string> = {
  case: 'There is no such case.',
  note: 'There is no such note.',
  person: 'There is no such person.',
  screening: 'There is no such screening.',
  task: 'There is no such task.'
}

/**
 * The person a draft is about, once the caller is shown to be allowed to see them: the same
 * checks (and the same audited refusal) as opening the subject itself.
 */
async function personFor(call: CallContext, { form, subjectId }: DraftKey): Promise<string | null> {
  const kind = draftSubjects[form]
  if (kind === 'none') {
    if (subjectId !== null) throw new CoreError('invalid-input', 'This form has no record to keep a draft against.', ['subjectId'])
    return null
  }
  if (subjectId === null) throw new CoreError('invalid-input', 'Say which record this draft belongs to.', ['subjectId'])
  const db = call.db
  switch (kind) {
    case 'person':
      return await requirePersonAccess(call, subjectId)
    case 'case':
      return (await requireVisibleCase(call, subjectId)).personId
    case 'note': {
      const note = await db.selectFrom('notes').select('case_id').where('id', '=', subjectId).executeTakeFirst()
      if (!note) throw new CoreError('not-found', missing.note)
      return (await requireVisibleCase(call, note.case_id)).personId
    }
    case 'screening': {
      const sitting = await db.selectFrom('screenings').select('person_id').where('id', '=', subjectId).executeTakeFirst()
      if (!sitting) throw new CoreError('not-found', missing.screening)
      return await requirePersonAccess(call, sitting.person_id)
    }
    case 'task': {
      const task = await db.selectFrom('tasks').select('person_id').where('id', '=', subjectId).executeTakeFirst()
      if (!task) throw new CoreError('not-found', missing.task)
      return task.person_id ? await requirePersonAccess(call, task.person_id) : null
    }
  }
}

/** Keeps (or replaces) the caller's draft of this form. */
export async function saveDraft(call: CallContext, input: DraftKey & { content: DraftContent }): Promise<{ savedAt: string }> {
  const user = currentUser(call)
  // The contract refuses this too; the check here covers callers that do not come through it.
  if (draftSize(input.content) > maxDraftCharacters) {
    throw new CoreError(
      'invalid-input',
      `This draft is too long to keep. A draft can be ${maxDraftCharacters.toLocaleString('en-GB')} characters at most.`,
      ['content']
    )
  }
  const personId = await personFor(call, input)
  const savedAt = call.core.clock().toISOString()
  const row = {
    user_id: user.id,
    form: input.form,
    subject_id: input.subjectId ?? noSubject,
    person_id: personId,
    content: JSON.stringify(input.content),
    saved_at: savedAt
  }
  await call.db
    .insertInto('drafts')
    .values(row)
    .onConflict((conflict) =>
      conflict.columns(['user_id', 'form', 'subject_id']).doUpdateSet({ person_id: personId, content: row.content, saved_at: savedAt })
    )
    .execute()
  return { savedAt }
}

/**
 * The caller's own draft of this form, or null. A draft about a person the caller can no
 * longer see is not offered (it goes at the next purge); asking is not a look at the record,
 * so it is neither audited nor refused.
 */
export async function getDraft(call: CallContext, input: DraftKey): Promise<Draft | null> {
  const user = currentUser(call)
  const row = await call.db
    .selectFrom('drafts')
    .leftJoin('people', 'people.id', 'drafts.person_id')
    .select(['drafts.content', 'drafts.saved_at'])
    .where('drafts.user_id', '=', user.id)
    .where('drafts.form', '=', input.form)
    .where('drafts.subject_id', '=', input.subjectId ?? noSubject)
    .where((eb) => eb.or([eb('drafts.person_id', 'is', null), visibleTo(user.id)]))
    .executeTakeFirst()
  if (!row) return null
  return { content: JSON.parse(row.content) as DraftContent, savedAt: row.saved_at }
}

/** Deletes the caller's draft of this form, when they choose to throw it away. */
export async function discardDraft(call: CallContext, input: DraftKey): Promise<{ discarded: boolean }> {
  const user = currentUser(call)
  const result = await call.db
    .deleteFrom('drafts')
    .where('user_id', '=', user.id)
    .where('form', '=', input.form)
    .where('subject_id', '=', input.subjectId ?? noSubject)
    .executeTakeFirst()
  return { discarded: Number(result.numDeletedRows) > 0 }
}
