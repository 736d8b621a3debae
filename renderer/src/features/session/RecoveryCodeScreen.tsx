import { useEffect, useState } from 'react'
import { AuthLayout } from './AuthLayout'

/**
 * The recovery code, shown once. It can reset any passphrase, so it belongs with the
 * service lead, offline. Carrying on needs a deliberate confirmation.
 */
export function RecoveryCodeScreen({ code, name, onDone }: { code: string; name: string; onDone: () => void }) {
  const [stored, setStored] = useState(false)
  const [tried, setTried] = useState(false)
  // While it prints, the page shows only the code (print.css); Chromium fires afterprint when done.
  useEffect(() => {
    const done = () => delete document.documentElement.dataset['print']
    window.addEventListener('afterprint', done)
    return () => {
      window.removeEventListener('afterprint', done)
      done()
    }
  }, [])
  const print = () => {
    document.documentElement.dataset['print'] = 'recovery-code'
    window.print()
  }
  return (
    <AuthLayout title="Keep the recovery code safe" wide>
      <p>
        Harbour is set up, {name}. If someone forgets their passphrase, this code lets an administrator set a new one. It will not be shown
        again.
      </p>
      <div className="recovery-code-sheet">
        <p className="print-only">Harbour recovery code</p>
        <div className="recovery-code" role="group" aria-label="Recovery code">
          {code.split('-').map((group, index) => (
            <span key={`${group}-${index}`} className="recovery-code__group">
              {group}
            </span>
          ))}
        </div>
      </div>
      <div className="inset">
        Write it down or print it, and keep it somewhere locked and offline, away from this computer. Do not store it in email or a shared
        drive.
      </div>
      <p>
        <button type="button" className="button button--secondary" onClick={print}>
          Print the recovery code
        </button>
      </p>
      {tried && !stored ? (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">There is a problem</h2>
          <ul className="error-summary__list">
            <li>
              <a href="#recovery-stored">Confirm you have stored the recovery code</a>
            </li>
          </ul>
        </div>
      ) : null}
      <div className={`checkboxes form-group${tried && !stored ? ' form-group--error' : ''}`}>
        <div className="checkboxes__item">
          <input
            className="checkboxes__input"
            type="checkbox"
            id="recovery-stored"
            checked={stored}
            onChange={(event) => setStored(event.target.checked)}
          />
          <label className="checkboxes__label" htmlFor="recovery-stored">
            I have stored the recovery code somewhere safe and offline
          </label>
        </div>
      </div>
      <button
        type="button"
        className="button"
        onClick={() => {
          setTried(true)
          if (stored) onDone()
        }}
      >
        Continue to Harbour
      </button>
    </AuthLayout>
  )
}
