import type { z } from 'zod'
import { inSentence, labelFor } from './labels'

type Issue = z.core.$ZodRawIssue

function plural(count: number | bigint, one: string, many = `${one}s`): string {
  return `${count} ${Number(count) === 1 ? one : many}`
}

function isEmpty(input: unknown): boolean {
  return input === undefined || input === null || (typeof input === 'string' && input.trim() === '')
}

/**
 * The message for a zod issue whose schema gave none, in the user's words: it names the field
 * by its label (labels.ts) and never repeats the value or the contract's own names. Schemas'
 * own messages ("Enter a real date") take precedence; this covers the rest, so neither the
 * core nor a form ever shows zod's developer wording ("Invalid input: expected string").
 * Pass it as `{ error: userMessage }` when parsing.
 */
export function userMessage(issue: Issue): string {
  const label = labelFor(issue.path?.filter((segment): segment is string | number => typeof segment !== 'symbol').join('.') ?? '')
  const name = `the ${inSentence(label)}`
  switch (issue.code) {
    case 'invalid_type':
      if (isEmpty(issue.input)) return ['string', 'number', 'int'].includes(issue.expected) ? `Enter ${name}` : `Choose ${name}`
      return issue.expected === 'int' ? `${label} must be a whole number` : `${label} is not in a form Harbour accepts`
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? `Enter ${name}` : `${label} must be ${plural(issue.minimum, 'character')} or more`
      if (issue.origin === 'array' || issue.origin === 'set')
        return `Choose at least ${Number(issue.minimum) <= 1 ? 'one' : issue.minimum} for ${name}`
      return `${label} must be ${issue.minimum} or more`
    case 'too_big':
      if (issue.origin === 'string') return `${label} must be ${plural(issue.maximum, 'character')} or fewer`
      if (issue.origin === 'array' || issue.origin === 'set') return `Choose no more than ${issue.maximum} for ${name}`
      return `${label} must be ${issue.maximum} or less`
    case 'invalid_value':
      return isEmpty(issue.input) ? `Choose ${name}` : `Choose ${name} from the options offered`
    case 'invalid_format':
      // Ids are chosen from a list, never typed.
      if (issue.format === 'uuid' || issue.format === 'guid') return `Choose ${name}`
      if (isEmpty(issue.input)) return `Enter ${name}`
      return issue.format === 'email' ? `Enter ${name} like name@example.org` : `${label} is not in a form Harbour accepts`
    case 'not_multiple_of':
      return `${label} must be a whole number`
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
      return `Check ${name}`
    case 'unrecognized_keys':
      return 'This has fields Harbour does not recognise'
    default:
      return `Check ${name}`
  }
}

/** Parse options that give every issue a message in the user's words (see userMessage). */
export const inUserWords = { error: userMessage } as const
