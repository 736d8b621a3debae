import { Component, type ErrorInfo, type ReactNode } from 'react'

interface Props {
  children: ReactNode
}

interface State {
  failed: boolean
}

/**
 * The last line of defence for the window: a calm, plain message and a way back, never a
 * stack trace (which could carry record content) on a clinician's screen.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false }

  static getDerivedStateFromError(): State {
    return { failed: true }
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Only the error's type goes to the console: messages and stacks may hold record content.
    console.error(`Harbour: a screen failed (${error.name}${info.componentStack ? ', in a component' : ''})`)
  }

  private readonly reset = () => {
    window.location.hash = '#/'
    this.setState({ failed: false })
  }

  override render() {
    if (!this.state.failed) return this.props.children
    return (
      <main className="failure" id="main">
        <div className="failure__panel" role="alert">
          <h1 className="heading-l">Sorry, this screen could not be shown</h1>
          <p>Harbour hit a problem it did not expect. Anything you had already saved is safe.</p>
          <p>Go back to the home screen and try again. If it happens again, tell your Harbour administrator what you were doing.</p>
          <button type="button" className="button" onClick={this.reset}>
            Go to the home screen
          </button>
        </div>
      </main>
    )
  }
}
