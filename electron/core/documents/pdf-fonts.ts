import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The fonts every PDF embeds, bundled in resources/fonts (DejaVu Sans, under its own free
 * licence in DejaVu-LICENCE.txt) so a letter looks the same on every machine and prints names
 * such as "Siân Ó Dálaigh" that the PDF standard fonts cannot. Read once per app root.
 */
export interface PdfFonts {
  regular: Buffer
  bold: Buffer
}

let cache: { appRoot: string; fonts: PdfFonts } | null = null

export function bundledFonts(appRoot: string): PdfFonts {
  if (cache?.appRoot !== appRoot) {
    const folder = join(appRoot, 'resources', 'fonts')
    cache = {
      appRoot,
      fonts: { regular: readFileSync(join(folder, 'DejaVuSans.ttf')), bold: readFileSync(join(folder, 'DejaVuSans-Bold.ttf')) }
    }
  }
  return cache.fonts
}
