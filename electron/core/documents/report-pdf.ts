import type { ReportFigures, ReportResult, ReportTable } from '../../../shared/contract/reports'
import { formatDateTime } from '../../../shared/dates'
import {
  figureHeadings,
  figureLines,
  figureMark,
  periodWords,
  reportRequestWords,
  suppressionFootnote,
  type FigureLine
} from '../../../shared/reports/figures'
import { pdfPage, startA4Pdf, writeFooters } from './pdf'

const { margin } = pdfPage
const size = { title: 18, heading: 13, body: 10, small: 8.5, head: 7.5 }
const ink = '#0b0c0c'
const quiet = '#505a5f'
const ragShades: Record<string, string> = { Red: '#d4351c', Amber: '#f47738', Green: '#00703c' }
const palette = [
  '#1d70b8',
  '#f47738',
  '#4c2c92',
  '#00703c',
  '#d53880',
  '#b58840',
  '#28a197',
  '#912b88',
  '#505a5f',
  '#85994b',
  '#6f72af',
  '#d4351c'
]
const shade = (column: string, index: number) => ragShades[column] ?? palette[index % palette.length] ?? '#1d70b8'

export interface ReportPdfOptions {
  appRoot: string
  /** When the file was made: the call's clock, printed as "Generated" and kept in the file's information. */
  created: Date
  groupingName: string | null
}

type Pdf = PDFKit.PDFDocument

/**
 * A governance report as an A4 PDF, made in the core with PDFKit and the bundled fonts like every
 * Harbour PDF: title, period (and the period compared), grouping and when it was generated; for
 * each table a bar chart drawn with PDFKit's vector drawing, then the table and its note; the
 * line explaining the marks; "Page N of M" on every page. The figures are the published ones
 * only: a hidden figure is drawn as an outlined, hatched marker labelled with its mark ("<5",
 * "*", "–"), never as a bar of any length, and its number is nowhere in the file.
 */
export function renderReportPdf(result: ReportResult, options: ReportPdfOptions): Promise<Uint8Array> {
  const { pdf, bytes } = startA4Pdf(result.title, { appRoot: options.appRoot, created: options.created })

  pdf
    .fillColor(ink)
    .font('bold')
    .fontSize(size.title)
    .text(result.title, margin, margin, { width: widthOf(pdf), paragraphGap: 8 })
  const request = [...reportRequestWords(result, options.groupingName), { label: 'Generated', value: formatDateTime(options.created) }]
  for (const line of request) {
    const top = pdf.y
    pdf.font('bold').fontSize(size.body).text(line.label, margin, top, { width: 110, lineBreak: false })
    pdf
      .font('regular')
      .fontSize(size.body)
      .text(line.value, margin + 110, top, { width: widthOf(pdf) - 110 })
    pdf.y += 2
  }
  pdf.moveDown(0.5)
  pdf
    .font('regular')
    .fontSize(size.small)
    .fillColor(quiet)
    .text(
      `Small numbers are hidden so that no one can be identified (threshold ${result.threshold}). ${suppressionFootnote}`,
      margin,
      pdf.y,
      {
        width: widthOf(pdf)
      }
    )
    .fillColor(ink)

  for (const table of result.tables) {
    heading(pdf, table.title)
    drawChart(pdf, table, table.current)
    drawTable(pdf, table, table.current, result.previousPeriod && table.previous ? periodWords(result.period) : null)
    if (table.previous !== null && result.previousPeriod !== null)
      drawTable(pdf, table, table.previous, `The period before: ${periodWords(result.previousPeriod)}`)
    pdf
      .font('regular')
      .fontSize(size.small)
      .fillColor(quiet)
      .text(table.note, margin, pdf.y + 2, { width: widthOf(pdf) })
      .fillColor(ink)
  }
  heading(pdf, 'About the hidden figures')
  pdf
    .font('regular')
    .fontSize(size.body)
    .text(suppressionFootnote, margin, pdf.y, { width: widthOf(pdf) })

  writeFooters(pdf, `${result.title}, ${periodWords(result.period)}`, '')
  pdf.end()
  return bytes
}

function widthOf(pdf: Pdf): number {
  return pdf.page.width - pdf.page.margins.left - pdf.page.margins.right
}

