import type { HarbourApi } from '../../shared/contract'

declare global {
  interface Window {
    /** Exposed by the preload (or, in e2e, by the test bridge's shim of the same shape). */
    harbour: HarbourApi
  }
}

export {}
