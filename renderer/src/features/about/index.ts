/** The about feature's public surface: what other features and the app may import. */
export { AboutScreen } from './AboutScreen'
