import { CaseloadScreen } from '../features/caseload'
import { HomeScreen } from '../features/home'
import { useHasRole } from '../features/session'

/** A clinician's home is their caseload; anyone else gets the welcome screen. */
export function HomeRoute() {
  return useHasRole('clinician') ? <CaseloadScreen /> : <HomeScreen />
}
