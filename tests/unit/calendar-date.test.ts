import { addDays, differenceInCalendarDays, format } from 'date-fns'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addCalendarDays, daysBetween, parseCalendarDate, parseWithPatterns } from '../../shared/calendar-date'

describe('reading calendar dates quickly', () => {
  it('reads the numeric forms directly with the same answers as the date-fns patterns', () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0')
    const inputs: string[] = []
    for (const year of [999, 1000, 1900, 2023, 2024, 2100]) {
      for (const month of [0, 1, 2, 4, 9, 12, 13]) {
        for (const day of [0, 1, 9, 28, 29, 30, 31, 32]) {
          inputs.push(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`, `${year}-${month}-${day}`)
          for (const separator of ['/', '.', '-']) {
            inputs.push(
              `${day}${separator}${month}${separator}${pad(year, 4)}`,
              `${pad(day, 2)}${separator}${pad(month, 2)}${separator}${pad(year, 4)}`
            )
          }
          inputs.push(`${day}/${month}-${year}`, `${pad(day, 3)}/${month}/${year}`, `${day}/${month}/${year}0`)
        }
      }
    }
    const differ = inputs.filter((input) => parseCalendarDate(input) !== parseWithPatterns(input))
    expect(differ).toEqual([])
    // The check above compares like with like: many are real dates, many are not.
    expect(inputs.filter((input) => parseCalendarDate(input) !== null).length).toBeGreaterThan(500)
    expect(inputs.filter((input) => parseCalendarDate(input) === null).length).toBeGreaterThan(500)
  })

  it('reads dates with the month in words directly, with the same answers as the date-fns patterns', () => {
    const names = [
      'Jan',
      'jan',
      'JAN',
      'Feb',
      'Mar',
      'March',
      'MARCH',
      'Sep',
      'Sept',
      'September',
      'sept',
      'May',
      'Dec',
      'December',
      'Foo',
      'Ja'
    ]
    const inputs: string[] = []
    for (const year of ['0999', '1000', '1980', '2024', '2100']) {
      for (const day of ['0', '1', '01', '9', '28', '29', '30', '31', '32', '001']) {
        for (const name of names) {
          inputs.push(
            `${day} ${name} ${year}`,
            `${day}-${name}-${year}`,
            `${day} ${name}, ${year}`,
            `${day}-${name}, ${year}`,
            `${day} ${name}-${year}`
          )
        }
      }
    }
    const differ = inputs.filter((input) => parseCalendarDate(input) !== parseWithPatterns(input))
    expect(differ).toEqual([])
    expect(inputs.filter((input) => parseCalendarDate(input) !== null).length).toBeGreaterThan(300)
    expect(inputs.filter((input) => parseCalendarDate(input) === null).length).toBeGreaterThan(300)
    expect(parseCalendarDate('29 Feb 2024')).toBe('2024-02-29')
    expect(parseCalendarDate('29 Feb 2023')).toBeNull()
  })

  it('still reads the other forms through the patterns', () => {
    expect(parseCalendarDate('12 Mar 1980')).toBe('1980-03-12')
    expect(parseCalendarDate('12-APR-1985')).toBe('1985-04-12')
    expect(parseCalendarDate('2020/1/2')).toBe('2020-01-02')
    expect(parseCalendarDate(' 1/2/2020 ')).toBe('2020-02-01')
    expect(parseCalendarDate('29/02/2021')).toBeNull()
    expect(parseCalendarDate('12/03/80')).toBeNull()
  })
})

describe('day arithmetic on calendar dates', () => {
  it('counts whole days across the clock changes, month ends and leap days', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2) // clocks go forward on 29 March
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2) // and back on 25 October
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2)
    expect(daysBetween('2027-02-28', '2027-03-01')).toBe(1)
    expect(daysBetween('2026-12-31', '2026-01-01')).toBe(-364)
    expect(daysBetween('2026-05-05', '2026-05-05')).toBe(0)
    expect(addCalendarDays('2026-03-28', 1)).toBe('2026-03-29')
    expect(addCalendarDays('2026-03-29', 1)).toBe('2026-03-30')
    expect(addCalendarDays('2026-10-25', -1)).toBe('2026-10-24')
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addCalendarDays('2026-01-01', -42)).toBe('2025-11-20')
  })

  it('agrees with date-fns over local dates for any two dates from 1900 to 2200', () => {
    const date = fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2200, 11, 31)), noInvalidDate: true })
    const iso = (d: Date) => d.toISOString().slice(0, 10)
    const local = (text: string) => {
      const [y, m, d] = text.split('-').map(Number)
      return new Date(y ?? 0, (m ?? 1) - 1, d ?? 1)
    }
    fc.assert(
      fc.property(date, date, fc.integer({ min: -20_000, max: 20_000 }), (a, b, days) => {
        expect(daysBetween(iso(a), iso(b))).toBe(differenceInCalendarDays(local(iso(b)), local(iso(a))))
        expect(addCalendarDays(iso(a), days)).toBe(format(addDays(local(iso(a)), days), 'yyyy-MM-dd'))
      }),
      { numRuns: 2000 }
    )
  })
})
