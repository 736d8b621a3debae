import { useMutation, useQueryClient } from '@tanstack/react-query'
import { call, messageFor } from '../../api'
import { Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { SummaryList } from '../../components/SummaryList'
import { formatDate } from '../../../../shared/dates'
import { AutomaticBackupSettings } from './AutomaticBackupSettings'
import { BackupReminder, backupStatusKey } from './BackupReminder'

/** Administrators: write an encrypted, verified backup to a file they choose. */
export function BackupScreen() {
  const queryClient = useQueryClient()
  const backup = useMutation({
    mutationFn: () => call('backup:create', {}),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: backupStatusKey })
  })
  return (
    <Page title="Backups" lead="A backup is an encrypted copy of every record, for when this computer or its disk fails.">
      <BackupReminder onBackupScreen />
      <section className="panel" aria-labelledby="make-backup">
        <h2 className="heading-m" id="make-backup">
          Make a backup now
        </h2>
        <p>
          Choose where to save it: ideally a drive kept apart from this computer. Harbour checks the copy opens and matches the records
          before it says it is done. It stays encrypted; it opens only with a Harbour passphrase.
        </p>
        <button type="button" className="button" disabled={backup.isPending} onClick={() => backup.mutate()}>
          {backup.isPending ? 'Writing and checking the backup…' : 'Choose where to save a backup'}
        </button>
      </section>
      {backup.isError ? (
        <Notice tone="error" title="The backup was not made">
          <p>{messageFor(backup.error)}</p>
        </Notice>
      ) : null}
      {backup.data ? (
        <Notice tone="info" title="Backup saved and checked">
          <SummaryList
            rows={[
              { key: 'File', value: <code className="path">{backup.data.file}</code> },
              { key: 'Made on', value: formatDate(new Date(backup.data.createdAt)) },
              { key: 'Contents', value: `${backup.data.rows} rows in ${backup.data.tables} tables, all verified` },
              { key: 'Audit head', value: <code className="path">{`${backup.data.auditHead.entries}:${backup.data.auditHead.hash}`}</code> }
            ]}
          />
          <p className="hint">
            A service lead can note the audit head down, away from this computer. Checking the store against it later (
            <code>verify --head</code>) shows whether any of the audit history up to this backup was changed or removed.
          </p>
        </Notice>
      ) : null}
      {backup.isSuccess && backup.data === null ? (
        <p role="status" className="hint">
          No backup was made: choosing a file was cancelled.
        </p>
      ) : null}
      <AutomaticBackupSettings />
    </Page>
  )
}
