import PDFDocument from 'pdfkit'
import type { PrintableBlock, PrintableDocument } from '../../../shared/documents/printable'
import { bundledFonts } from './pdf-fonts'

/** A4 in points, and margins of 20 mm at the sides and top; the foot leaves room for the footer. */
const margin = 57
const footerSpace = 45
/** The page's margin, for documents that place text themselves (report-pdf.ts). */
export const pdfPage = { margin } as const
const labelWidth = 150
const size = { title: 18, heading: 13, body: 11, footer: 9 }

export interface PdfOptions {
  /** The app's root folder, where resources/fonts is found (CoreContext.appRoot). */
  appRoot: string
  /** When the file was made: the call's clock, so the same document and time make the same bytes. */
  created: Date
}

/**
 * A new A4 document with Harbour's margins, the bundled fonts registered as 'regular' and 'bold',
 * and its bytes gathered as it is written: the start every Harbour PDF shares.
 */
export function startA4Pdf(title: string, { appRoot, created }: PdfOptions): { pdf: PDFKit.PDFDocument; bytes: Promise<Uint8Array> } {
  const fonts = bundledFonts(appRoot)
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: margin, left: margin, right: margin, bottom: margin + footerSpace },
    bufferPages: true,
    // The bundled font from the start, so PDFKit never loads its own Helvetica metrics (typed as a
    // name, but PDFKit takes a font's bytes here as it does in font()).
    font: fonts.regular as unknown as string,
    info: { Title: title, Creator: 'Harbour', Producer: 'Harbour', CreationDate: created },
    displayTitle: true,
    lang: 'en-GB'
  })
  pdf.registerFont('regular', fonts.regular)
  pdf.registerFont('bold', fonts.bold)
  const bytes = new Promise<Uint8Array>((resolve, reject) => {
    const chunks: Buffer[] = []
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk))
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))))
    pdf.on('error', reject)
  })
  return { pdf, bytes }
}

/**
 * An A4 PDF of a printable document: title, headings, paragraphs and label-value rows, long text
 * wrapped and carried onto new pages, and the footer with "Page N of M" on every page. Fonts are
 * the bundled ones (embedded), nothing is fetched, and the only date is the one given, so the app,
 * the CLI and tests make the same file from the same document.
 */
export function renderPdf(document: PrintableDocument, { appRoot, created }: PdfOptions): Promise<Uint8Array> {
  const { pdf, bytes } = startA4Pdf(document.title, { appRoot, created })

  pdf.font('bold').fontSize(size.title).text(document.title, { paragraphGap: 12 })
  for (const block of document.blocks) writeBlock(pdf, block)
  writeFooters(pdf, document.footer, document.header ?? '')
  pdf.end()
  return bytes
}

function writeBlock(pdf: PDFKit.PDFDocument, block: PrintableBlock): void {
  const width = contentWidth(pdf)
  switch (block.kind) {
    case 'heading':
      // A heading is never left alone at the foot of a page.
      if (pdf.y + 3 * pdf.font('bold').fontSize(size.heading).currentLineHeight(true) > bottomOf(pdf)) pdf.addPage()
      pdf.moveDown(0.5)
      pdf.font('bold').fontSize(size.heading).text(block.text, margin, pdf.y, { width, paragraphGap: 4 })
      return
    case 'paragraph':
      pdf.font('regular').fontSize(size.body).text(block.text, margin, pdf.y, { width, paragraphGap: 8, lineGap: 2 })
      return
    case 'fields':
      for (const row of block.rows) writeRow(pdf, row.label, row.value)
      pdf.moveDown(0.5)
      return
  }
}

/** One label and its value side by side; a row that would not fit starts on the next page. */
function writeRow(pdf: PDFKit.PDFDocument, label: string, value: string): void {
  const valueWidth = contentWidth(pdf) - labelWidth
  const shown = value.length > 0 ? value : '—'
  const height = Math.max(
    pdf
      .font('bold')
      .fontSize(size.body)
      .heightOfString(label, { width: labelWidth - 10 }),
    pdf.font('regular').fontSize(size.body).heightOfString(shown, { width: valueWidth })
  )
  if (pdf.y + height > bottomOf(pdf) && height < bottomOf(pdf) - margin) pdf.addPage()
  const top = pdf.y
  pdf
    .font('bold')
    .fontSize(size.body)
    .text(label, margin, top, { width: labelWidth - 10 })
  const afterLabel = pdf.y
  pdf
    .font('regular')
    .fontSize(size.body)
    .text(shown, margin + labelWidth, top, { width: valueWidth })
  pdf.x = margin
  pdf.y = Math.max(afterLabel, pdf.y) + 4
}

/**
 * The footer and "Page N of M" at the foot of every page, and the header (if any) above the top
 * margin, written once the page count is known.
 */
export function writeFooters(pdf: PDFKit.PDFDocument, footer: string, header: string): void {
  const range = pdf.bufferedPageRange()
  const total = range.count
  for (let index = range.start; index < range.start + total; index += 1) {
    pdf.switchToPage(index)
    const width = contentWidth(pdf)
    const y = pdf.page.height - margin - size.footer
    // Writing below the bottom margin would otherwise start a new page.
    const bottom = pdf.page.margins.bottom
    pdf.page.margins.bottom = 0
    pdf.font('regular').fontSize(size.footer)
    const pageText = `Page ${index - range.start + 1} of ${total}`
    const pageWidth = pdf.widthOfString(pageText)
    if (footer.length > 0) pdf.text(footer, margin, y, { width: width - pageWidth - 12, lineBreak: false, ellipsis: true })
    pdf.text(pageText, margin + width - pageWidth, y, { lineBreak: false })
    if (header.length > 0) pdf.text(header, margin, margin - 2 * size.footer - 4, { width, lineBreak: false, ellipsis: true })
    pdf.page.margins.bottom = bottom
  }
}

function contentWidth(pdf: PDFKit.PDFDocument): number {
  return pdf.page.width - pdf.page.margins.left - pdf.page.margins.right
}

function bottomOf(pdf: PDFKit.PDFDocument): number {
  return pdf.page.height - pdf.page.margins.bottom
}
