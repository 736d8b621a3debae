import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig, type UserConfig } from 'vite'

/** The window's build on its own (`npm run build:renderer`, used by e2e); electron-vite builds it the same way. */
export const rendererConfig: UserConfig = {
  root: __dirname,
  plugins: [react()],
  build: {
    outDir: resolve(__dirname, '../out/renderer'),
    emptyOutDir: true,
    minify: true,
    rollupOptions: { input: { index: resolve(__dirname, 'index.html') } }
  }
}

export default defineConfig(rendererConfig)
