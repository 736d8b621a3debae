import { useState } from 'react'
import { roleNames } from '../../../../shared/contract/session'
import { Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { SummaryList } from '../../components/SummaryList'
import { ChangePassphraseForm } from './ChangePassphraseForm'
import { useCurrentUser } from './SessionContext'

/** The signed-in user's own account: who they are, and changing their passphrase. */
export function AccountScreen() {
  const user = useCurrentUser()
  const [changed, setChanged] = useState(false)
  return (
    <Page title="Your account">
      <section className="panel" aria-labelledby="you-heading">
        <h2 className="heading-m" id="you-heading">
          Signed in as
        </h2>
        <SummaryList
          rows={[
            { key: 'Name', value: user.displayName },
            { key: 'Username', value: user.username },
            { key: 'Roles', value: user.roles.map((role) => roleNames[role]).join(', ') }
          ]}
        />
      </section>
      <section className="panel" aria-labelledby="passphrase-heading">
        <h2 className="heading-m" id="passphrase-heading">
          Change your passphrase
        </h2>
        {changed ? (
          <Notice tone="info" title="Passphrase changed">
            <p>Use the new passphrase next time you sign in.</p>
          </Notice>
        ) : null}
        <ChangePassphraseForm onChanged={() => setChanged(true)} />
      </section>
    </Page>
  )
}
