import { useState } from 'react'
import type { Preferences, TextSize, Theme } from '../../../../shared/contract/preferences'
import { messageFor } from '../../api'
import { Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { RadioGroup } from '../../components/RadioGroup'
import { ReferralChaseForm, ReferralLetterTemplateForm } from '../referrals'
import { RiskFactorCatalogue, TrimSettingsForm } from '../trim'
import { useHasRole } from '../session'
import { usePreferences } from './PreferencesProvider'
import { SecuritySettings } from './SecuritySettings'

const themeOptions: { value: Theme; label: string; hint: string }[] = [
  { value: 'system', label: 'Match this computer', hint: 'Light or dark, following the operating system setting.' },
  { value: 'light', label: 'Light', hint: 'Dark text on a light background.' },
  { value: 'dark', label: 'Dark', hint: 'Light text on a dark background, easier in dim rooms.' },
  { value: 'high-contrast', label: 'High contrast', hint: 'White on black with yellow highlights, for low vision.' }
]

const textSizeOptions: { value: TextSize; label: string }[] = [
  { value: 'standard', label: 'Standard' },
  { value: 'large', label: 'Large' },
  { value: 'larger', label: 'Larger' }
]

/** Display settings for this workstation. Each choice applies and saves at once. */
export function SettingsScreen() {
  const { preferences, save } = usePreferences()
  const isAdmin = useHasRole('admin')
  const [failure, setFailure] = useState<string | null>(null)
  const [saved, setSaved] = useState<string | null>(null)

  const change = (changes: Partial<Preferences>, what: string) => {
    setFailure(null)
    save(changes)
      .then(() => setSaved(`${what} saved.`))
      .catch((error: unknown) => {
        setSaved(null)
        setFailure(messageFor(error))
      })
  }

  return (
    <Page title="Settings" lead="How Harbour looks on this computer, and how it protects records. Changes apply straight away.">
      {failure ? (
        <Notice tone="error" title="Your setting was not saved">
          <p>{failure}</p>
        </Notice>
      ) : null}
      <p className="visually-hidden" role="status">
        {saved}
      </p>
      <section className="panel" aria-labelledby="appearance-heading">
        <h2 className="heading-m" id="appearance-heading">
          Appearance
        </h2>
        <RadioGroup
          legend="Colour theme"
          name="theme"
          value={preferences.theme}
          options={themeOptions}
          onChange={(theme) => change({ theme }, 'Colour theme')}
        />
        <RadioGroup
          legend="Text size"
          hint="You can also zoom with Ctrl and = or Ctrl and -."
          name="textSize"
          value={preferences.textSize}
          options={textSizeOptions}
          onChange={(textSize) => change({ textSize }, 'Text size')}
        />
        <div className="checkboxes">
          <div className="checkboxes__item">
            <input
              className="checkboxes__input"
              type="checkbox"
              id="reduce-motion"
              checked={preferences.reduceMotion}
              onChange={(event) => change({ reduceMotion: event.target.checked }, 'Motion setting')}
            />
            <label className="checkboxes__label" htmlFor="reduce-motion">
              Reduce motion
            </label>
          </div>
        </div>
      </section>
      {isAdmin ? <SecuritySettings /> : null}
      {isAdmin ? <ReferralChaseForm /> : null}
      {isAdmin ? <ReferralLetterTemplateForm /> : null}
      {isAdmin ? <TrimSettingsForm /> : null}
      {isAdmin ? <RiskFactorCatalogue /> : null}
    </Page>
  )
}
