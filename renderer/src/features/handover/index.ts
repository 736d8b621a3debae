/** The handover feature's public surface: the screen shown while the person completes questionnaires. */
export { HandoverScreen } from './HandoverScreen'
