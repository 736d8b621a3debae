import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { rendererConfig } from './renderer/vite.config'

/**
 * Builds the three parts into out/: main and preload as CommonJS for Electron, the renderer
 * as static files. Entries are explicit because the layout is not electron-vite's default.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts') } }
    }
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot load other files: bundle everything it uses into one.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') } }
    }
  },
  renderer: rendererConfig
})
