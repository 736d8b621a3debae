/** The reports feature's public surface: what other features and the app may import. */
export { ReportsScreen } from './ReportsScreen'
