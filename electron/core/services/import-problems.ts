import type { ImportProblem } from '../../../shared/contract/people-import'

/**
 * The words and shape every import (people, screening results) uses for its problems, so a
 * problem with the column mapping reads "Column mapping: …" and a row's problem names whose
 * row it is, whichever file it came from. The window shows them with ImportProblems.
 */

/** A problem with the column mapping: no one line has it, so its line is null. */
export const mappingProblem = (message: string): ImportProblem => ({ line: null, message })

export const unmappedColumn = (label: string): ImportProblem => mappingProblem(`no column is mapped to ${label}`)

export const absentColumn = (header: string): ImportProblem => mappingProblem(`the file has no column "${header}"`)

/**
 * Whose row it is, for the importing user's eyes only (never logged or audited): the staff
 * number and, where given, the name. Undefined when the row names no one.
 */
export function personOfRow(staffNumber: string, givenName = '', familyName = ''): string | undefined {
  const name = [staffNumber, givenName, familyName]
    .map((part) => part.trim())
    .filter(Boolean)
    .join(' ')
  return name || undefined
}

/** A problem on one line of the file, naming the person when there is one. */
export function rowProblem(line: number, message: string, person: string | undefined): ImportProblem {
  return person ? { line, message, person } : { line, message }
}
