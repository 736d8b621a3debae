import { Notice } from './Notice'

/**
 * An encrypted export's password, shown once when the file is saved: Harbour keeps no copy,
 * so the person exporting is told plainly to take it now and send it apart from the file.
 */
export function ExportPassword({ password, recipient }: { password: string; recipient: string }) {
  return (
    <>
      <p>The file is encrypted. Its password is:</p>
      <p className="list-export__password" aria-label="Password for the file">
        <code>{password}</code>
      </p>
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
