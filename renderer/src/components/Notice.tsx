import type { ReactNode } from 'react'

/** A message box for failures and important information, announced to screen readers. */
export function Notice({ tone, title, children }: { tone: 'error' | 'info'; title: string; children?: ReactNode }) {
  return (
    <div className={`notice notice--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
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
