import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link } from 'wouter'
import { call, messageFor } from '../../api'
import { Notice } from '../../components/Notice'

export const backupStatusKey = ['backup', 'status'] as const

/** The core's view of backups for an administrator: last backup, reminder, failed automatic backup, settings. */
export function useBackupStatus() {
  return useQuery({ queryKey: backupStatusKey, queryFn: () => call('backup:status', {}) })
}

/**
 * Administrators: "No backup for N days — make one now" when the core says so, dismissible for
 * the day, and a failed automatic backup until one succeeds. The core decides both.
 */
export function BackupReminder({ onBackupScreen = false }: { onBackupScreen?: boolean }) {
  const queryClient = useQueryClient()
  const status = useBackupStatus()
  const dismiss = useMutation({
    mutationFn: () => call('backup:dismissReminder', {}),
    onSuccess: (next) => queryClient.setQueryData(backupStatusKey, next)
  })
  const data = status.data
  if (!data) return null
  return (
    <>
      {data.automaticFailure ? (
        <Notice tone="error" title="The automatic backup failed">
          <p>{data.automaticFailure.text}</p>
          {onBackupScreen ? null : (
            <p>
              <Link href="/backups">Make a backup now</Link>
            </p>
          )}
        </Notice>
      ) : null}
      {data.reminder ? (
        <Notice tone="info" title={data.reminder.text}>
          <p>A backup is an encrypted copy of every record, for when this computer or its disk fails.</p>
          <div className="button-group">
            {onBackupScreen ? null : (
              <Link href="/backups" className="button">
                Make a backup
              </Link>
            )}
            <button type="button" className="button button--secondary" disabled={dismiss.isPending} onClick={() => dismiss.mutate()}>
              Remind me tomorrow
            </button>
          </div>
          {dismiss.isError ? <p className="error-message">{messageFor(dismiss.error)}</p> : null}
        </Notice>
      ) : null}
    </>
  )
}
