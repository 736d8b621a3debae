/** The cases feature's public surface: what other features and the app may import. */
export { CasesPanel } from './CasesPanel'
export { LeftWorkPanel } from './LeftWorkPanel'
export { OpenCaseForm } from './OpenCaseForm'
export { caseReasonNames, caseStatusNames, flagName, priorityColour, priorityNames, statusColour } from './labels'
