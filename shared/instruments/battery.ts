import { instrumentIds } from './index'

/** What a sitting starts with when the person's role names no screening battery. */
export const defaultBattery: readonly string[] = ['phq9', 'gad7']

/**
 * The questionnaires a sitting (or a handover) starts with: the role's battery, else the
 * default, keeping only questionnaires Harbour administers item by item.
 */
export function startingBattery(roleBattery: readonly string[]): string[] {
  return (roleBattery.length > 0 ? roleBattery : defaultBattery).filter((id) => instrumentIds.includes(id))
}
