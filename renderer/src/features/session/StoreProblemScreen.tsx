import { useState } from 'react'
import type { z } from 'zod'
import { restoreInput } from '../../../../shared/contract/backup'
import type { StoreProblem } from '../../../../shared/contract/session'
import { call } from '../../api'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Field } from '../../components/Field'
import { Notice } from '../../components/Notice'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'
import { AuthLayout } from './AuthLayout'

const explanations: Record<StoreProblem, string> = {
  missing: 'The store file is missing from the data folder.',
  'not-a-database': 'The store file is damaged, or does not match its key file.',
  damaged: 'The store file is damaged.',
  'newer-version': 'The store was saved by a newer version of Harbour. Use that version instead; nothing has been changed.',
  'locked-by-another': 'Another copy of Harbour is using this store. Close it, then start Harbour again.',
  'keyring-missing': 'The key file that unlocks the store is missing.',
  'keyring-damaged': 'The key file that unlocks the store is damaged.',
  'team-settings-damaged':
    'This computer works on a team server, but the file that says which server (team-server.json in Harbour’s data folder) is damaged. Ask the force’s IT team to set it up again.'
}

type RestoreValues = z.input<typeof restoreInput>
const order = ['username', 'passphrase']

/**
 * When the store cannot be opened: say why in plain words, keep every file as it is, and
 * offer the one safe way forward — restore a backup (the damaged file is kept beside it).
 */
export function StoreProblemScreen({ problem, onRestored }: { problem: StoreProblem | null; onRestored: () => void }) {
  const [restored, setRestored] = useState(false)
  const { register, handleSubmit, setError, formState } = useHarbourForm<RestoreValues>(restoreInput)
  const canRestore = problem !== 'newer-version' && problem !== 'locked-by-another' && problem !== 'team-settings-damaged'
  const submit = handleSubmit(async (values) => {
    try {
      const result = await call('backup:restore', values)
      if (result) setRestored(true)
    } catch (error) {
      showApiError(error, setError, order)
    }
  })
  if (restored) {
    return (
      <AuthLayout title="The backup has been restored">
        <p>Harbour checked the backup before using it. The files it replaced were kept in the data folder, renamed.</p>
        <button type="button" className="button" onClick={onRestored}>
          Sign in
        </button>
      </AuthLayout>
    )
  }
  return (
    <AuthLayout title="Harbour cannot open its records">
      <Notice tone="error" title="The records store needs attention">
        <p>{problem ? explanations[problem] : 'The store could not be opened.'}</p>
        <p>Harbour has not changed or deleted anything.</p>
      </Notice>
      {canRestore ? (
        <>
          <h2 className="heading-m">Restore from a backup</h2>
          <p>
            Only an administrator can restore a backup. Enter an administrator’s username and the passphrase they used when the backup was
            made: Harbour checks them against the key file saved beside the backup, and checks the backup itself, before it changes
            anything.
          </p>
          <ErrorSummary errors={summaryOf(formState.errors, order)} idPrefix="restore" />
          <form onSubmit={submit} noValidate>
            <Field
              id="restore-username"
              label="Administrator’s username"
              autoComplete="username"
              spellCheck={false}
              error={formState.errors.username?.message}
              {...register('username')}
            />
            <Field
              id="restore-passphrase"
              label="Administrator’s passphrase"
              hint="As it was when the backup was made"
              type="password"
              reveal
              autoComplete="current-password"
              error={formState.errors.passphrase?.message}
              {...register('passphrase')}
            />
            <button type="submit" className="button" disabled={formState.isSubmitting}>
              Choose a backup and restore it
            </button>
          </form>
        </>
      ) : null}
    </AuthLayout>
  )
}
