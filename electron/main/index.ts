import { join } from 'node:path'
import { app, ipcMain, Menu, type BrowserWindow } from 'electron'
import type { CoreContext } from '../core/context'
import { createDispatcher } from '../core/ipc/dispatch'
import { handlers } from '../core/ipc/handlers'
import { registerAppScheme, serveAppProtocol } from './app-protocol'
import { appEntryUrl, isTrustedUrl, trustedOrigins } from './app-url'
import { bindContract, senderCheck } from './ipc-binder'
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
    const dataFolder = process.env['HARBOUR_DATA_FOLDER'] ?? app.getPath('userData')
    const core: CoreContext = {
      dataFolder,
      appRoot: app.getAppPath(),
      productName: 'Harbour',
      version: app.getVersion(),
      runtime: { node: process.versions.node, electron: process.versions.electron, chrome: process.versions.chrome },
      platform: `${process.platform} ${process.arch}`,
      clock: () => new Date()
    }

    installSecurityHandlers(origins)
    serveAppProtocol(join(__dirname, '../renderer'))
    bindContract(ipcMain, {
      dispatch: createDispatcher(handlers, {
        onInternalError: (channel, error) =>
          console.error(`Harbour: ${channel} failed (${error instanceof Error ? error.name : 'unknown error'})`)
      }),
      callContext: () => ({ core, session: null }),
      isTrustedSender: senderCheck((url) => isTrustedUrl(url, origins))
    })
    Menu.setApplicationMenu(buildMenu(() => mainWindow))

    mainWindow = createMainWindow({
      url: devServerUrl ?? appEntryUrl,
      preloadPath: join(__dirname, '../preload/index.js')
    })
    mainWindow.on('closed', () => {
      mainWindow = null
    })
  })
}
