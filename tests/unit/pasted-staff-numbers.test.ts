import { describe, expect, it } from 'vitest'
import { readPastedStaffNumbers, splitPasted } from '../../shared/incidents/pasted-staff-numbers'

const known = new Set(['pc4242', '4242', 'ps0077', 'abc'])
const read = (text: string) => readPastedStaffNumbers(splitPasted(text), (n) => known.has(n.toLowerCase()))

describe('reading a pasted attendee list', () => {
  it('splits on lines, commas, semicolons and spaces, keeping order and repeats', () => {
    expect(splitPasted(' PC 4242,\n\tps0077;;PC ')).toEqual(['PC', '4242', 'ps0077', 'PC'])
  })

  it('prefers a number on its own, and joins a part to the next only when alone it names no one', () => {
    expect(read('PC 4242')).toEqual({ numbers: ['PC4242'], unknown: [], ignored: [] })
    // "4242" names someone on its own, so the word before it is a word.
    expect(read('Sgt 4242')).toEqual({ numbers: ['4242'], unknown: [], ignored: ['Sgt'] })
    expect(read('4242 PC4242')).toEqual({ numbers: ['4242', 'PC4242'], unknown: [], ignored: [] })
  })

  it('never leaves out a part with a digit that names no one', () => {
    expect(read('PC 9999')).toEqual({ numbers: [], unknown: ['9999'], ignored: ['PC'] })
    expect(read('PC4242 X1')).toEqual({ numbers: ['PC4242'], unknown: ['X1'], ignored: [] })
  })

  it('matches a letters-only staff number, and lists each number, unknown part and word once, whatever the case', () => {
    expect(read('ABC abc pc 4242 PC4242 Smith smith 77x 77X')).toEqual({ numbers: ['ABC', 'pc4242'], unknown: ['77x'], ignored: ['Smith'] })
  })

  it('reads nothing from nothing', () => {
    expect(read('  \n ')).toEqual({ numbers: [], unknown: [], ignored: [] })
  })
})
