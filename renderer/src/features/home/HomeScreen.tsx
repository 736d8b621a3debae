import { useMemo } from 'react'
import { Link } from 'wouter'
import { formatLongDate, greetingFor } from '../../../../shared/dates'
import { shortcuts } from '../../app/shortcuts'
import { Kbd } from '../../components/Kbd'
import { Page } from '../../components/Page'
import { SummaryList } from '../../components/SummaryList'
import { BackupReminder } from '../backup'
import { usePreferences } from '../preferences'
import { useHasRole } from '../session'
import { TrimDueWork } from '../trim'

const themeNames = { system: 'Match this computer', light: 'Light', dark: 'Dark', 'high-contrast': 'High contrast' }
const textSizeNames = { standard: 'Standard', large: 'Large', larger: 'Larger' }

/** The first screen: today's date, how Harbour keeps data, and how to get around it. */
export function HomeScreen() {
  const now = useMemo(() => new Date(), [])
  const { preferences } = usePreferences()
  const practitioner = useHasRole('trim')
  const administrator = useHasRole('admin')

  return (
    <Page title={greetingFor(now)} lead={formatLongDate(now)}>
      {administrator ? <BackupReminder /> : null}
      {practitioner ? <TrimDueWork /> : null}
      <div className="card-grid">
        <section className="card" aria-labelledby="offline-heading">
          <h2 className="heading-m" id="offline-heading">
            Kept on this computer
          </h2>
          <p>
            Harbour works without a network. It makes no connections, sends no usage data and never checks for updates, so records stay
            inside your force&apos;s secure network.
          </p>
          <p>
            <Link href="/about">Where Harbour keeps its data</Link>
          </p>
        </section>
        <section className="card" aria-labelledby="keyboard-heading">
          <h2 className="heading-m" id="keyboard-heading">
            Work from the keyboard
          </h2>
          <ul className="shortcut-list">
            {shortcuts
              .filter((shortcut) => shortcut.command && shortcut.command !== 'go-home')
              .map((shortcut) => (
                <li key={shortcut.keys}>
                  <Kbd keys={shortcut.keys} /> <span>{shortcut.description}</span>
                </li>
              ))}
          </ul>
        </section>
        <section className="card" aria-labelledby="display-heading">
          <h2 className="heading-m" id="display-heading">
            Make it comfortable
          </h2>
          <p>Dark and high-contrast themes and larger text are in settings.</p>
          <SummaryList
            label="Current display settings"
            rows={[
              { key: 'Colour theme', value: themeNames[preferences.theme] },
              { key: 'Text size', value: textSizeNames[preferences.textSize] }
            ]}
          />
          <p>
            <Link href="/settings">Change display settings</Link>
          </p>
        </section>
      </div>
    </Page>
  )
}
