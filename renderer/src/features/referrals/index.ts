/** The referrals feature's public surface: what other features and the app may import. */
export { ReferralsPanel } from './ReferralsPanel'
