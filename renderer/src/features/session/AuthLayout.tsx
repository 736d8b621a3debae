import { useEffect, useRef, type ReactNode } from 'react'
import { HarbourMark } from '../../components/HarbourMark'

/** Where the records are, said under every screen before sign-in. */
export const footnotes = {
  thisComputer: 'Works offline. Records stay encrypted on this computer.',
  teamServer: 'Works on the force network only. Records stay on the team server and travel encrypted.',
  firstRun: 'Works offline: Harbour never needs the internet.'
} as const

/** The frame for screens shown before anyone is signed in: just Harbour and the task. */
export function AuthLayout({
  title,
  children,
  wide,
  footnote = footnotes.thisComputer
}: {
  title: string
  children: ReactNode
  wide?: boolean
  footnote?: string
}) {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    document.title = `${title} – Harbour`
  }, [title])
  return (
    <div className="auth">
      <header className="auth__brand">
        <HarbourMark size={40} />
        <span className="auth__name">Harbour</span>
        <span className="auth__service">Occupational health</span>
      </header>
      <main className={`auth__panel${wide ? ' auth__panel--wide' : ''}`} id="main">
        <h1 className="heading-l" ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {children}
      </main>
      <p className="auth__footer">{footnote}</p>
    </div>
  )
}
