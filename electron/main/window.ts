import { join } from 'node:path'
import { app, BrowserWindow, nativeTheme } from 'electron'

export interface WindowOptions {
  url: string
  preloadPath: string
}

/**
 * The one Harbour window. The renderer runs sandboxed with context isolation and no Node;
 * it reaches the backend only through the preload's `window.harbour`.
 */
export function createMainWindow({ url, preloadPath }: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Harbour',
    // Matches the theme's page colour so the window never flashes white on a dark desktop.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#0f1720' : '#f4f6f8',
    icon: join(app.getAppPath(), 'resources', 'icon.png'),
    webPreferences: {
      // Reviewed: the preload exposes only the contract's channels (electron/preload/index.ts).
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK
      // Middle-click would otherwise try to open links in a new window.
      disableBlinkFeatures: 'Auxclick',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      devTools: !app.isPackaged
    }
  })
  window.once('ready-to-show', () => window.show())
  askBeforeClosing(window)
  void window.loadURL(url)
  return window
}

/** How long a window may take to keep its drafts before it is closed anyway (a hung page). */
const closingGraceMs = 3000

/**
 * Closing asks the window first: it keeps its unsaved typing as drafts, then closes itself
 * (the renderer's LeaveGuard). A window that does not answer in time is closed regardless.
 */
function askBeforeClosing(window: BrowserWindow): void {
  let asked = false
  window.on('close', (event) => {
    if (asked || window.webContents.isCrashed()) return
    asked = true
    event.preventDefault()
    window.webContents.send('window:closing', {})
    setTimeout(() => {
      if (!window.isDestroyed()) window.destroy()
    }, closingGraceMs)
  })
}
