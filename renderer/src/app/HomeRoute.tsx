import { CaseloadScreen } from '../features/caseload/CaseloadScreen'
import { HomeScreen } from '../features/home/HomeScreen'
import { useHasRole } from '../features/session/SessionContext'

/** A clinician's home is their caseload; anyone else gets the welcome screen. */
export function HomeRoute() {
  return useHasRole('clinician') ? <CaseloadScreen /> : <HomeScreen />
}
