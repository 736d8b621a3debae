import { describe, expect, it } from 'vitest'
import { addProblem, checkCsvLimits, importLimits } from '../../electron/core/services/import-limits'

const small = { ...importLimits, rows: 3, columns: 4, fieldCharacters: 5, problems: 2 }
const refusal = (text: string) => {
  try {
    checkCsvLimits(text, small)
    return null
  } catch (error) {
    return (error as Error).message
  }
}

describe('CSV limits, checked before the file is read into rows', () => {
  it('allows a file at each limit', () => {
    expect(refusal('a,b,c,d\n12345,2,3,4\r\n3,"x,y,z",,\n\n   \n4\n')).toBeNull()
    expect(refusal('\ufeffa,b\r\n1,2\r\n')).toBeNull()
  })

  it('refuses one column, row or character past a limit, naming the line as the problem list would', () => {
    expect(refusal('a,b,c,d,e\n')).toMatch(/^Line 1 has more than 4 columns\./)
    expect(refusal('a\n"t\nl",x\n1,2,3,4,5\n')).toMatch(/^Line 4 has more than 4 columns\./)
    expect(refusal('a\r1\r2\r3\r4\r')).toBe('The file has more than 3 rows. Split it into smaller files and import each one.')
    expect(refusal('a\n123456\n')).toBe('Line 2 has a value longer than 5 characters. Check this is the right file.')
    // A doubled quote inside quotes is one character of the value.
    expect(refusal('a\n"12""45"\n')).toBeNull()
    expect(refusal('a\n"12""456"\n')).toMatch(/^Line 2 has a value longer/)
  })

  it('does not count commas or line breaks inside quotes', () => {
    expect(refusal('a\n",,,,,,"\n')).toMatch(/^Line 2 has a value longer/)
    expect(refusal('a,b\n"1\n2",3\n4,5\n')).toBeNull()
  })
})

describe('problem lists', () => {
  it('keep the first few and count the rest', () => {
    const report = { problems: [] as { line: number; message: string }[], moreProblems: 0 }
    for (let line = 2; line < 7; line++) addProblem(report, line, 'bad', small)
    expect(report).toEqual({
      problems: [
        { line: 2, message: 'bad' },
        { line: 3, message: 'bad' }
      ],
      moreProblems: 3
    })
  })
})
