import { describe, expect, it } from 'vitest'
import { defaultBattery, startingBattery } from '../../../shared/instruments/battery'

/** One definition of the questionnaires a sitting starts with, for the screening form and the handover alike. */
describe('the battery a sitting starts with', () => {
  it('is the role’s battery, in the role’s order', () => {
    expect(startingBattery(['pcl5', 'phq9', 'auditc'])).toEqual(['pcl5', 'phq9', 'auditc'])
  })

  it('is PHQ-9 and GAD-7 when the role names none', () => {
    expect(defaultBattery).toEqual(['phq9', 'gad7'])
    expect(startingBattery([])).toEqual(['phq9', 'gad7'])
  })

  it('leaves out questionnaires Harbour does not administer item by item, never adding the default instead', () => {
    expect(startingBattery(['iesr', 'gad7', 'no-such-thing'])).toEqual(['gad7'])
    expect(startingBattery(['iesr'])).toEqual([])
  })
})
