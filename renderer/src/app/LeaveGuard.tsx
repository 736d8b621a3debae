import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { Router, type AroundNavHandler } from 'wouter'
import { useHashLocation } from 'wouter/use-hash-location'
import { onEvent } from '../api'
import { ConfirmDialog } from '../components/ConfirmDialog'

/** A form with work that leaving the page would take away. */
export interface UnsavedWork {
  /** What the changes are to, as the warning names them: "the note", "the person's details". */
  label: string
  /** Read at the moment of leaving, so it is always current. */
  isDirty: () => boolean
  /** Keeps the changes as a draft now; resolves false if that failed. Absent: leaving loses them. */
  keep?: () => Promise<boolean>
}

interface LeaveGuard {
  register: (work: { current: UnsavedWork }) => () => void
  /** Keeps every form's changes as a draft (before locking, say); false if any could not be kept. */
  keepAll: () => Promise<boolean>
}

const LeaveGuardContext = createContext<LeaveGuard | null>(null)

function useLeaveGuard(): LeaveGuard {
  const guard = useContext(LeaveGuardContext)
  if (!guard) throw new Error('useLeaveGuard needs a GuardedRouter')
  return guard
}

/** Registers a form's unsaved work for as long as the form is on screen. */
export function useUnsavedWork(work: UnsavedWork): void {
  const { register } = useLeaveGuard()
  const latest = useRef(work)
  useEffect(() => {
    latest.current = work
  })
  useEffect(() => register(latest), [register])
}

/** For forms that keep no draft: warns that leaving loses the changes. */
export function useLeaveWarning(label: string, dirty: boolean): void {
  const current = useRef(dirty)
  useEffect(() => {
    current.current = dirty
  })
  useUnsavedWork({ label, isDirty: () => current.current })
}

/** Keeps every form's changes as a draft; for the lock, which closes the store. */
export function useKeepAllDrafts(): () => Promise<boolean> {
  return useLeaveGuard().keepAll
}

function listed(labels: string[]): string {
  const unique = [...new Set(labels)]
  return unique.length <= 1 ? (unique[0] ?? '') : `${unique.slice(0, -1).join(', ')} and ${unique.at(-1) ?? ''}`
}

function explanation(kept: string[], lost: string[]): ReactNode {
  return (
    <>
      {kept.length ? <p>Your changes to {listed(kept)} are kept as a draft. They will be there when you come back.</p> : null}
      {lost.length ? <p>Your changes to {listed(lost)} will be lost.</p> : null}
    </>
  )
}

/** This window's place in its history, where the browser says (Chromium's Navigation API). */
function entryIndex(): number | null {
  return typeof navigation === 'undefined' ? null : (navigation.currentEntry?.index ?? null)
}

/** The screen held in place while Back or Forward is being undone (see GuardedRouter). */
const heldPath: { current: string | null } = { current: null }

/** The address routes follow: the held one while a move is undone, so the form never unmounts. */
function useHeldHashLocation(): ReturnType<typeof useHashLocation> {
  const [path, navigate] = useHashLocation()
  return [heldPath.current ?? path, navigate]
}
// Links are written as hash addresses, as with wouter's own hash location.
useHeldHashLocation.hrefs = (href: string) => `#${href}`

const currentPath = () => `/${location.hash.replace(/^#?\/?/, '')}`
const pathOf = (url: string) => `/${new URL(url).hash.replace(/^#?\/?/, '')}`

interface Leaving {
  go: () => void
  kept: UnsavedWork[]
  lost: UnsavedWork[]
}

/**
 * The app's router, which asks before leaving a form with unsaved changes: every in-app move
 * (links, Ctrl+K, buttons that navigate) goes through `aroundNav`, so one check covers them all.
 * Forms that keep drafts have them kept before the page changes.
 */
