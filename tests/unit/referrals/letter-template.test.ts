import { describe, expect, it } from 'vitest'
import {
  defaultReferralLetterTemplate,
  fillLetterTemplate,
  letterBlocks,
  letterPlaceholders,
  letterTemplateProblem,
  unknownPlaceholders,
  type LetterValues
} from '../../../shared/referrals/letter-template'

const values: LetterValues = {
  name: 'Siân Ó Dálaigh',
  dateOfBirth: '12 Apr 1985',
  staffNumber: 'PC7788',
  role: 'Response',
  destination: 'GP',
  urgency: 'routine',
  reason: 'Sleep {{notes}}',
  consentScope: 'Reason only',
  consentGivenOn: '25 Nov 2026',
  today: '26 Nov 2026',
  clinician: 'Sam Okafor'
}

describe('the referral letter template', () => {
  it('ships a default that uses only known placeholders, each of them at least once but the date and the role', () => {
    expect(letterTemplateProblem(defaultReferralLetterTemplate)).toBeNull()
    for (const name of Object.keys(letterPlaceholders).filter((name) => name !== 'today' && name !== 'role'))
      expect(defaultReferralLetterTemplate).toContain(`{{${name}}}`)
    // A role can say what the person was exposed to: the default letter leaves it out.
    expect(defaultReferralLetterTemplate).not.toContain('{{role}}')
  })

  it('names each unknown placeholder once, spaces inside the braces allowed', () => {
    expect(unknownPlaceholders('{{ name }} {{score}} {{score}} {{notes}}')).toEqual(['{{score}}', '{{notes}}'])
    expect(letterTemplateProblem('Dear {{name}}, {{score}}')).toBe(
      'The letter template has a placeholder Harbour does not know: {{score}}. Use only the placeholders listed with the template.'
    )
    expect(letterTemplateProblem('  \n ')).toBe('Enter the letter template')
    expect(letterTemplateProblem('x'.repeat(20_001))).toMatch(/20,000 characters or fewer/)
  })

  it('fills placeholders once: braces inside a value are printed, never filled', () => {
    expect(fillLetterTemplate('{{name}} ({{ staffNumber }}): {{reason}}', values)).toBe('Siân Ó Dálaigh (PC7788): Sleep {{notes}}')
  })

  it('makes paragraphs at blank lines and headings of lines starting "## "', () => {
    expect(letterBlocks('Dear GP,\r\n\r\n## Reason\n\nLine one\nline two\n\n\n  \n')).toEqual([
      { kind: 'paragraph', text: 'Dear GP,' },
      { kind: 'heading', text: 'Reason' },
      { kind: 'paragraph', text: 'Line one\nline two' }
    ])
  })
})