function bottomOf(pdf: Pdf): number {
  return pdf.page.height - pdf.page.margins.bottom
}

/** Starts a new page unless `height` more fits on this one. */
function room(pdf: Pdf, height: number): void {
  if (pdf.y + height > bottomOf(pdf)) {
    pdf.addPage()
    pdf.y = margin
  }
}

function heading(pdf: Pdf, text: string): void {
  // Never alone at the foot of a page: with room for a few lines under it.
  room(pdf, 90)
  pdf.moveDown(0.8)
  pdf
    .fillColor(ink)
    .font('bold')
    .fontSize(size.heading)
    .text(text, margin, pdf.y, { width: widthOf(pdf), paragraphGap: 6 })
}

/** An outlined, hatched box: a figure that is hidden, drawn as itself and never as a length. */
function hiddenMarker(pdf: Pdf, x: number, y: number, width: number, height: number, colour: string): void {
  pdf.save()
  pdf.rect(x, y, width, height).clip()
  pdf.lineWidth(0.6).strokeColor(colour)
  for (let offset = -height; offset < width; offset += 3)
    pdf
      .moveTo(x + offset, y + height)
      .lineTo(x + offset + height, y)
      .stroke()
  pdf.restore()
  pdf.lineWidth(0.8).strokeColor(colour).rect(x, y, width, height).stroke()
}

const labelWidth = 130
const barHeight = 7
const barGap = 2
const clusterGap = 8
const valueRoom = 34
const markerWidth = 18

/** A horizontal bar chart of the table's figures: one cluster per row, one bar per column, with a legend. */
function drawChart(pdf: Pdf, table: ReportTable, figures: ReportFigures): void {
  if (figures.wholeTableHidden) {
    pdf
      .font('regular')
      .fontSize(size.body)
      .text('Every figure of this table is too small to show, so there is no chart.', margin, pdf.y, {
        width: widthOf(pdf)
      })
    pdf.moveDown(0.5)
    return
  }
  const shownValues = figures.cells.flat().filter((value): value is number => value !== null)
  const largest = Math.max(0, ...shownValues)
  // The legend: a swatch and each column's name, wrapped across the width.
  room(pdf, 40)
  pdf.font('regular').fontSize(size.small)
  let x = margin
  let y = pdf.y
  table.columns.forEach((column, c) => {
    const width = 12 + pdf.widthOfString(column) + 12
    if (x + width > margin + widthOf(pdf)) {
      x = margin
      y += 12
    }
    pdf.rect(x, y + 1, 8, 8).fill(shade(column, c))
    pdf.fillColor(ink).text(column, x + 11, y, { lineBreak: false })
    x += width
  })
  pdf.y = y + 16
  const barArea = widthOf(pdf) - labelWidth - valueRoom
  const clusterHeight = table.columns.length * (barHeight + barGap) - barGap
  for (const [r, row] of table.rows.entries()) {
    room(pdf, clusterHeight + clusterGap)
    const top = pdf.y
    pdf
      .font('regular')
      .fontSize(size.small)
      .fillColor(ink)
      .text(row, margin, top, { width: labelWidth - 8, height: Math.max(clusterHeight, 10), ellipsis: true })
    table.columns.forEach((column, c) => {
      const value = figures.cells[r]?.[c] ?? null
      const barTop = top + c * (barHeight + barGap)
      const left = margin + labelWidth
      const colour = shade(column, c)
      const mark = figureMark(value, figures.marks[r]?.[c] ?? '')
      pdf.font('regular').fontSize(size.small - 1)
      if (mark !== null) {
        hiddenMarker(pdf, left, barTop, markerWidth, barHeight, colour)
        pdf.fillColor(ink).text(mark, left + markerWidth + 3, barTop - 0.5, { lineBreak: false })
        return
      }
      const length = largest === 0 ? 0 : ((value ?? 0) / largest) * barArea
      if (length > 0) pdf.rect(left, barTop, length, barHeight).fill(colour)
      pdf.fillColor(ink).text(figureText(value ?? 0), left + length + 3, barTop - 0.5, { lineBreak: false })
    })
    // The axis the bars start from.
    pdf
      .lineWidth(0.6)
      .strokeColor(quiet)
      .moveTo(margin + labelWidth, top - 2)
      .lineTo(margin + labelWidth, top + clusterHeight + 2)
      .stroke()
    pdf.y = top + clusterHeight + clusterGap
  }
  pdf.x = margin
  pdf.moveDown(0.3)
}

