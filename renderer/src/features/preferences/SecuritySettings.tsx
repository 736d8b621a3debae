import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { call, messageFor } from '../../api'
import { Notice } from '../../components/Notice'
import { useRefreshSession } from '../session'

const choices = [1, 2, 3, 5, 10, 15]

/** Administrators: how long Harbour may sit unused before it locks (1–15 minutes). */
export function SecuritySettings() {
  const queryClient = useQueryClient()
  const refreshSession = useRefreshSession()
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => call('settings:get', {}) })
  const save = useMutation({
    mutationFn: (idleLockMinutes: number) => call('settings:set', { idleLockMinutes }),
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
          onChange={(event) => save.mutate(Number(event.target.value))}
        >
          {choices.map((minutes) => (
            <option key={minutes} value={minutes}>
              {minutes} {minutes === 1 ? 'minute' : 'minutes'}
            </option>
          ))}
        </select>
      </div>
      <p className="visually-hidden" role="status">
        {save.isSuccess ? 'Idle lock saved.' : ''}
      </p>
    </section>
  )
}
