/** The management advice feature's public surface: what other features and the app may import. */
export { ManagementAdvicePanel } from './ManagementAdvicePanel'
