/** The home feature's public surface: what other features and the app may import. */
export { HomeScreen } from './HomeScreen'
export { NeedsAttention, homeAttentionKey } from './NeedsAttention'
