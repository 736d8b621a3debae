import { describe, expect, it } from 'vitest'
import { ApiError, messageFor } from '../../renderer/src/api'
import { placeProblems } from '../../renderer/src/components/forms'

const refusal = (problems: { field: string; message: string }[]) =>
  new ApiError(
    'invalid-input',
    'Due date: enter a real date.',
    problems.map((problem) => problem.field),
    { problems }
  )

describe('where a refusal from the backend is shown', () => {
  it('puts a refused field the form shows at that field, without the full stop', () => {
    const placed = placeProblems(refusal([{ field: 'dueDate', message: 'Enter a real date.' }]), ['title', 'dueDate'])
    expect(placed).toEqual({ atFields: [{ field: 'dueDate', message: 'Enter a real date' }], elsewhere: [] })
  })

  it('maps a contract path to the form’s own name for the field, nested parts included', () => {
    expect(
      placeProblems(refusal([{ field: 'dueDate', message: 'Enter a real date.' }]), { title: 'task-title', dueDate: 'task-due' }).atFields
    ).toEqual([{ field: 'task-due', message: 'Enter a real date' }])
    expect(
      placeProblems(refusal([{ field: 'pathway.bereavement', message: 'Record the answer.' }]), ['reason', 'pathway']).atFields
    ).toEqual([{ field: 'pathway.bereavement', message: 'Record the answer' }])
    const byShape = (path: string) => (path.startsWith('results.0') ? 'phq9-9' : undefined)
    expect(placeProblems(refusal([{ field: 'results.0.answers.8', message: 'Answer it.' }]), byShape).atFields).toEqual([
      { field: 'phq9-9', message: 'Answer it' }
    ])
  })

  it('tells a refused field the form does not show by its label, never by its path', () => {
    const placed = placeProblems(
      refusal([
        { field: 'dueDate', message: 'Enter a real date.' },
        { field: 'pathway.bereavement.counsellingOfferedOn', message: 'Enter a real date.' },
        { field: 'personId', message: 'Choose a person.' }
      ]),
      ['note']
    )
    expect(placed.atFields).toEqual([])
    expect(placed.elsewhere).toEqual([
      'Due date: enter a real date.',
      'Date counselling was offered: enter a real date.',
      'Choose a person.'
    ])
    for (const text of placed.elsewhere) expect(text).not.toMatch(/dueDate|pathway|counsellingOfferedOn|personId/)
  })

  it('never prints a path nobody labelled: it falls back to the message alone', () => {
    const placed = placeProblems(refusal([{ field: 'somethingNew.deep', message: 'Check this.' }]), [])
    expect(placed.elsewhere).toEqual(['Check this.'])
  })

  it('tells a refusal that names no field as the backend worded it', () => {
    expect(placeProblems(new ApiError('conflict', 'This case is closed. Open a new case instead.'), ['status'])).toEqual({
      atFields: [],
      elsewhere: ['This case is closed. Open a new case instead.']
    })
    expect(placeProblems(new Error('boom'), []).elsewhere).toEqual([
      'Harbour could not complete this. Nothing was changed. Please try again.'
    ])
  })

  it('words any refusal of fields by label wherever it is shown as text', () => {
    expect(
      messageFor(
        refusal([
          { field: 'dueDate', message: 'Enter a real date.' },
          { field: 'title', message: 'Enter what needs doing.' }
        ])
      )
    ).toBe('Due date: enter a real date. Title: enter what needs doing.')
    expect(messageFor(refusal([{ field: 'note', message: 'Enter a handover note.' }]))).toBe('Enter a handover note.')
  })
})
