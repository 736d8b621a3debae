import { describe, expect, it } from 'vitest'
import { scriptNeeds } from '../scripts/script-commands'

describe('reading what an npm script needs', () => {
  it('finds programs, the files they name or read by default, other scripts and vitest projects', () => {
    expect(scriptNeeds('npm run build:renderer && vitest run --project e2e')).toEqual({
      binaries: ['vitest'],
      files: ['vitest.config.mts'],
      scripts: ['build:renderer'],
      vitestProjects: ['e2e']
    })
    expect(scriptNeeds('tsc -p tsconfig.node.json --noEmit && tsc -p tsconfig.web.json --noEmit')).toEqual({
      binaries: ['tsc', 'tsc'],
      files: ['tsconfig.node.json', 'tsconfig.web.json'],
      scripts: [],
      vitestProjects: []
    })
    expect(scriptNeeds('electron-vite build && tsx scripts/build-electron-native.ts && electron-vite preview').files).toEqual([
      'electron.vite.config.ts',
      'scripts/build-electron-native.ts',
      'electron.vite.config.ts'
    ])
    expect(scriptNeeds('npm run -s typecheck').scripts).toEqual(['typecheck'])
    expect(scriptNeeds('npx vite build --config renderer/vite.config.ts')).toMatchObject({
      binaries: ['vite'],
      files: ['renderer/vite.config.ts']
    })
  })

  it("does not take '.' or a flag's number for a file, nor Node's own programs for packages", () => {
    expect(scriptNeeds('eslint . --max-warnings 0')).toEqual({
      binaries: ['eslint'],
      files: ['eslint.config.mjs'],
      scripts: [],
      vitestProjects: []
    })
    expect(scriptNeeds('node --version').binaries).toEqual([])
  })
})
