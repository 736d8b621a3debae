/** Reading a pasted control-room attendee list for its staff numbers. */

/**
 * Pasted text to its parts, in order: split on lines, commas, semicolons and spaces. Repeats stay,
 * since a part is read with its neighbour ("PC 4242"); the numbers read are listed once.
 */
export function splitPasted(text: string): string[] {
  return text.split(/[\s,;]+/).filter((part) => part !== '')
}

/**
 * The staff numbers in pasted parts, given who has which number. Control room lists write collar
 * numbers with a space ("PC 4242") and add ranks and names, so a part that names no one is joined
 * to the next when together they name someone; a part with no digit that names no one is a word
 * (a rank, a name) and is left out and reported; any other part that names no one is unknown.
 */
export function readPastedStaffNumbers(parts: string[], isKnown: (staffNumber: string) => boolean) {
  const numbers: string[] = []
  const unknown: string[] = []
  const ignored: string[] = []
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? ''
    const joined = i + 1 < parts.length ? `${part}${parts[i + 1] ?? ''}` : null
    if (isKnown(part)) numbers.push(part)
    else if (joined !== null && isKnown(joined)) {
      numbers.push(joined)
      i++
    } else if (/\d/.test(part)) unknown.push(part)
    else ignored.push(part)
  }
  // Each listed once, as first written.
  const once = (list: string[]) => list.filter((n, i) => list.findIndex((m) => m.toLowerCase() === n.toLowerCase()) === i)
  return { numbers: once(numbers), unknown: once(unknown), ignored: once(ignored) }
}