export function GuardedRouter({ children }: { children: ReactNode }) {
  const works = useRef(new Set<{ current: UnsavedWork }>())
  const [leaving, setLeaving] = useState<Leaving | null>(null)
  const [keeping, setKeeping] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  const dirty = useCallback(() => [...works.current].map((work) => work.current).filter((work) => work.isDirty()), [])
  const keepAll = useCallback(async () => {
    const results = await Promise.all(dirty().map((work) => (work.keep ? work.keep() : Promise.resolve(true))))
    return results.every(Boolean)
  }, [dirty])
  const guard = useMemo<LeaveGuard>(
    () => ({
      register: (work) => {
        works.current.add(work)
        return () => void works.current.delete(work)
      },
      keepAll
    }),
    [keepAll]
  )
  const aroundNav = useCallback<AroundNavHandler>(
    (navigate, to, options) => {
      const open = dirty()
      if (open.length === 0 || to === currentPath()) return navigate(to, options)
      setProblem(null)
      setLeaving({ go: () => navigate(to, options), kept: open.filter((work) => work.keep), lost: open.filter((work) => !work.keep) })
    },
    [dirty]
  )

  // Closing the window: nothing can be awaited, but a pending draft is sent on its way.
  useEffect(() => {
    const onLeave = () => void keepAll()
    window.addEventListener('pagehide', onLeave)
    return () => window.removeEventListener('pagehide', onLeave)
  }, [keepAll])
  // Back and Forward (mouse buttons, Alt+Left, history) change the address without passing
  // `aroundNav`. So the move is caught as the history entry changes: away from a form with
  // changes, the screen is held where it is, the move is undone (history stays exactly as it
  // was, so Stay leaves nothing behind) and the same question is asked. Leaving makes the
  // same move again, let through this time.
  const shown = useRef(location.href)
  const shownIndex = useRef(entryIndex())
  const passing = useRef(false)
  useEffect(() => {
    const onPopState = (event: PopStateEvent) => {
      const to = currentPath()
      if (passing.current) {
        passing.current = false
        return
      }
      const open = dirty()
      if (open.length === 0 || to === pathOf(shown.current)) return
      event.stopImmediatePropagation()
      // How far the move went (1 for Back, -1 for Forward), to undo it and later redo it.
      const now = entryIndex()
      const steps = now !== null && shownIndex.current !== null && now !== shownIndex.current ? shownIndex.current - now : 1
      heldPath.current = pathOf(shown.current)
      history.go(steps)
      setProblem(null)
      setLeaving({
        go: () => {
          passing.current = true
          history.go(-steps)
        },
        kept: open.filter((work) => work.keep),
        lost: open.filter((work) => !work.keep)
      })
    }
    const onHashChange = () => {
      // While held, only the return to the held screen counts as arriving somewhere.
      if (heldPath.current !== null) {
        if (currentPath() !== heldPath.current) return
        heldPath.current = null
      }
      shown.current = location.href
      shownIndex.current = entryIndex()
    }
    window.addEventListener('popstate', onPopState, { capture: true })
    window.addEventListener('hashchange', onHashChange, { capture: true })
    return () => {
      window.removeEventListener('popstate', onPopState, { capture: true })
      window.removeEventListener('hashchange', onHashChange, { capture: true })
    }
  }, [dirty])

  // The shell asks before it closes the window: keep every draft, then close.
  useEffect(() => onEvent('window:closing', () => void keepAll().finally(() => window.close())), [keepAll])

  const leave = async () => {
    if (!leaving) return
    if (!problem) {
      setKeeping(true)
      const kept = await Promise.all(leaving.kept.map((work) => work.keep?.() ?? Promise.resolve(true)))
      setKeeping(false)
      if (!kept.every(Boolean)) {
        // Say so, and let a second "Leave" go without them.
        setLeaving({ ...leaving, kept: [], lost: [...leaving.kept, ...leaving.lost] })
        setProblem('Harbour could not keep your changes as a draft. Stay on this page to save them, or leave without them.')
        return
      }
    }
    setLeaving(null)
    leaving.go()
  }

  return (
    <LeaveGuardContext.Provider value={guard}>
      <Router hook={useHeldHashLocation} aroundNav={aroundNav}>
        {children}
        {leaving ? (
          <ConfirmDialog
            confirmation={{
              title: 'Leave this page?',
              explanation: explanation(
                leaving.kept.map((work) => work.label),
                leaving.lost.map((work) => work.label)
              ),
              confirmLabel: 'Leave this page',
              cancelLabel: 'Stay on this page',
              warning: leaving.lost.length > 0
            }}
            pending={keeping}
            error={problem}
            onConfirm={() => void leave()}
            onCancel={() => setLeaving(null)}
          />
        ) : null}
      </Router>
    </LeaveGuardContext.Provider>
  )
}
