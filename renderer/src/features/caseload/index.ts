/** The caseload feature's public surface: what other features and the app may import. */
export { CaseloadScreen } from './CaseloadScreen'
export { TeamScreen } from './TeamScreen'
