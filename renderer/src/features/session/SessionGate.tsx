import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { useLocation } from 'wouter'
import type { FailedSignIns, SessionUser, StoreStatus } from '../../../../shared/contract/session'
import { useKeepAllDrafts } from '../../app/LeaveGuard'
import { Loading } from '../../components/Notice'
import { ChangePassphraseScreen } from './ChangePassphraseScreen'
import { LoginScreen } from './LoginScreen'
import { FirstRunScreen } from './FirstRunScreen'
import { StoreProblemScreen } from './StoreProblemScreen'
import { IdleWarningDialog } from './IdleWarningDialog'
import { SessionContext } from './SessionContext'
import { SignInNoticeContext } from './SignInNotice'
import { useIdleLock } from './useIdleLock'
import { useLockRequests } from './useLock'
import { useRecordsChanged } from './useRecordsChanged'
import { useRefreshSession, useSession } from './useSession'

function Unlocked({
  user,
  idleLockMinutes,
  failedSignIns,
  children
}: {
  user: SessionUser
  idleLockMinutes: number
  failedSignIns: FailedSignIns | null
  children: ReactNode
}) {
  const refresh = useRefreshSession()
  useRecordsChanged()
  const expire = useCallback(() => void refresh(), [refresh])
  const { secondsLeft, stayUnlocked } = useIdleLock(idleLockMinutes, expire)
  // The idle lock closes the store: what was typed a moment ago is kept as a draft when the
  // warning shows, well before the lock, rather than when typing next pauses (too late then).
  const keepDrafts = useKeepAllDrafts()
  const warned = secondsLeft !== null
  useEffect(() => {
    if (warned) void keepDrafts()
  }, [warned, keepDrafts])
  // The notice lasts until dismissed or the session ends (this component is new for each session).
  const [dismissed, setDismissed] = useState(false)
  const notice = useMemo(
    () => ({ failedSignIns: dismissed ? null : failedSignIns, dismiss: () => setDismissed(true) }),
    [dismissed, failedSignIns]
  )
  return (
    <SessionContext.Provider value={user}>
      <SignInNoticeContext.Provider value={notice}>{children}</SignInNoticeContext.Provider>
      <IdleWarningDialog secondsLeft={secondsLeft} onStay={stayUnlocked} />
    </SessionContext.Provider>
  )
}

type Handover = NonNullable<StoreStatus['handover']>

/**
 * Decides what the window shows: setup on first run, sign-in when locked, an explanation
 * when the store cannot be opened, a forced passphrase change, the questionnaires while Harbour
 * is handed over (the app passes that screen in: the handover feature sits above the session), or
 * the app itself.
 */
export function SessionGate({ handoverScreen, children }: { handoverScreen: (handover: Handover) => ReactNode; children: ReactNode }) {
  const session = useSession()
  const refresh = useRefreshSession()
  useLockRequests()
  const [settingUp, setSettingUp] = useState(false)
  const done = () => {
    setSettingUp(false)
    void refresh()
  }
  const status = session.data
  // Someone else signing in starts from the home screen, not from the last user's screen.
  const [, navigate] = useLocation()
  const lastUser = useRef<string | null>(null)
  // Whose session was locked, to fill in at the lock screen (kept in this window only, never stored).
  const [lastUsername, setLastUsername] = useState<string | null>(null)
  const currentUser = status?.state === 'unlocked' ? (status.user?.id ?? null) : null
  const currentUsername = status?.state === 'unlocked' ? (status.user?.username ?? null) : null
  useEffect(() => {
    if (!currentUser) return
    if (lastUser.current && lastUser.current !== currentUser) navigate('/')
    lastUser.current = currentUser
  }, [currentUser, navigate])
  if (currentUsername && currentUsername !== lastUsername) setLastUsername(currentUsername)
  if (!status) {
    return session.isError ? (
      <main className="failure" id="main">
        <div className="failure__panel" role="alert">
          <h1 className="heading-l">Harbour could not start</h1>
          <p>Close Harbour and open it again. If this keeps happening, tell your Harbour administrator.</p>
        </div>
      </main>
    ) : (
      <main className="failure" id="main">
        <Loading what="Harbour" />
      </main>
    )
  }
  if (settingUp || status.state === 'no-store') {
    return <FirstRunScreen onCreated={() => setSettingUp(true)} onDone={done} />
  }
  if (status.state === 'unavailable') return <StoreProblemScreen problem={status.problem} onRestored={done} />
  if (status.state === 'locked' || !status.user)
    return <LoginScreen lockReason={status.lockReason} lastUsername={lastUsername} teamServer={status.teamServer} onUnlocked={done} />
  if (status.user.mustChangePassphrase) return <ChangePassphraseScreen user={status.user} onChanged={done} />
  if (status.handover) return handoverScreen(status.handover)
  return (
    <Unlocked user={status.user} idleLockMinutes={status.idleLockMinutes} failedSignIns={status.failedSignIns}>
      {children}
    </Unlocked>
  )
}
