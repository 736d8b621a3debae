import { createContext, useContext } from 'react'
import type { FailedSignIns } from '../../../../shared/contract/session'
import { formatDateTime } from '../../../../shared/dates'
import { Notice } from '../../components/Notice'

export const SignInNoticeContext = createContext<{ failedSignIns: FailedSignIns | null; dismiss: () => void }>({
  failedSignIns: null,
  dismiss: () => undefined
})

/**
 * After signing in: "3 failed sign-ins since your last sign-in", so someone guessing at an
 * account is noticed by its owner. Shown only once signed in, never at the sign-in screen.
 */
export function SignInNotice() {
  const { failedSignIns, dismiss } = useContext(SignInNoticeContext)
  if (!failedSignIns) return null
  const { count, lastAt } = failedSignIns
  return (
    <Notice tone="info" title={`${count} failed sign-in${count === 1 ? '' : 's'} since your last sign-in`}>
      <p>
        A wrong passphrase was typed for your username {count === 1 ? 'on' : `${count} times, the last on`}{' '}
        {formatDateTime(new Date(lastAt))}. If this was not you, tell your Harbour administrator.
      </p>
      <button type="button" className="link-button" onClick={dismiss}>
        Dismiss<span className="visually-hidden"> this notice</span>
      </button>
    </Notice>
  )
}
