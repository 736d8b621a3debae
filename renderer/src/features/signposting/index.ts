/** The signposting feature's public surface: what other features and the app may import. */
export { SignpostingPanel } from './SignpostingPanel'
export { SupportResourcesAdmin } from './SupportResourcesAdmin'
