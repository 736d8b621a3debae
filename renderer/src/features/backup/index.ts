/** The backup feature's public surface: what other features and the app may import. */
export { BackupScreen } from './BackupScreen'
export { BackupReminder } from './BackupReminder'
