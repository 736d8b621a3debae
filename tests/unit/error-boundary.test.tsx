// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ErrorBoundary } from '../../renderer/src/app/ErrorBoundary'

const secret = 'CANARY-Smith-PCL5-61'

function Exploding(): never {
  throw new TypeError(`cannot read ${secret}`)
}

afterEach(cleanup)

describe('error boundary', () => {
  it('shows a calm message with a way home, never the error or a stack', () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    render(
      <ErrorBoundary>
        <Exploding />
      </ErrorBoundary>
    )
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('Sorry, this screen could not be shown')
    expect(alert.textContent).toContain('Anything you had already saved is safe')
    expect(document.body.textContent).not.toContain(secret)
    expect(document.body.textContent).not.toMatch(/TypeError|at Exploding|\.tsx/)
    // Our own log line names only the error's type.
    const ours = consoleError.mock.calls.map((args) => String(args[0])).filter((line) => line.startsWith('Harbour:'))
    expect(ours).toEqual(['Harbour: a screen failed (TypeError, in a component)'])
    consoleError.mockRestore()
  })

  it('renders its children when nothing fails, and recovers after going home', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    let explode = true
    function Sometimes() {
      if (explode) throw new Error('first render fails')
      return <p>All well</p>
    }
    render(
      <ErrorBoundary>
        <Sometimes />
      </ErrorBoundary>
    )
    explode = false
    fireEvent.click(screen.getByRole('button', { name: 'Go to the home screen' }))
    expect(screen.getByText('All well')).toBeTruthy()
    expect(window.location.hash).toBe('#/')
  })
})
