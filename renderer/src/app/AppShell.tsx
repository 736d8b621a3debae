import { useCallback, useState, type ReactNode } from 'react'
import { Link, useRoute } from 'wouter'
import { homeIsCaseload, mayOpen, navigationFor } from '../../../shared/contract/screens'
import { HarbourMark } from '../components/HarbourMark'
import { PersonSearchDialog } from '../features/people'
import { SignInNotice, StoreBadge, useCurrentUser, useLock } from '../features/session'
import { ShortcutsDialog } from './ShortcutsDialog'
import { useCommands } from './useCommands'

function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const [active] = useRoute(href)
  return (
    <Link href={href} className={active ? 'nav__link nav__link--active' : 'nav__link'} aria-current={active ? 'page' : undefined}>
      {children}
    </Link>
  )
}

/** The window's frame: skip link, header, navigation and the current screen. */
export function AppShell({ children }: { children: ReactNode }) {
  const [shortcutsOpen, setShortcutsOpen] = useState(false)
  const [searchOpen, setSearchOpen] = useState(false)
  const user = useCurrentUser()
  // Finding a person leads to their page: offered to those who may open it.
  const canFindPeople = mayOpen('/people/:id', user.roles)
  const openSearch = useCallback(() => setSearchOpen(true), [])
  const openShortcuts = useCallback(() => setShortcutsOpen(true), [])
  // Locking and signing out close the store: what was typed a moment ago is kept as a draft first.
  const lockWith = useLock()
  const lock = useCallback(() => void lockWith('manual'), [lockWith])
  const signOut = useCallback(() => void lockWith('signed-out'), [lockWith])
  useCommands(openShortcuts, lock, canFindPeople ? openSearch : undefined)

  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault()
          document.getElementById('main')?.focus()
        }}
      >
        Skip to main content
      </a>
      <header className="masthead">
        <Link href="/" className="masthead__brand" aria-label="Harbour home">
          <HarbourMark />
          <span className="masthead__name">Harbour</span>
        </Link>
        <span className="masthead__service">Occupational health</span>
        <span className="masthead__spacer" />
        {canFindPeople ? (
          <button type="button" className="button button--quiet masthead__search" onClick={openSearch}>
            Find a person <kbd className="kbd kbd--inverse">Ctrl K</kbd>
          </button>
        ) : null}
        <StoreBadge />
        <Link href="/account" className="masthead__user">
          <span className="visually-hidden">Your account: </span>
          {user.displayName}
        </Link>
        <button type="button" className="button button--quiet" onClick={openShortcuts}>
          Shortcuts
        </button>
        <button type="button" className="button button--quiet" onClick={lock}>
          Lock
        </button>
        <button type="button" className="button button--quiet" onClick={signOut}>
          Sign out
        </button>
      </header>
      <nav className="nav" aria-label="Main">
        <ul className="nav__list">
          <li>
            <NavLink href="/">{homeIsCaseload(user.roles) ? 'My caseload' : 'Home'}</NavLink>
          </li>
          {navigationFor(user.roles).map((link) => (
            <li key={link.path}>
              <NavLink href={link.path}>{link.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content" id="main" tabIndex={-1}>
        <SignInNotice />
        {children}
      </main>
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
      {canFindPeople ? <PersonSearchDialog open={searchOpen} onClose={() => setSearchOpen(false)} /> : null}
    </div>
  )
}
