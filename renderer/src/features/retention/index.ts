/** The retention feature's public surface: what other features and the app may import. */
export { RetentionScreen } from './RetentionScreen'
