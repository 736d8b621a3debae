/** The users feature's public surface: what other features and the app may import. */
export { UsersScreen } from './UsersScreen'
