import { useEffect, useRef } from 'react'

/**
 * For a sticky banner: keeps `--banner-height` on <html> at the banner's height, measured
 * again whenever it changes (it wraps in a narrow window or with larger text), so whatever
 * is scrolled into view or focused stops below it (see `.content *` in components.css).
 * The variable goes when the banner does.
 */
export function useBannerHeight<T extends HTMLElement>() {
  const banner = useRef<T>(null)
  useEffect(() => {
    const node = banner.current
    if (!node) return
    const root = document.documentElement
    const publish = () => root.style.setProperty('--banner-height', `${node.offsetHeight}px`)
    publish()
    const observer = new ResizeObserver(publish)
    observer.observe(node)
    return () => {
      observer.disconnect()
      root.style.removeProperty('--banner-height')
    }
  }, [])
  return banner
}
