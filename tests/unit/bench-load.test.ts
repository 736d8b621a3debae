import { describe, expect, it } from 'vitest'
import { machineLoad } from '../bench/measure'

describe('the benchmark table says how busy the machine was', () => {
  it('names the cores, the load now and the busiest row, and calls a run above the core count noisy', () => {
    const lines = machineLoad([{ load1: 1.2 }, { load1: 3.4 }], 2, [2.5, 2.1, 1.9])
    expect(lines[0]).toBe('Machine: 2 cores; load average now 2.50 / 2.10 / 1.90 (1 / 5 / 15 min); busiest row measured at 3.40.')
    expect(lines[1]).toMatch(/^Noisy run: the load \(3\.40\) was above the 2 cores/)
  })

  it('does not call a quiet run noisy', () => {
    const lines = machineLoad([{ load1: 0.4 }, { load1: 1.1 }], 2, [0.9, 0.8, 0.7])
    expect(lines).toEqual(['Machine: 2 cores; load average now 0.90 / 0.80 / 0.70 (1 / 5 / 15 min); busiest row measured at 1.10.'])
  })
})
