import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { contract, type ChannelName } from '../../shared/contract'
import { describeProblem, fieldLabels, labelFor } from '../../shared/contract/labels'
import { inUserWords } from '../../shared/contract/messages'
import { declaredNames, inputProblem } from '../../electron/core/ipc/input-problem'

const channels = Object.keys(contract) as ChannelName[]

/** Every name any channel's input declares. */
const allNames = new Set(channels.flatMap((channel) => [...declaredNames(contract[channel].input)]))

/** The contract's own spelling of a field, as it must never appear on screen. */
const internalNames = [...allNames].filter((name) => /[A-Z]/.test(name))

function topLevelNames(schema: z.ZodType): string[] {
  const def = schema._zod.def as unknown as { shape?: Record<string, unknown>; in?: z.ZodType }
  if (def.shape) return Object.keys(def.shape)
  return def.in ? topLevelNames(def.in) : []
}

function expectUserWords(text: string): void {
  for (const name of internalNames) expect(text).not.toContain(name)
  // No dotted paths such as "pathway.bereavement" or "results.0.answers".
  expect(text).not.toMatch(/(?<![@\w.])[a-zA-Z]+\.(\d+|[a-zA-Z]+)\b(?!\.)/)
  // Never zod's developer wording.
  expect(text).not.toMatch(/Invalid input|expected (string|number|one of)|received|Too (small|big)/)
}

describe('field labels', () => {
  it('gives every field of every channel a label in the user’s words', () => {
    const missing = [...allNames].filter((name) => !Object.prototype.hasOwnProperty.call(fieldLabels, name)).sort()
    expect(missing).toEqual([])
    for (const label of Object.values(fieldLabels)) expectUserWords(label)
  })

  it('labels a nested path by its last named part, and never falls back to the path itself', () => {
    expect(labelFor('dueDate')).toBe('Due date')
    expect(labelFor('results.0.answers.8')).toBe('Answers')
    expect(labelFor('pathway.bereavement.counsellingOfferedOn')).toBe('Date counselling was offered')
    expect(labelFor('instruments.1')).toBe('Questionnaires')
    expect(labelFor('(input)')).toBe('What was entered')
    expect(labelFor('somethingNobodyDeclared')).toBe('What was entered')
    expect(labelFor('constructor')).toBe('What was entered')
  })

  it('leads a problem shown away from its field with the label, unless the message names it', () => {
    expect(describeProblem({ field: 'dueDate', message: 'Enter a real date.' })).toBe('Due date: enter a real date')
    expect(describeProblem({ field: 'dateOfBirth', message: 'Date of birth must be in the past.' })).toBe(
      'Date of birth must be in the past'
    )
    expect(describeProblem({ field: 'results.0.answers.8', message: 'PHQ-9 item 9 is a safety question' })).toBe(
      'Answers: PHQ-9 item 9 is a safety question'
    )
    expect(describeProblem({ field: '(input)', message: 'This has fields Harbour does not recognise' })).toBe(
      'This has fields Harbour does not recognise'
    )
  })
})

describe('refusals of contract input', () => {
  const wrongValues: unknown[] = ['', 12345, 'not a value Harbour has', [], {}, null, true, -1]

  it.each(channels)('%s: every message is in the user’s words and names no internal field', (channel) => {
    const schema = contract[channel].input
    const names = topLevelNames(schema)
    const inputs: unknown[] = [{}, ...wrongValues.map((value) => Object.fromEntries(names.map((name) => [name, value])))]
    for (const input of inputs) {
      const parsed = schema.safeParse(input, inUserWords)
      if (parsed.success) continue
      const problem = inputProblem(schema, parsed.error)
      expectUserWords(problem.message)
      for (const { message } of problem.problems) expectUserWords(message)
      // Every refused field is still named by its path, for the window to find it.
      expect(problem.problems.every((entry) => problem.fields.includes(entry.field))).toBe(true)
    }
  })
})
