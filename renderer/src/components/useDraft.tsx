import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import { formatCalendarDate, todayInLondon } from '../../../shared/calendar-date'
import { draftSize, maxDraftCharacters, type DraftContent, type DraftForm } from '../../../shared/contract/drafts'
import { call, messageFor } from '../api'
import { useUnsavedWork } from '../app/LeaveGuard'

/** How long typing pauses before the draft is kept. Leaving the page or locking keeps it at once. */
const draftDelayMs = 1000

/**
 * JSON with object keys sorted and empty objects left out, so the same values compare equal
 * however a form builds them (react-hook-form leaves out a group of fields not on screen).
 */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) return item
    const entries = Object.entries(item).filter(
      ([, field]) =>
        field !== undefined && !(field && typeof field === 'object' && !Array.isArray(field) && Object.keys(field).length === 0)
    )
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  })
}

/** "14:02" today, "14:02 on 9 Sep 2026" otherwise, in London time. */
function savedWhen(iso: string): string {
  const at = new Date(iso)
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' }).format(at)
  const day = todayInLondon(at)
  return day === todayInLondon(new Date()) ? time : `${time} on ${formatCalendarDate(day)}`
}

export interface DraftOptions<T extends DraftContent> {
  form: DraftForm
  /** Fixed for the form's life: give the form a React key of its subject if that can change. */
  subjectId: string | null
  /** What the changes are to, as the leave warning names them: "the note". */
  label: string
  /** The form's current values. */
  values: T
  /** What the form started with: values equal to these are not a draft. */
  initial: T
  /** Puts values back into the form (a draft's, or the initial ones when a draft is discarded). */
  restore: (content: T) => void
  /** Puts the form back as it started, when a draft is discarded; `restore(initial)` if absent. */
  startAgain?: () => void
}

export interface FormDraft {
  /** "Draft restored from 14:02 — Discard draft", or a problem keeping the draft; place above the form. */
  notice: ReactNode
  /** Runs the form's save: keeps the latest typing first (so a refusal loses nothing), then marks it saved. */
  whileSaving: <R>(save: () => Promise<R>) => Promise<R>
}

/**
 * Keeps a form's unsaved work as an encrypted draft in the store while the user types, offers
 * it back when they return, and warns before they leave the page. The core deletes the draft
 * in the same transaction as the save that uses it. One call per form opts in.
 */
