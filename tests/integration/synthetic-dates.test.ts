import { describe, expect, it } from 'vitest'
import { todayInLondon } from '../../shared/calendar-date'
import { implausibleDates } from '../../shared/employment-dates'
import { seedSynthetic } from '../../electron/core/services/synthetic'
import { callAs } from '../fixtures/core-context'
import { createTestStore } from '../fixtures/store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

describe('synthetic people', () => {
  it('have dates that HR import would accept: no one starts before 16, leaves before starting or is born in the future', async () => {
    const clock = () => new Date('2026-11-26T09:00:00Z')
    const { host } = await createTestStore(tempFolder(), clock)
    const seeded = await seedSynthetic(callAs(host), { people: 3000, seed: 7 })
    expect(seeded.people).toBe(3000)

    const today = todayInLondon(clock())
    const rows = host.vault.sqlite.prepare('SELECT staff_number, date_of_birth, start_date, leaving_date FROM people').all() as {
      staff_number: string
      date_of_birth: string | null
      start_date: string | null
      leaving_date: string | null
    }[]
    expect(rows).toHaveLength(3000)
    const implausible = rows
      .map((row) => ({
        staffNumber: row.staff_number,
        problems: implausibleDates({ dateOfBirth: row.date_of_birth, startDate: row.start_date, leavingDate: row.leaving_date }, today)
      }))
      .filter((row) => row.problems.length > 0)
    expect(implausible).toEqual([])
    // The rule was really exercised: everyone has both dates, and some have left.
    expect(rows.every((row) => row.date_of_birth && row.start_date)).toBe(true)
    expect(rows.filter((row) => row.leaving_date).length).toBeGreaterThan(0)
  })
})
