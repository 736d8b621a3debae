import { homeIsCaseload } from '../../../shared/contract/screens'
import { CaseloadScreen } from '../features/caseload'
import { HomeScreen } from '../features/home'
import { useCurrentUser } from '../features/session'

/** A clinician's home is their caseload; anyone else gets the welcome screen. */
export function HomeRoute() {
  return homeIsCaseload(useCurrentUser().roles) ? <CaseloadScreen /> : <HomeScreen />
}
