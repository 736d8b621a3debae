// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { GuardedRouter } from '../../renderer/src/app/LeaveGuard'
import { useDraft } from '../../renderer/src/components/useDraft'

/** The store's drafts for one user, behind a fake `window.harbour` that answers when told to. */
function fakeStore(initial: Record<string, unknown> | null) {
  let held: { content: Record<string, unknown>; savedAt: string } | null = initial
    ? { content: initial, savedAt: '2026-11-26T14:02:00.000Z' }
    : null
  const calls: string[] = []
  const waiting: (() => void)[] = []
  const answer = <T,>(value: () => T, hold: boolean) =>
    new Promise((resolve) => {
      const reply = () => resolve({ ok: true, value: value() })
      if (hold) waiting.push(reply)
      else reply()
    })
  let holdLookups = false
  ;(window as unknown as { harbour: unknown }).harbour = {
    'drafts:get': () => {
      calls.push('get')
      return answer(() => held, holdLookups)
    },
    'drafts:save': (input: { content: Record<string, unknown> }) => {
      calls.push(`save ${JSON.stringify(input.content)}`)
      held = { content: input.content, savedAt: '2026-11-26T15:00:00.000Z' }
      return answer(() => ({ savedAt: held?.savedAt }), false)
    },
    'drafts:discard': () => {
      calls.push('discard')
      const had = held !== null
      held = null
      return answer(() => ({ discarded: had }), false)
    },
    'notes:add': () => {
      calls.push('notes:add')
      // The core deletes the draft in the same transaction.
      held = null
      return answer(() => ({}), false)
    },
    on: () => () => undefined
  }
  return {
    calls,
    held: () => held,
    holdLookups: () => {
      holdLookups = true
    },
    releaseLookups: () => waiting.splice(0).forEach((reply) => reply())
  }
}

function NoteForm() {
  const [text, setText] = useState('')
  const draft = useDraft({
    form: 'case-note',
    subjectId: '00000000-0000-4000-8000-000000000001',
    label: 'the note',
    values: { text },
    initial: { text: '' },
    restore: (kept) => setText(kept.text)
  })
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        void draft
          .whileSaving(() => window.harbour['notes:add']({ caseId: 'c', type: 'telephone', contactDate: '2026-11-26', text }))
          .then(() => setText(''))
      }}
    >
      {draft.notice}
      <label htmlFor="note">Note</label>
      <textarea id="note" value={text} onChange={(event) => setText(event.target.value)} />
      <button type="submit">Add note</button>
    </form>
  )
}

function Page({ showForm }: { showForm: boolean }) {
  return <GuardedRouter>{showForm ? <NoteForm /> : <p>Elsewhere</p>}</GuardedRouter>
}

const settle = () =>
  act(async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve()
  })

beforeEach(() => {
  // The pause before a draft is kept runs on this clock; "today" is fixed too.
  vi.useFakeTimers()
  vi.setSystemTime(new Date('2026-11-30T10:00:00Z'))
})

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

describe('useDraft', () => {
  it('keeps the draft once typing pauses, not at every key, and deletes it when the form is back as it started', async () => {
    const store = fakeStore(null)
    render(<Page showForm />)
    await settle()
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'Sle' } })
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'Sleeping badly' } })
    expect(store.calls).toEqual(['get'])
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1000)
    })
    expect(store.calls).toEqual(['get', 'save {"text":"Sleeping badly"}'])
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: '' } })
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1000)
    })
    expect(store.calls.at(-1)).toBe('discard')
    expect(store.held()).toBeNull()
  })

  it('never deletes a waiting draft when the form closes before it was offered back', async () => {
    const store = fakeStore({ text: 'Written yesterday' })
    store.holdLookups()
    const { rerender } = render(<Page showForm />)
    rerender(<Page showForm={false} />)
    store.releaseLookups()
    await settle()
    await act(async () => {
      await vi.advanceTimersByTimeAsync(5000)
    })
    expect(store.calls).toEqual(['get'])
    expect(store.held()?.content).toEqual({ text: 'Written yesterday' })
  })

  it('offers a draft back with its time, and discards it when asked, putting the form back', async () => {
    const store = fakeStore({ text: 'Written yesterday' })
    render(<Page showForm />)
    await settle()
    expect((screen.getByLabelText('Note') as HTMLTextAreaElement).value).toBe('Written yesterday')
    expect(screen.getByRole('status').textContent).toMatch(/^Draft restored from 14:02 on 26 Nov 2026\. Discard draft of the note$/)
    // Offered back unchanged: nothing is written again.
    await act(async () => {
      await vi.advanceTimersByTimeAsync(5000)
    })
    expect(store.calls).toEqual(['get'])
    fireEvent.click(screen.getByRole('button', { name: /^Discard draft/ }))
    await settle()
    expect(store.calls).toEqual(['get', 'discard'])
    expect((screen.getByLabelText('Note') as HTMLTextAreaElement).value).toBe('')
    expect(screen.getByRole('status').textContent).toBe('Draft discarded.')
  })

  it('keeps the latest typing before saving, and writes no draft again once the save is done', async () => {
    const store = fakeStore(null)
    const { rerender } = render(<Page showForm />)
    await settle()
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'Agreed GP visit' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }))
    await settle()
    expect(store.calls).toEqual(['get', 'save {"text":"Agreed GP visit"}', 'notes:add'])
    rerender(<Page showForm={false} />)
    await act(async () => {
      await vi.advanceTimersByTimeAsync(5000)
    })
    expect(store.calls).toEqual(['get', 'save {"text":"Agreed GP visit"}', 'notes:add'])
    expect(store.held()).toBeNull()
  })

  it('keeps what was typed when the form closes mid-pause (a lock, a collapsed panel)', async () => {
    const store = fakeStore(null)
    const { rerender } = render(<Page showForm />)
    await settle()
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'Half a sen' } })
    rerender(<Page showForm={false} />)
    await settle()
    expect(store.held()?.content).toEqual({ text: 'Half a sen' })
  })
})
