/** The TRiM feature's public surface: what other features and the app may import. */
export { TrimPlanSection } from './TrimPlanSection'
export { RiskFactorCatalogue } from './RiskFactorCatalogue'
export { TrimPanel } from './TrimPanel'
export { TrimTeamPrompts } from './TrimTeamPrompts'
export { TrimDueWork } from './TrimDueWork'
export { TrimScreen } from './TrimScreen'
export { TrimSettingsForm } from './TrimSettingsForm'
