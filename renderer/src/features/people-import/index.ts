/** The people import feature's public surface: what other features and the app may import. */
export { ImportScreen } from './ImportScreen'
