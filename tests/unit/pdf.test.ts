import { describe, expect, it } from 'vitest'
import { renderPdf } from '../../electron/core/documents/pdf'
import type { PrintableDocument } from '../../shared/documents/printable'
import { repositoryRoot } from '../fixtures/core-context'
import { parsePdf } from '../fixtures/pdf-text'

const letter: PrintableDocument = {
  title: 'Referral to NHS Talking Therapies',
  blocks: [
    { kind: 'heading', text: 'About the person' },
    {
      kind: 'fields',
      rows: [
        { label: 'Name', value: 'Siân Ó Dálaigh' },
        { label: 'Staff number', value: 'P1234' }
      ]
    },
    { kind: 'paragraph', text: 'Fees of £120 were agreed – in writing.' }
  ],
  footer: 'OFFICIAL-SENSITIVE: PERSONAL'
}

const options = { appRoot: repositoryRoot, created: new Date('2026-03-02T09:30:00Z') }

const squash = (text: string) => text.replace(/\s+/g, ' ')

describe('renderPdf', () => {
  it('makes an A4 PDF whose text, title and footer read back', async () => {
    const parsed = await parsePdf(await renderPdf(letter, options))
    expect(parsed.sizes).toEqual([{ width: 595, height: 842 }])
    expect(parsed.title).toBe('Referral to NHS Talking Therapies')
    const text = squash(parsed.text)
    expect(text).toContain('Referral to NHS Talking Therapies')
    expect(text).toContain('About the person')
    expect(text).toContain('Staff number')
    expect(text).toContain('P1234')
    expect(text).toContain('OFFICIAL-SENSITIVE: PERSONAL')
    expect(text).toContain('Page 1 of 1')
  })

  it('prints a header at the top of every page when the document has one, and none when it has not', async () => {
    const blocks = Array.from({ length: 40 }, (_, index) => ({
      kind: 'paragraph' as const,
      text: `Paragraph ${index + 1} of a long record.`
    }))
    const withHeader = await parsePdf(await renderPdf({ ...letter, blocks, header: 'Siân Evans · Staff number PC4321' }, options))
    expect(withHeader.pages.length).toBeGreaterThan(1)
    for (const page of withHeader.pages) expect(page).toContain('Siân Evans · Staff number PC4321')
    const without = await parsePdf(await renderPdf({ ...letter, blocks }, options))
    expect(without.text).not.toContain('Staff number PC4321')
  })

  it('prints names and symbols outside Latin-1 with the bundled font', async () => {
    const bytes = await renderPdf(letter, options)
    const text = squash((await parsePdf(bytes)).text)
    expect(text).toContain('Siân Ó Dálaigh')
    expect(text).toContain('£120')
    expect(text).toContain('–')
    // The bundled font is embedded; none of the PDF standard fonts is named.
    const raw = Buffer.from(bytes).toString('latin1')
    expect(raw).toContain('DejaVuSans')
    expect(raw).not.toContain('/Helvetica')
  })

  it('wraps long text, carries it onto new pages, and numbers every page', async () => {
    const sentence = 'The person has agreed that this referral may be shared with the service named above. '
    const long: PrintableDocument = {
      title: 'A long letter',
      blocks: Array.from({ length: 12 }, (_, index) => [
        { kind: 'heading' as const, text: `Part ${index + 1}` },
        { kind: 'paragraph' as const, text: sentence.repeat(8) + `End of part ${index + 1}.` }
      ]).flat(),
      footer: 'Footer on every page'
    }
    const parsed = await parsePdf(await renderPdf(long, options))
    const count = parsed.pages.length
    expect(count).toBeGreaterThanOrEqual(3)
    expect(parsed.sizes.every((page) => page.width === 595 && page.height === 842)).toBe(true)
    parsed.pages.forEach((page, index) => {
      expect(squash(page)).toContain(`Page ${index + 1} of ${count}`)
      expect(squash(page)).toContain('Footer on every page')
    })
    // Nothing is lost in the wrapping: the last part is there, on the last page.
    expect(squash(parsed.pages[count - 1] ?? '')).toContain('End of part 12.')
    // No page is empty apart from its footer.
    for (const page of parsed.pages)
      expect(
        squash(page)
          .replace(/Footer on every page|Page \d+ of \d+/g, '')
          .trim()
      ).not.toBe('')
  })

  it('makes the same bytes from the same document and time, dated only by the time given', async () => {
    const first = await renderPdf(letter, options)
    const second = await renderPdf(letter, options)
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true)
    const later = await renderPdf(letter, { ...options, created: new Date('2026-03-03T09:30:00Z') })
    expect(Buffer.from(later).equals(Buffer.from(first))).toBe(false)
  })

  it('keeps long label-value rows and an empty value readable', async () => {
    const rows = Array.from({ length: 70 }, (_, index) => ({ label: `Row ${index + 1}`, value: index === 3 ? '' : `Value ${index + 1}` }))
    const parsed = await parsePdf(await renderPdf({ title: 'Rows', blocks: [{ kind: 'fields', rows }], footer: '' }, options))
    expect(parsed.pages.length).toBeGreaterThan(1)
    const text = squash(parsed.text)
    expect(text).toContain('Value 70')
    expect(text).toContain('Row 4 —')
  })
})
