import { useCallback, useEffect } from 'react'
import { useLocation } from 'wouter'
import type { MenuCommand } from '../../../shared/contract/menu'
import { onEvent } from '../api'
import { printScreen } from './print-command'
import { shortcuts } from './shortcuts'

/**
 * Runs a command from either route: the native menu (via the contract's `menu:command`
 * event) or a key pressed in the page. Every command is idempotent, so both firing is safe.
 */
export function useCommands(showShortcuts: () => void, lock: () => void, findPerson?: () => void): void {
  const [, navigate] = useLocation()

  const run = useCallback(
    (command: MenuCommand) => {
      switch (command) {
        case 'go-home':
          navigate('/')
          break
        case 'go-settings':
          navigate('/settings')
          break
        case 'go-about':
          navigate('/about')
          break
        case 'show-shortcuts':
          showShortcuts()
          break
        case 'lock':
          lock()
          break
        case 'find-person':
          findPerson?.()
          break
        case 'print':
          printScreen()
          break
      }
    },
    [navigate, showShortcuts, lock, findPerson]
  )

  useEffect(() => onEvent('menu:command', ({ command }) => run(command)), [run])

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const shortcut = shortcuts.find((candidate) => candidate.command && candidate.matches?.(event))
      if (!shortcut?.command) return
      event.preventDefault()
      run(shortcut.command)
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [run])
}
