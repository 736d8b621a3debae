import { Link } from 'wouter'
import { Page } from '../components/Page'

export function NotFoundScreen() {
  return (
    <Page title="Page not found">
      <p>There is no screen at this address.</p>
      <p>
        <Link href="/">Go to the home screen</Link>
      </p>
    </Page>
  )
}
