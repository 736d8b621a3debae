import { describe, expect, it } from 'vitest'
import { bereavementTransitionProblem } from '../../shared/signposting/bereavement'

const on = '2026-12-02'

describe('what may follow in bereavement counselling', () => {
  it('an offer first; an answer only after an offer', () => {
    expect(bereavementTransitionProblem(null, 'offered', on)).toBeNull()
    expect(bereavementTransitionProblem(null, 'accepted', on)).toBe(
      'Record that bereavement counselling was offered before recording that it was accepted.'
    )
    expect(bereavementTransitionProblem({ status: 'offered', happenedOn: on }, 'declined', on)).toBeNull()
  })

  it('an offer again on a later day, or after an answer, but never a second offer on the same day', () => {
    expect(bereavementTransitionProblem({ status: 'offered', happenedOn: on }, 'offered', on)).toBe(
      'Bereavement counselling is already recorded as offered on that day.'
    )
    expect(bereavementTransitionProblem({ status: 'offered', happenedOn: '2026-12-01' }, 'offered', on)).toBeNull()
    expect(bereavementTransitionProblem({ status: 'declined', happenedOn: on }, 'offered', on)).toBeNull()
    expect(bereavementTransitionProblem({ status: 'accepted', happenedOn: on }, 'offered', on)).toBeNull()
  })

  it('never the same answer twice in a row', () => {
    expect(bereavementTransitionProblem({ status: 'accepted', happenedOn: '2026-11-01' }, 'accepted', on)).toBe(
      'Bereavement counselling is already recorded as accepted.'
    )
    expect(bereavementTransitionProblem({ status: 'accepted', happenedOn: '2026-11-01' }, 'declined', on)).toBeNull()
  })
})
