import { useState, type ReactNode } from 'react'
import { Notice } from './Notice'

/**
 * An encrypted export's password, shown once when the file is saved: Harbour keeps no copy,
 * so the person exporting is told plainly to take it now and send it apart from the file.
 * `reminded` is set when they tried to close the dialog with Escape (useHoldOpen).
 */
export function ExportPassword({ password, recipient, reminded }: { password: string; recipient: string; reminded: boolean }) {
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no')
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(password)
      setCopied('yes')
    } catch {
      setCopied('failed')
    }
  }
  return (
    <>
      {reminded ? (
        <Notice tone="error" title="Take the password before you close this">
          <p>Once this closes the password cannot be shown again, and the file could never be opened. Press Done when you have it.</p>
        </Notice>
      ) : null}
      <p>The file is encrypted. Its password is:</p>
      <div className="list-export__password-row">
        <p className="list-export__password" aria-label="Password for the file">
          <code>{password}</code>
        </p>
        <button type="button" className="button button--secondary button--small" onClick={() => void copy()}>
          Copy password
        </button>
        <span role="status" className="hint">
          {copied === 'yes' ? 'Copied. Paste it where you will keep it, then clear it from the clipboard.' : null}
          {copied === 'failed' ? 'This computer does not allow copying here: write the password down instead.' : null}
        </span>
      </div>
      <Notice tone="error" title="This password is shown only once">
        <p>
          Write it down or copy it now: Harbour keeps no copy, and the file cannot be opened without it. Send it to {recipient} separately
          from the file — by phone or in person, never in the same email.
        </p>
      </Notice>
      <p className="hint">It opens in 7-Zip, WinZip and other archive tools that support AES-256 zips.</p>
    </>
  )
}

/**
 * What every export dialog shows once the file is saved: what it holds, then its password shown
 * once (or, for a plain file, a warning that anyone can read it), and Done — the one way to
 * close while a password shows (useHoldOpen).
 */
export function ExportSavedStep({
  title,
  summary,
  afterSummary,
  password,
  recipient,
  reminded,
  onDone
}: {
  title: string
  summary: ReactNode
  afterSummary?: ReactNode
  password: string | null
  recipient: string
  reminded: boolean
  onDone: () => void
}) {
  return (
    <div className="list-export__saved">
      <Notice tone="info" title={title}>
        <p>{summary}</p>
      </Notice>
      {afterSummary}
      {password ? (
        <ExportPassword password={password} recipient={recipient} reminded={reminded} />
      ) : (
        <Notice tone="error" title="This file is not encrypted">
          <p>Anyone who gets the file can read it. Keep it on an encrypted drive and delete it when it is no longer needed.</p>
        </Notice>
      )}
      <div className="button-group">
        <button type="button" className="button" autoFocus onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  )
}
