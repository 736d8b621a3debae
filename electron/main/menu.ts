import { app, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../../shared/contract/menu'

/**
 * A small native menu with the standard roles (so copy, paste, zoom and quit behave as the
 * OS expects) plus Harbour's own commands, which are forwarded to the window.
 */
export function buildMenu(getWindow: () => BrowserWindow | null, lock: () => void): Menu {
  const send = (command: MenuCommand) => () => getWindow()?.webContents.send('menu:command', { command })
  const isMac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Lock Harbour', accelerator: 'CmdOrCtrl+L', click: lock },
        { label: 'Settings', accelerator: 'CmdOrCtrl+,', click: send('go-settings') },
        // The window decides what to print: a paged list prints every row, not the page in view.
        { label: 'Print…', accelerator: 'CmdOrCtrl+P', click: send('print') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit', label: 'Exit' }
      ]
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { label: 'Home', accelerator: 'CmdOrCtrl+Shift+H', click: send('go-home') },
        { label: 'Find a person…', accelerator: 'CmdOrCtrl+K', click: send('find-person') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[]))
      ]
    },
    { role: 'windowMenu' },
    {
      label: '&Help',
      submenu: [
        { label: 'Keyboard shortcuts', accelerator: 'F1', click: send('show-shortcuts') },
        { type: 'separator' },
        { label: 'About Harbour', click: send('go-about') }
      ]
    }
  ]
  return Menu.buildFromTemplate(template)
}
