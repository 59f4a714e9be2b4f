import { readFile } from 'node:fs/promises'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

/**
 * The text of a PDF the app printed, one string per page, read with PDF.js (the npm package
 * `pdfjs-dist`, its build for Node), so the tests read printouts back without a system tool.
 * Pieces of text come in the order the page draws them, each line of print ending in a newline.
 */
export async function readPdfPages(path: string): Promise<string[]> {
  const data = new Uint8Array(await readFile(path))
  const pdf = await getDocument({ data, isEvalSupported: false, verbosity: 0 }).promise
  try {
    const pages: string[] = []
    for (let number = 1; number <= pdf.numPages; number++) {
      const content = await (await pdf.getPage(number)).getTextContent()
      let text = ''
      for (const item of content.items) {
        if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '')
      }
      pages.push(text)
    }
    return pages
  } finally {
    await pdf.destroy()
  }
}
