import { describe, expect, it } from 'vitest'
import { importColumnNames, importColumns } from '../../shared/contract/people-import'
import { autoMapping, columnForHeader, headerSynonyms, normaliseHeader } from '../../shared/hr-header-synonyms'

describe('HR header synonyms', () => {
  it('recognises the UK HR headers an import once left unmapped', () => {
    expect(autoMapping(['Payroll No', 'Surname', 'Forename(s)', 'DOB', 'Dept', 'Staff Type', 'Job Title'])).toEqual({
      staff_number: 'Payroll No',
      family_name: 'Surname',
      given_name: 'Forename(s)',
      date_of_birth: 'DOB',
      department: 'Dept',
      employment_type: 'Staff Type',
      role: 'Job Title'
    })
  })

  it('ignores case, spaces and punctuation', () => {
    for (const header of ['PAYROLL NO', ' payroll  no. ', 'Payroll_No', 'payroll-no', 'PayrollNo'])
      expect(columnForHeader(header)).toBe('staff_number')
    for (const header of ['forename (s)', 'FORENAMES', 'Forename(s)']) expect(columnForHeader(header)).toBe('given_name')
    for (const header of ['D.O.B.', 'dob', 'Date-of-Birth', 'DATE_OF_BIRTH']) expect(columnForHeader(header)).toBe('date_of_birth')
    expect(columnForHeader('E-Mail')).toBe('email')
    expect(columnForHeader('Staff #')).toBe('staff_number')
    expect(normaliseHeader('Siân’s Dépt.')).toBe('siansdept')
  })

  it("recognises Harbour's own column names and labels", () => {
    for (const column of importColumns) {
      expect(columnForHeader(column)).toBe(column)
      expect(columnForHeader(importColumnNames[column])).toBe(column)
    }
  })

  it('gives no spelling to two columns', () => {
    const owners = new Map<string, string>()
    for (const column of importColumns) {
      for (const synonym of headerSynonyms[column]) {
        expect(owners.get(synonym), `"${synonym}" is in ${owners.get(synonym)} and ${column}`).toBeUndefined()
        owners.set(synonym, column)
      }
    }
  })

  it('prefers the first synonym of a group when a file has two, and uses a header once', () => {
    expect(autoMapping(['Assignment Number', 'Employee Number']).staff_number).toBe('Employee Number')
    expect(autoMapping(['Collar No', 'Payroll No']).staff_number).toBe('Payroll No')
    expect(autoMapping(['Rank', 'Title'])).toEqual({ title: 'Title' })
    expect(autoMapping(['Surname', 'SURNAME'])).toEqual({ family_name: 'Surname' })
  })

  it('leaves headers it does not know, and full names it cannot split, unmapped', () => {
    expect(autoMapping(['Name', 'Full Name', 'Employee Name', 'Middle Names', 'Assignment Number', 'Contract', 'Notes'])).toEqual({})
  })
})
