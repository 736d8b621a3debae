import type { PrintableBlock } from '../documents/printable'

/**
 * The referral letter's template: text an administrator edits, with placeholders in double
 * braces, such as {{name}}. Only these placeholders exist, and each is filled from the person's
 * details or the referral itself — its reason, urgency, destination and the scope the person
 * agreed may be shared. There is deliberately no placeholder for screenings, scores, notes or
 * anything else on the record: a letter cannot carry what the person did not agree to share.
 */
export const letterPlaceholders = {
  name: 'the person’s name',
  dateOfBirth: 'their date of birth',
  staffNumber: 'their staff number',
  role: 'their role in the force (only where they agreed it may be shared: a role can say what they were exposed to)',
  destination: 'where the referral goes',
  urgency: 'routine or urgent',
  reason: 'the reason for the referral',
  consentScope: 'what the person agreed may be shared',
  consentGivenOn: 'the date they gave consent',
  today: 'the date of the letter',
  clinician: 'the name of the clinician writing'
} as const

export type LetterPlaceholder = keyof typeof letterPlaceholders
export type LetterValues = Record<LetterPlaceholder, string>

const placeholderPattern = /\{\{\s*([^{}]*?)\s*\}\}/g

export const letterTemplateMaxLength = 20_000

export const defaultReferralLetterTemplate = [
  'Dear colleague,',
  'I am writing to refer {{name}} (date of birth {{dateOfBirth}}, staff number {{staffNumber}}) to {{destination}}. The referral is {{urgency}}.',
  '## Reason for referral',
  '{{reason}}',
  '## What {{name}} has agreed we may share',
  '{{consentScope}}',
  '{{name}} gave this consent on {{consentGivenOn}}. We have shared nothing beyond it. If you need anything further, please contact the occupational health team and we will ask {{name}} first.',
  'Yours sincerely,',
  '{{clinician}}\nOccupational Health'
].join('\n\n')

function isPlaceholder(name: string): name is LetterPlaceholder {
  return Object.prototype.hasOwnProperty.call(letterPlaceholders, name)
}

/** The placeholders in a template that Harbour does not know, each once, as written. */
export function unknownPlaceholders(template: string): string[] {
  const unknown = new Set<string>()
  for (const match of template.matchAll(placeholderPattern)) {
    const name = match[1] ?? ''
    if (!isPlaceholder(name)) unknown.add(`{{${name}}}`)
  }
  return [...unknown]
}

/** Why a template cannot be saved, in the administrator's words; null when it can. */
export function letterTemplateProblem(template: string): string | null {
  if (template.trim().length === 0) return 'Enter the letter template'
  if (template.length > letterTemplateMaxLength)
    return `The letter template must be ${letterTemplateMaxLength.toLocaleString('en-GB')} characters or fewer`
  const unknown = unknownPlaceholders(template)
  if (unknown.length === 0) return null
  return `The letter template has ${unknown.length === 1 ? 'a placeholder' : 'placeholders'} Harbour does not know: ${unknown.join(', ')}. Use only the placeholders listed with the template.`
}

/** The template with every placeholder filled; a value is used as plain text, never re-read for placeholders. */
export function fillLetterTemplate(template: string, values: LetterValues): string {
  return template.replace(placeholderPattern, (whole, name: string) => (isPlaceholder(name) ? values[name] : whole))
}

/**
 * The filled letter as printable blocks: parts separated by a blank line are paragraphs, and a
 * part starting "## " is a heading.
 */
export function letterBlocks(filled: string): PrintableBlock[] {
  return filled
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part): PrintableBlock =>
      part.startsWith('## ') ? { kind: 'heading', text: part.slice(3).trim() } : { kind: 'paragraph', text: part }
    )
}
