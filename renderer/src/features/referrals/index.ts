/** The referrals feature's public surface: what other features and the app may import. */
export { ReferralsPanel } from './ReferralsPanel'
export { ReferralsWorklist } from './ReferralsWorklist'
export { ReferralChaseForm } from './ReferralChaseForm'
export { ReferralLetterTemplateForm } from './ReferralLetterTemplateForm'
export { caseloadBreachWords as referralBreachWords } from './labels'
