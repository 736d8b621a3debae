import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { getInstrument, instrumentIds, scoreInstrument } from '../../../shared/instruments'

/** Any complete, valid answer set for an instrument. */
function answersFor(id: string) {
  const definition = getInstrument(id)
  return fc.tuple(...definition.items.map((item) => fc.constantFrom(...item.options.map((o) => o.value))))
}

describe('scoring properties (fast-check)', () => {
  it.each(instrumentIds.filter((id) => getInstrument(id).range))('%s: totals stay within the published range', (id) => {
    const { range } = getInstrument(id)
    fc.assert(
      fc.property(answersFor(id), (answers) => {
        const { total } = scoreInstrument(id, answers)
        return total !== null && total >= (range?.min ?? 0) && total <= (range?.max ?? 0)
      }),
      { numRuns: 500 }
    )
  })

  it.each(instrumentIds.filter((id) => getInstrument(id).range && getInstrument(id).reverseScoredItems.length === 0))(
    '%s: raising any single answer never lowers the total',
    (id) => {
      const definition = getInstrument(id)
      fc.assert(
        fc.property(answersFor(id), fc.nat({ max: definition.items.length - 1 }), (answers, index) => {
          const options = definition.items[index]?.options.map((o) => o.value) ?? []
          const higher = options.filter((value) => value > (answers[index] ?? 0))
          if (higher.length === 0) return true
          const raised = [...answers]
          raised[index] = higher[0] ?? 0
          return (scoreInstrument(id, raised).total ?? 0) >= (scoreInstrument(id, answers).total ?? 0)
        }),
        { numRuns: 500 }
      )
    }
  )

  it.each(instrumentIds)('%s: scoring is deterministic', (id) => {
    fc.assert(
      fc.property(answersFor(id), (answers) => {
        expect(scoreInstrument(id, answers)).toEqual(scoreInstrument(id, [...answers]))
      }),
      { numRuns: 200 }
    )
  })

  it.each(instrumentIds)('%s: any value outside the allowed answers is refused, naming the item', (id) => {
    const definition = getInstrument(id)
    fc.assert(
      fc.property(
        answersFor(id),
        fc.nat({ max: definition.items.length - 1 }),
        fc.integer({ min: -10, max: 20 }),
        (answers, index, value) => {
          const allowed = definition.items[index]?.options.map((o) => o.value) ?? []
          if (allowed.includes(value)) return true
          const bad = [...answers]
          bad[index] = value
          expect(() => scoreInstrument(id, bad)).toThrow(`item ${index + 1}:`)
          return true
        }
      ),
      { numRuns: 200 }
    )
  })
})
