import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import type { AutomaticBackup } from '../../../../shared/contract/backup-settings'
import { ApiError, call, messageFor } from '../../api'
import { Field } from '../../components/Field'
import { Notice } from '../../components/Notice'
import { formatDate } from '../../../../shared/dates'
import { backupStatusKey, useBackupStatus } from './BackupReminder'

/** What the form holds: numbers as typed, so a half-typed one is sent as typed and refused in words by the core. */
interface Draft {
  onExit: boolean
  folder: string
  keep: string
  reminderDays: string
}

function toDraft(settings: AutomaticBackup): Draft {
  return { ...settings, keep: String(settings.keep), reminderDays: String(settings.reminderDays) }
}

function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.problems.find((problem) => problem.field === field)?.message : undefined
}

/** Administrators: the automatic backup when Harbour closes, where it goes, how many are kept, when to remind. */
export function AutomaticBackupSettings() {
  const queryClient = useQueryClient()
  const status = useBackupStatus()
  const [draft, setDraft] = useState<Draft | null>(null)
  const save = useMutation({
    mutationFn: (change: Draft) =>
      call('backup:setAutomatic', {
        onExit: change.onExit,
        folder: change.folder,
        keep: Number(change.keep),
        reminderDays: Number(change.reminderDays)
      }),
    onSuccess: (next) => {
      queryClient.setQueryData(backupStatusKey, next)
      setDraft(null)
    }
  })
  if (!status.data) return null
  const shown = draft ?? toDraft(status.data.automatic)
  const change = (part: Partial<Draft>) => setDraft({ ...shown, ...part })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate(shown)
  }
  return (
    <section className="panel" aria-labelledby="automatic-backup">
      <h2 className="heading-m" id="automatic-backup">
        Automatic backups
      </h2>
      <p>
        {status.data.lastBackupAt
          ? `The last backup was made on ${formatDate(new Date(status.data.lastBackupAt))}.`
          : 'No backup has been made yet.'}
      </p>
      {save.isError ? (
        <Notice tone="error" title="The settings were not saved">
          <p>{messageFor(save.error)}</p>
        </Notice>
      ) : null}
      {save.isSuccess && draft === null ? (
        <p role="status" className="hint">
          Automatic backup settings saved.
        </p>
      ) : null}
      <form onSubmit={submit} noValidate>
        <div className="form-group">
          <div className="checkboxes__item">
            <input
              className="checkboxes__input"
              type="checkbox"
              id="backup-on-exit"
              aria-describedby="backup-on-exit-hint"
              checked={shown.onExit}
              onChange={(event) => change({ onExit: event.target.checked })}
            />
            <label className="checkboxes__label" htmlFor="backup-on-exit">
              Make a backup when Harbour closes
            </label>
          </div>
          <p className="hint" id="backup-on-exit-hint">
            Only when Harbour is closed while unlocked: a locked store holds no key to make one with. Each backup is checked as a restore
            would check it before older ones are removed.
          </p>
        </div>
        <Field
          id="backup-folder"
          label="Folder for automatic backups"
          hint={`Leave empty for the usual folder: ${status.data.usualFolder}. Not a folder copied to the internet, such as OneDrive.`}
          width="full"
          value={shown.folder}
          error={fieldError(save.error, 'folder')}
          onChange={(event) => change({ folder: event.target.value })}
        />
        <Field
          id="backup-keep"
          label="Automatic backups to keep"
          hint="From 1 to 60. Backups you make yourself are never removed."
          width="narrow"
          inputMode="numeric"
          value={shown.keep}
          error={fieldError(save.error, 'keep')}
          onChange={(event) => change({ keep: event.target.value })}
        />
        <Field
          id="backup-reminder-days"
          label="Days without a backup before a reminder"
          hint="From 1 to 365. Administrators see the reminder on the home and backup screens."
          width="narrow"
          inputMode="numeric"
          value={shown.reminderDays}
          error={fieldError(save.error, 'reminderDays')}
          onChange={(event) => change({ reminderDays: event.target.value })}
        />
        <button type="submit" className="button" disabled={save.isPending}>
          Save automatic backup settings
        </button>
      </form>
    </section>
  )
}
