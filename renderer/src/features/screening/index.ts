/** The screening feature's public surface: what other features and the app may import. */
export { AlertsPanel } from './AlertsPanel'
export { PersonFollowUps, TeamDecisions } from './FollowUpsPanel'
export { ragColour } from './labels'
export { RagRulesScreen } from './RagRulesScreen'
export { ScreeningPanel } from './ScreeningPanel'
export { SurveillanceScreen } from './SurveillanceScreen'
