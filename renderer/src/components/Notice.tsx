import type { ReactNode } from 'react'

/**
 * A message box for failures and important information, announced to screen readers. A box
 * whose text changes often (a countdown) sets `announce={false}` and announces what matters itself.
 */
export function Notice({
  tone,
  title,
  children,
  announce = true
}: {
  tone: 'error' | 'info'
  title: string
  children?: ReactNode
  announce?: boolean
}) {
  return (
    <div className={`notice notice--${tone}`} role={announce ? (tone === 'error' ? 'alert' : 'status') : undefined}>
      <h2 className="notice__title">{title}</h2>
      {children}
    </div>
  )
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  )
}
