import type { z } from 'zod'
import { joinTeamInput } from '../../../../shared/contract/team-server'
import { call } from '../../api'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Field } from '../../components/Field'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'
import { AuthLayout, footnotes } from './AuthLayout'

type JoinValues = z.input<typeof joinTeamInput>
const order = ['host', 'port', 'database', 'caFile', 'username', 'passphrase']

/**
 * First run on a team workstation: the server's details as the force's IT team gave them, and
 * the user's own login. Harbour checks the connection is encrypted and signs in before it
 * remembers the server, so a mistake here changes nothing.
 */
export function JoinTeamServerScreen({ onBack, onJoined }: { onBack: () => void; onJoined: () => void }) {
  const { register, handleSubmit, setError, setValue, formState } = useHarbourForm<JoinValues>(joinTeamInput, {
    mode: 'onSubmit',
    defaultValues: { host: '', port: '5432', database: 'harbour', caFile: '', username: '', passphrase: '' }
  })

  const submit = handleSubmit(async (values) => {
    try {
      await call('team-server:join', values)
      onJoined()
    } catch (error) {
      showApiError(error, setError, order)
    }
  })

  const chooseCaFile = async () => {
    const chosen = await call('team-server:chooseCaFile', {})
    if (chosen.path) setValue('caFile', chosen.path, { shouldDirty: true })
  }

  return (
    <AuthLayout title="Join your team’s server" footnote={footnotes.teamServer}>
      <p>
        Your OH team shares one caseload on the force’s server. The force’s IT team gives you the server’s details and your username, and
        sets your first passphrase. Nothing is kept on this computer but which server to use.
      </p>
      <ErrorSummary errors={summaryOf(formState.errors, order)} idPrefix="join" />
      <form onSubmit={submit} noValidate>
        <Field
          id="join-host"
          label="Server"
          hint="Its name on the force network, for example harbour-db.force.police.uk"
          spellCheck={false}
          autoComplete="off"
          error={formState.errors.host?.message}
          {...register('host')}
        />
        <Field
          id="join-port"
          label="Port"
          hint="Usually 5432: change it only if the IT team gave you another number"
          inputMode="numeric"
          width="narrow"
          error={formState.errors.port?.message}
          {...register('port')}
        />
        <Field
          id="join-database"
          label="Database"
          hint="Usually harbour: change it only if the IT team gave you another name"
          spellCheck={false}
          autoComplete="off"
          error={formState.errors.database?.message}
          {...register('database')}
        />
        <Field
          id="join-caFile"
          label="CA certificate file"
          hint="The force’s certificate file, which proves the server is the real one. Harbour will not connect without it."
          spellCheck={false}
          autoComplete="off"
          width="full"
          error={formState.errors.caFile?.message}
          {...register('caFile')}
        />
        <p>
          <button type="button" className="button button--secondary" onClick={() => void chooseCaFile()}>
            Choose the CA certificate file…
          </button>
        </p>
        <Field
          id="join-username"
          label="Username"
          autoComplete="username"
          spellCheck={false}
          error={formState.errors.username?.message}
          {...register('username')}
        />
        <Field
          id="join-passphrase"
          label="Passphrase"
          hint="The first passphrase the IT team gave you: you will choose your own next."
          type="password"
          reveal
          autoComplete="current-password"
          error={formState.errors.passphrase?.message}
          {...register('passphrase')}
        />
        <div className="button-group">
          <button type="submit" className="button" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? 'Connecting securely…' : 'Join and sign in'}
          </button>
          <button type="button" className="button button--secondary" onClick={onBack}>
            Back
          </button>
        </div>
      </form>
    </AuthLayout>
  )
}
