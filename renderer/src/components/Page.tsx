import { useEffect, useRef, type ReactNode } from 'react'

interface PageProps {
  title: string
  /** A short line under the heading. */
  lead?: ReactNode
  children: ReactNode
}

// The first screen after start-up keeps focus at the top, so the skip link comes first.
let firstScreenShown = false

/**
 * Every screen starts here: it sets the window title and, after a move between screens,
 * puts focus on the heading so keyboard and screen reader users know the screen changed.
 */
export function Page({ title, lead, children }: PageProps) {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    document.title = `${title} – Harbour`
    if (firstScreenShown) heading.current?.focus()
    firstScreenShown = true
  }, [title])
  return (
    <>
      <h1 className="heading-xl page-heading" tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {lead ? <p className="lead">{lead}</p> : null}
      {children}
    </>
  )
}