function figureText(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-GB') : value.toLocaleString('en-GB', { maximumFractionDigits: 1 })
}

/** The table as the screen shows it: headings, one line per row, the totals; hidden figures by their marks. */
function drawTable(pdf: Pdf, table: ReportTable, figures: ReportFigures, caption: string | null): void {
  const headings = figureHeadings(table)
  // Narrower row labels when many columns share the width, so a heading wraps between words.
  const first = headings.length > 6 ? 96 : 120
  const other = (widthOf(pdf) - first) / Math.max(1, headings.length - 1)
  const widths = headings.map((_, index) => (index === 0 ? first : other))
  const lefts = widths.map((_, index) => margin + widths.slice(0, index).reduce((sum, width) => sum + width, 0))
  // A heading's size: small enough that its longest word fits its column, so it wraps between words.
  const headSize = (text: string, width: number) => {
    pdf.font('bold').fontSize(size.head)
    const longest = Math.max(...text.split(' ').map((word) => pdf.widthOfString(word)))
    return longest <= width ? size.head : Math.max(5.5, (size.head * width) / longest)
  }
  const headHeight = () =>
    Math.max(
      ...headings.map((text, index) => {
        const width = (widths[index] ?? other) - 6
        return pdf.font('bold').fontSize(headSize(text, width)).heightOfString(text, { width })
      })
    )
  const writeHead = () => {
    const top = pdf.y
    const height = headHeight()
    headings.forEach((text, index) =>
      pdf
        .font('bold')
        .fontSize(headSize(text, (widths[index] ?? other) - 6))
        .fillColor(ink)
        .text(text, (lefts[index] ?? margin) + 3, top, { width: (widths[index] ?? other) - 6, align: index === 0 ? 'left' : 'right' })
    )
    pdf
      .lineWidth(0.8)
      .strokeColor(ink)
      .moveTo(margin, top + height + 2)
      .lineTo(margin + widthOf(pdf), top + height + 2)
      .stroke()
    pdf.y = top + height + 5
  }
  room(pdf, headHeight() + 40)
  pdf.moveDown(0.3)
  if (caption !== null) {
    pdf
      .font('bold')
      .fontSize(size.body)
      .fillColor(ink)
      .text(caption, margin, pdf.y, { width: widthOf(pdf) })
    pdf.y += 2
  }
  writeHead()
  const lines: FigureLine[] = figureLines(table, figures)
  for (const line of lines) {
    pdf.font(line.label === 'Total' ? 'bold' : 'regular').fontSize(size.small)
    const height = Math.max(11, pdf.heightOfString(line.label, { width: first - 6 }) + 3)
    if (pdf.y + height > bottomOf(pdf)) {
      pdf.addPage()
      pdf.y = margin
      writeHead()
    }
    const top = pdf.y
    const cells = [...line.cells, ...(line.total ? [line.total] : [])]
    pdf.fillColor(ink).text(line.label, margin + 3, top, { width: first - 6 })
    cells.forEach((cell, index) => {
      const text = figureMark(cell.value, cell.mark) ?? figureText(cell.value ?? 0)
      pdf.text(text, (lefts[index + 1] ?? margin) + 3, top, { width: (widths[index + 1] ?? other) - 6, align: 'right', lineBreak: false })
    })
    pdf
      .lineWidth(0.3)
      .strokeColor('#b1b4b6')
      .moveTo(margin, top + height - 2)
      .lineTo(margin + widthOf(pdf), top + height - 2)
      .stroke()
    pdf.y = top + height
  }
  if (figures.wholeTableHidden)
    pdf
      .font('regular')
      .fontSize(size.small)
      .text('Every figure of this table is too small to show.', margin + 3, pdf.y + 2, { width: widthOf(pdf) })
  pdf.x = margin
  pdf.moveDown(0.5)
}
