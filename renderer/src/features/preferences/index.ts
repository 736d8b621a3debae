/** The preferences feature's public surface: what other features and the app may import. */
export { PreferencesProvider, usePreferences } from './PreferencesProvider'
export { SettingsScreen } from './SettingsScreen'
