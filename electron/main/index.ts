import { join } from 'node:path'
import { app, ipcMain, Menu, powerMonitor, type BrowserWindow } from 'electron'
import type { CoreContext } from '../core/context'
import { createDispatcher } from '../core/ipc/dispatch'
import { handlers } from '../core/ipc/handlers'
import { dataFolderFor } from '../core/paths'
import { backupOnExit } from '../core/services/backup-automatic'
import { HostChoice } from '../core/host-choice'
import { Vault } from '../core/vault'
import { registerAppScheme, serveAppProtocol } from './app-protocol'
import { appEntryUrl, isTrustedUrl, trustedOrigins } from './app-url'
import { nativeDialogs } from './dialogs'
import { bindContract, senderCheck } from './ipc-binder'
import { electronNativeBinding } from './native-binding'
import { createLockRequests } from './lock-requests'
import { buildMenu } from './menu'
import { installSecurityHandlers } from './security'
import { createMainWindow } from './window'

/**
 * The Electron shell: lifecycle, one window, menus and security. Every decision about data
 * lives in electron/core, which this file only wires up.
 */
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']
const origins = trustedOrigins(devServerUrl)
let mainWindow: BrowserWindow | null = null
/** How long the window has to keep its drafts before a lock goes ahead without it (a hung page). */
const lockGraceMs = 1500
/** How long to gather other workstations' changes before the window reloads what it shows. */
const recordsChangedDelayMs = 300

registerAppScheme()

if (!app.requestSingleInstanceLock()) {
  // A second copy would fight the first over the database file; hand focus to the first.
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  app.on('window-all-closed', () => app.quit())

  void app.whenReady().then(() => {
    const dataFolder = dataFolderFor({ packaged: app.isPackaged, env: process.env, userData: app.getPath('userData') })
    const core: CoreContext = {
      dataFolder,
      appRoot: app.getAppPath(),
      productName: 'Harbour',
      version: app.getVersion(),
      runtime: { node: process.versions.node, electron: process.versions.electron, chrome: process.versions.chrome },
      platform: `${process.platform} ${process.arch}`,
      clock: () => new Date(),
      dialogs: nativeDialogs(() => mainWindow),
      progress: (update) => mainWindow?.webContents.send('progress:update', update)
    }
    const nativeBinding = electronNativeBinding(app.getAppPath(), app.isPackaged, process.versions.modules)
    if (nativeBinding) core.nativeBinding = nativeBinding
    const vault = new Vault(core)
    // This computer's own store, or the team server it joined at first run.
    const stores = new HostChoice(core, vault)

    // Lock with the workstation, on sleep, after idle time and from the menu: each asks the
    // window to keep its drafts first, and locks regardless after a moment (lock-requests.ts).
    const requestLock = createLockRequests({
      isUnlocked: () => stores.isUnlocked(),
      askWindow: (reason) => {
        const window = mainWindow
        if (!window || window.isDestroyed() || window.webContents.isCrashed()) return false
        window.webContents.send('session:lockRequested', { reason })
        return true
      },
      lock: (reason) => void stores.lock(reason),
      onLocked: (listener) =>
        stores.onChange((state) => {
          if (state === 'locked') listener()
        }),
      after: (ms, run) => {
        const timer = setTimeout(run, ms)
        return () => clearTimeout(timer)
      },
      graceMs: lockGraceMs
    })
    for (const event of ['lock-screen', 'suspend', 'user-did-resign-active'] as const) {
      powerMonitor.on(event as 'lock-screen', () => void requestLock('system'))
    }
    const idleTimer = setInterval(() => {
      const due = stores.lockDue()
      if (due) void requestLock(due)
    }, 15_000)
    // A clean exit backs the store up once, before it locks (services/backup-automatic.ts): it is
    // synchronous, never throws, and keeps a failure for administrators to see at next sign-in.
    let backedUpOnExit = false
    app.on('before-quit', () => {
      clearInterval(idleTimer)
      if (!backedUpOnExit) {
        backedUpOnExit = true
        backupOnExit(stores.current())
      }
      void stores.lock('manual')
    })
    stores.onChange((state, reason) => mainWindow?.webContents.send('session:changed', { state, reason }))
    // Other clinicians' saves on a team server: a burst of them reloads the window once.
    let changesPending: NodeJS.Timeout | null = null
    stores.onRecordsChanged(() => {
      changesPending ??= setTimeout(() => {
        changesPending = null
        mainWindow?.webContents.send('records:changed', {})
      }, recordsChangedDelayMs)
    })

    installSecurityHandlers(origins)
    serveAppProtocol(join(__dirname, '../renderer'))
    bindContract(ipcMain, {
      dispatch: createDispatcher(handlers, {
        onInternalError: (channel, error) =>
          console.error(`Harbour: ${channel} failed (${error instanceof Error ? error.name : 'unknown error'})`)
      }),
      host: () => stores.current(),
      isTrustedSender: senderCheck((url) => isTrustedUrl(url, origins))
    })
    Menu.setApplicationMenu(
      buildMenu(
        () => mainWindow,
        () => void requestLock('manual')
      )
    )

    mainWindow = createMainWindow({
      url: devServerUrl ?? appEntryUrl,
      preloadPath: join(__dirname, '../preload/index.js')
    })
    mainWindow.on('closed', () => {
      mainWindow = null
    })
  })
}
