/** A questionnaire hand-over in progress: who is answering, and what they were given. */
export interface HandoverInProgress {
  personId: string
  firstName: string
  instruments: string[]
  submitted: boolean
}

/**
 * Whether Harbour is handed to a person to complete questionnaires on their own. It lasts no
 * longer than the session that started it: signing in or locking ends it.
 */
export class HandoverState {
  private state: HandoverInProgress | null = null

  get current(): HandoverInProgress | null {
    return this.state
  }

  start(handover: { personId: string; firstName: string; instruments: string[] }): void {
    this.state = { ...handover, submitted: false }
  }

  markSubmitted(): void {
    if (this.state) this.state.submitted = true
  }

  end(): void {
    this.state = null
  }
}
