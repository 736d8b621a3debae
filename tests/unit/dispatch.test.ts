import { describe, expect, it, vi } from 'vitest'
import { createDispatcher } from '../../electron/core/ipc/dispatch'
import { handlers, type Handlers } from '../../electron/core/ipc/handlers'
import { CoreError } from '../../electron/core/errors'
import { defaultPreferences } from '../../shared/contract/preferences'
import { testHost } from '../fixtures/core-context'

const call = testHost('/nonexistent-harbour-folder')
const canary = 'CANARY-Jane-Doe-PHQ9-27'

function withHandler(overrides: Partial<Handlers>): Handlers {
  return { ...handlers, ...overrides }
}

describe('dispatcher shared by the IPC binder and the e2e bridge', () => {
  it('refuses a channel that is not in the contract', async () => {
    const dispatch = createDispatcher(handlers)
    for (const channel of ['people:deleteAll', '__proto__', 'constructor', 42, null]) {
      const result = await dispatch(channel, {}, call)
      expect(result).toEqual({ ok: false, error: { code: 'unknown-channel', message: 'This request is not recognised.' } })
    }
  })

  it('refuses invalid input naming the fields and never echoing the values', async () => {
    const handler = vi.fn()
    const dispatch = createDispatcher(withHandler({ 'preferences:set': handler }))
    const result = await dispatch('preferences:set', { theme: canary, textSize: 7, colour: canary }, call)
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    if (result.ok) return
    // The unknown key is the caller's own text: it is mentioned only in general, never named.
    expect(result.error.fields?.sort()).toEqual(['textSize', 'theme'])
    // Each field is named by its label and carries its own message; the contract's names stay out of the message.
    expect(result.error.message).toBe(
      'Choose the theme from the options offered. Choose the text size from the options offered. This request also has fields Harbour does not recognise.'
    )
    expect(result.error.problems).toEqual([
      { field: 'theme', message: 'Choose the theme from the options offered' },
      { field: 'textSize', message: 'Choose the text size from the options offered' }
    ])
    expect(JSON.stringify(result)).not.toContain('CANARY')
    expect(handler).not.toHaveBeenCalled()
  })

  it('refuses input that is not an object at all', async () => {
    const dispatch = createDispatcher(handlers)
    for (const input of [undefined, null, 'theme=dark', [], 5]) {
      const result = await dispatch('preferences:set', input, call)
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: ['(input)'] } })
    }
  })

  it('passes parsed input to the handler and wraps its value', async () => {
    const handler = vi.fn(() => ({ ...defaultPreferences, theme: 'dark' as const }))
    const dispatch = createDispatcher(withHandler({ 'preferences:set': handler }), { validateOutput: true })
    const result = await dispatch('preferences:set', { theme: 'dark' }, call)
    expect(handler).toHaveBeenCalledWith({ theme: 'dark' }, { ...call, session: null })
    expect(result).toEqual({ ok: true, value: { ...defaultPreferences, theme: 'dark' } })
  })

  it('maps a CoreError to its code and message', async () => {
    const dispatch = createDispatcher(
      withHandler({
        'preferences:get': () => {
          throw new CoreError('locked', 'Harbour is locked. Unlock it to carry on.')
        }
      })
    )
    expect(await dispatch('preferences:get', {}, call)).toEqual({
      ok: false,
      error: { code: 'locked', message: 'Harbour is locked. Unlock it to carry on.' }
    })
  })

  it('turns any other failure into a generic internal error, without its message', async () => {
    const onInternalError = vi.fn()
    const dispatch = createDispatcher(
      withHandler({
        'preferences:get': async () => {
          throw new Error(`database said ${canary}`)
        }
      }),
      { onInternalError }
    )
    const result = await dispatch('preferences:get', {}, call)
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(JSON.stringify(result)).not.toContain(canary)
    expect(onInternalError).toHaveBeenCalledWith('preferences:get', expect.any(Error))
  })

  it('checks handler output against the contract when asked to', async () => {
    const broken = withHandler({ 'preferences:get': () => ({ theme: 'purple' }) as never })
    expect(await createDispatcher(broken, { validateOutput: true })('preferences:get', {}, call)).toMatchObject({
      ok: false,
      error: { code: 'internal' }
    })
    expect(await createDispatcher(broken)('preferences:get', {}, call)).toMatchObject({ ok: true })
  })
})