export function useDraft<T extends DraftContent>({
  form,
  subjectId,
  label,
  values,
  initial,
  restore,
  startAgain
}: DraftOptions<T>): FormDraft {
  const [key] = useState(() => ({ form, subjectId }))
  const valuesJson = stableJson(values)
  const initialJson = stableJson(initial)
  const latest = useRef({ valuesJson, initialJson, restore, initial, startAgain })
  useEffect(() => {
    latest.current = { valuesJson, initialJson, restore, initial, startAgain }
  })
  /** What the store holds for this form (as stable JSON; null: nothing); undefined until asked. */
  const stored = useRef<string | null | undefined>(undefined)
  /** The values last saved to the record itself: not a draft any more. */
  const onRecord = useRef<string | null>(null)
  const timer = useRef<number | undefined>(undefined)
  const chain = useRef<Promise<boolean>>(Promise.resolve(true))
  const lookup = useRef<Promise<void>>(Promise.resolve())
  const [restoredFrom, setRestoredFrom] = useState<string | null>(null)
  const [discarded, setDiscarded] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  const isDirty = useCallback(() => {
    const { valuesJson: now, initialJson: start } = latest.current
    return now !== start && now !== onRecord.current
  }, [])

  /** Makes the store match the form: the draft saved, replaced or (back to the start) deleted. */
  const syncNow = useCallback(async (): Promise<boolean> => {
    await lookup.current
    if (stored.current === undefined) return true
    const want = isDirty() ? latest.current.valuesJson : null
    if (want === stored.current) return true
    try {
      if (want === null) {
        await call('drafts:discard', key)
      } else {
        const content = JSON.parse(want) as DraftContent
        if (draftSize(content) > maxDraftCharacters) {
          setProblem(
            `This is too long to keep as a draft (${maxDraftCharacters.toLocaleString('en-GB')} characters at most). Save it to keep it.`
          )
          return false
        }
        await call('drafts:save', { ...key, content })
      }
      stored.current = want
      setProblem(null)
      return true
    } catch (error) {
      setProblem(messageFor(error))
      return false
    }
  }, [isDirty, key])

  /** Syncs now, after any sync already under way, so the store ends with the newest values. */
  const sync = useCallback((): Promise<boolean> => {
    window.clearTimeout(timer.current)
    const next = chain.current.then(syncNow)
    chain.current = next
    return next
  }, [syncNow])

  const schedule = useCallback(() => {
    window.clearTimeout(timer.current)
    if (stored.current === undefined) return
    const want = isDirty() ? latest.current.valuesJson : null
    if (want !== stored.current) timer.current = window.setTimeout(() => void sync(), draftDelayMs)
  }, [isDirty, sync])

  // Ask once for a draft; offer it back if the form is still as it started.
  useEffect(() => {
    let live = true
    lookup.current = call('drafts:get', key)
      .then((draft) => {
        const pristine = latest.current.valuesJson === latest.current.initialJson
        const restoring = Boolean(draft && live && pristine)
        if (draft && restoring) {
          // A field the draft lacks (one added since it was kept) starts as it would have.
          latest.current.restore({ ...latest.current.initial, ...draft.content } as T)
          setRestoredFrom(draft.savedAt)
        }
        // A draft this form did not take up (it was gone, or typing had begun) is never deleted
        // for being absent from the form; newer typing replaces it.
        stored.current = draft && (pristine ? live : true) ? stableJson(draft.content) : null
        // Restored values are checked when the form shows them (the effect below).
        if (live && !restoring) schedule()
      })
      .catch(() => {
        stored.current = null
      })
    return () => {
      live = false
      // Leaving by any route (a lock, a collapsed panel, Cancel) keeps what was typed.
      void sync()
    }
  }, [key, schedule, sync])

  useEffect(schedule, [valuesJson, initialJson, schedule])

  useUnsavedWork({ label, isDirty, keep: sync })

  const whileSaving = useCallback(
    async <R,>(save: () => Promise<R>): Promise<R> => {
      await sync()
      const saving = latest.current.valuesJson
      const result = await save()
      // The core deleted the draft in the same transaction.
      onRecord.current = saving
      stored.current = null
      setRestoredFrom(null)
      setProblem(null)
      schedule()
      return result
    },
    [schedule, sync]
  )

  const discard = async () => {
    window.clearTimeout(timer.current)
    await chain.current
    try {
      await call('drafts:discard', key)
    } catch (error) {
      setProblem(messageFor(error))
      return
    }
    stored.current = null
    const { startAgain: reset, restore: put, initial: start } = latest.current
    if (reset) reset()
    else put(start)
    setRestoredFrom(null)
    setDiscarded(true)
  }

  const done = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (discarded) done.current?.focus()
  }, [discarded])

  const notice = (
    <>
      {restoredFrom ? (
        <div className="notice notice--info draft-notice" role="status">
          <p>
            Draft restored from {savedWhen(restoredFrom)}.{' '}
            <button type="button" className="link-button" onClick={() => void discard()}>
              Discard draft<span className="visually-hidden"> of {label}</span>
            </button>
          </p>
        </div>
      ) : null}
      {discarded && !restoredFrom && valuesJson === initialJson ? (
        <p className="draft-notice__done" role="status" tabIndex={-1} ref={done}>
          Draft discarded.
        </p>
      ) : null}
      {problem ? (
        <p className="error-message" role="alert">
          Harbour could not keep a draft of this: {problem}
        </p>
      ) : null}
    </>
  )
  return { notice, whileSaving }
}

/**
 * Calls `onWaiting` once if the user has a draft of a form that is not open yet, so the panel
 * can open it and the draft is back where they left it.
 */
export function useDraftWaiting(form: DraftForm, subjectId: string | null, onWaiting: () => void): void {
  const [key] = useState(() => ({ form, subjectId }))
  const callback = useRef(onWaiting)
  useEffect(() => {
    callback.current = onWaiting
  })
  useEffect(() => {
    let live = true
    call('drafts:get', key)
      .then((draft) => {
        if (draft && live) callback.current()
      })
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [key])
}
