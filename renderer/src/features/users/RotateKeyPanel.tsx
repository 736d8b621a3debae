import { useMutation } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type { ProgressUpdate } from '../../../../shared/contract/progress'
import { call, messageFor, onEvent } from '../../api'
import { Notice } from '../../components/Notice'

const phaseNames: Partial<Record<ProgressUpdate['phase'], string>> = {
  checking: 'Checking the key file',
  copying: 'Copying every record under the new key',
  verifying: 'Checking the new copy',
  sealing: 'Giving the new key to each remaining user',
  swapping: 'Putting the new copy in place',
  finishing: 'Checking the store in place',
  done: 'Done'
}

/**
 * Offered after a user is disabled: their key slot is gone, but a copy of the old key file
 * (one sits beside every backup) would still open the store with their passphrase until the
 * store key itself changes.
 */
export function RotateKeyPanel({ disabledName }: { disabledName: string | null }) {
  const [progress, setProgress] = useState<ProgressUpdate | null>(null)
  useEffect(
    () =>
      onEvent('progress:update', (update) => {
        if (update.task === 'key-rotation') setProgress(update)
      }),
    []
  )
  const rotate = useMutation({ mutationFn: () => call('keys:rotate', {}) })
  return (
    <section className="panel" aria-labelledby="rotate-key-heading">
      <h2 className="heading-m" id="rotate-key-heading">
        Rotate the store key
      </h2>
      <p>
        {disabledName ? `${disabledName} can no longer sign in: their key slot has been removed. ` : ''}
        Every backup is saved with a copy of the key file, though, and an old copy of that file still opens the store with a disabled
        person&apos;s passphrase. Rotating the store key re-encrypts every record under a new key that only the current users and the
        recovery code can open, so old copies of the key file stop working.
      </p>
      <p>
        Backups made before you rotate stay under the old key, with the old key file beside them. Make a new backup afterwards, and keep the
        old backups as safely as before.
      </p>
      <p>
        It takes a moment for each few thousand records; keep Harbour open until it finishes. If anything goes wrong, the store stays as it
        was.
      </p>
      <button type="button" className="button" disabled={rotate.isPending} onClick={() => rotate.mutate()}>
        {rotate.isPending ? 'Rotating the store key…' : 'Rotate the store key now'}
      </button>
      {rotate.isPending ? (
        <div className="import-progress" role="status">
          <label htmlFor="rotate-progress">{progress ? phaseNames[progress.phase] : 'Starting'}…</label>
          <progress id="rotate-progress" max={progress?.total || 1} value={progress?.total ? progress.done : undefined} />
        </div>
      ) : null}
      {rotate.isError ? (
        <Notice tone="error" title="The store key was not rotated">
          <p>{messageFor(rotate.error)}</p>
        </Notice>
      ) : null}
      {rotate.data ? (
        <Notice tone="info" title="The store key was rotated">
          <p>
            The store is encrypted under a new key, given to {rotate.data.slots} key {rotate.data.slots === 1 ? 'slot' : 'slots'}. Old
            copies of the key file no longer open it. Make a new backup now.
          </p>
          {rotate.data.newRecoveryCode ? (
            <>
              <p>
                The old recovery code was made before this version of Harbour and could not be moved to the new key. This is the new
                recovery code. It will not be shown again: write it down and give it to the service lead to keep offline.
              </p>
              <div className="recovery-code" role="group" aria-label="New recovery code">
                {rotate.data.newRecoveryCode.split('-').map((group, index) => (
                  <span key={`${group}-${index}`} className="recovery-code__group">
                    {group}
                  </span>
                ))}
              </div>
            </>
          ) : null}
        </Notice>
      ) : null}
    </section>
  )
}
