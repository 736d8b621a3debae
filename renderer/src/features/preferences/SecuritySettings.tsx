import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { call, messageFor } from '../../api'
import { Notice } from '../../components/Notice'
import { useRefreshSession } from '../session'

const choices = [1, 2, 3, 5, 10, 15]

/** Administrators: how long Harbour may sit unused before it locks (1–15 minutes), and whether plaintext exports are allowed. */
export function SecuritySettings() {
  const queryClient = useQueryClient()
  const refreshSession = useRefreshSession()
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => call('settings:get', {}) })
  const save = useMutation({
    mutationFn: (change: { idleLockMinutes?: number; plaintextExportsAllowed?: boolean }) => call('settings:set', change),
    // The control shows the choice at once; a refusal puts back what the store holds.
    onMutate: (change) => queryClient.setQueryData(['settings'], (current: typeof settings.data) => current && { ...current, ...change }),
    onError: () => void queryClient.invalidateQueries({ queryKey: ['settings'] }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['settings'], saved)
      void refreshSession()
    }
  })
  if (!settings.data) return null
  return (
    <section className="panel" aria-labelledby="security-heading">
      <h2 className="heading-m" id="security-heading">
        Security
      </h2>
      {save.isError ? (
        <Notice tone="error" title="The setting was not saved">
          <p>{messageFor(save.error)}</p>
        </Notice>
      ) : null}
      <div className="form-group">
        <label className="label" htmlFor="idle-lock">
          Lock Harbour after it has not been used for
        </label>
        <p className="hint" id="idle-lock-hint">
          Applies to everyone on this store. Harbour also locks when the computer locks or sleeps.
        </p>
        <select
          id="idle-lock"
          className="select"
          aria-describedby="idle-lock-hint"
          value={settings.data.idleLockMinutes}
          onChange={(event) => save.mutate({ idleLockMinutes: Number(event.target.value) })}
        >
          {choices.map((minutes) => (
            <option key={minutes} value={minutes}>
              {minutes} {minutes === 1 ? 'minute' : 'minutes'}
            </option>
          ))}
        </select>
      </div>
      <div className="form-group">
        <div className="checkboxes__item">
          <input
            className="checkboxes__input"
            type="checkbox"
            id="plaintext-exports"
            aria-describedby="plaintext-exports-hint"
            checked={settings.data.plaintextExportsAllowed}
            onChange={(event) => save.mutate({ plaintextExportsAllowed: event.target.checked })}
          />
          <label className="checkboxes__label" htmlFor="plaintext-exports">
            Allow list exports without encryption
          </label>
        </div>
        <p className="hint" id="plaintext-exports-hint">
          Off by default: exports are AES-256 zips with a password shown once. When allowed, each person exporting may still choose a plain
          CSV file instead, which anyone who gets it can read. Every export is recorded either way.
        </p>
      </div>
      <p className="visually-hidden" role="status">
        {save.isSuccess ? 'Setting saved.' : ''}
      </p>
    </section>
  )
}
