import { join } from 'node:path'
import { app, dialog, type BrowserWindow } from 'electron'
import type { FileDialogs } from '../core/context'

const backupFilter = [{ name: 'Harbour backup', extensions: ['hbk'] }]

/** Native file dialogs for the core; it never picks a path on its own. */
export function nativeDialogs(getWindow: () => BrowserWindow | null): FileDialogs {
  return {
    chooseBackupDestination: async (suggestedName) => {
      const window = getWindow()
      const options = {
        title: 'Save a backup of Harbour',
        defaultPath: join(app.getPath('documents'), suggestedName),
        filters: backupFilter
      }
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
      return result.canceled || !result.filePath ? null : result.filePath
    },
    chooseExportDestination: async (suggestedName) => {
      const window = getWindow()
      const options = {
        title: 'Save the export',
        defaultPath: join(app.getPath('documents'), suggestedName),
        filters: [{ name: 'CSV files', extensions: ['csv'] }]
      }
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
      return result.canceled || !result.filePath ? null : result.filePath
    },
    chooseEncryptedExportDestination: async (suggestedName) => {
      const window = getWindow()
      const options = {
        title: 'Save the encrypted export',
        defaultPath: join(app.getPath('documents'), suggestedName),
        filters: [{ name: 'Encrypted zip files', extensions: ['zip'] }]
      }
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
      return result.canceled || !result.filePath ? null : result.filePath
    },
    chooseRejectedRowsDestination: async (suggestedName) => {
      const window = getWindow()
      const options = {
        title: 'Save the rows that were not imported',
        defaultPath: join(app.getPath('documents'), suggestedName),
        filters: [{ name: 'CSV files', extensions: ['csv'] }]
      }
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
      return result.canceled || !result.filePath ? null : result.filePath
    },
    chooseDocumentDestination: async (suggestedName) => {
      const window = getWindow()
      const options = {
        title: 'Save as PDF',
        defaultPath: join(app.getPath('documents'), suggestedName),
        filters: [{ name: 'PDF documents', extensions: ['pdf'] }]
      }
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
      return result.canceled || !result.filePath ? null : result.filePath
    },
    chooseImportFile: async () => {
      const window = getWindow()
      const options = {
        title: 'Choose an HR export to import',
        filters: [{ name: 'CSV files', extensions: ['csv', 'txt'] }],
        properties: ['openFile' as const]
      }
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    chooseCaFile: async () => {
      const window = getWindow()
      const options = {
        title: 'Choose the force\u2019s CA certificate file',
        filters: [{ name: 'Certificates', extensions: ['pem', 'crt', 'cer'] }],
        properties: ['openFile' as const]
      }
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    chooseBackupToRestore: async () => {
      const window = getWindow()
      const options = { title: 'Choose a Harbour backup to restore', filters: backupFilter, properties: ['openFile' as const] }
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    }
  }
}
