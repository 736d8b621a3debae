/**
 * What an npm script needs in order to run, read from its text: the programs it starts, the
 * files it names, the other npm scripts it runs and the vitest projects it selects. Scripts
 * here are plain commands joined by && (no quoting), which is all this reads.
 */
export interface ScriptNeeds {
  /** Programs expected in node_modules/.bin. */
  binaries: string[]
  /** Paths in the repository the script names, or its programs read by default. */
  files: string[]
  /** `npm run X` inside the script. */
  scripts: string[]
  /** `vitest … --project X`. */
  vitestProjects: string[]
}

/** Config files a program reads without being told, so a clone must have them. */
const implicitConfig: Record<string, string> = {
  'electron-vite': 'electron.vite.config.ts',
  vitest: 'vitest.config.mts',
  eslint: 'eslint.config.mjs',
  stryker: 'stryker.config.mjs'
}

/** Commands that come with Node itself rather than from node_modules. */
const fromNode = new Set(['npm', 'node'])

const looksLikePath = (token: string) => /^[\w.-]+(\/[\w.-]+)+$|^[\w.-]+\.(ts|mts|mjs|cjs|js|json|ya?ml)$/.test(token)

export function scriptNeeds(text: string): ScriptNeeds {
  const needs: ScriptNeeds = { binaries: [], files: [], scripts: [], vitestProjects: [] }
  for (const command of text
    .split(/&&|\|\||;|\|/)
    .map((part) => part.trim())
    .filter(Boolean)) {
    const words = command.split(/\s+/)
    const program = words[0] === 'npx' ? words[1] : words[0]
    if (!program) continue
    if (words[0] === 'npm') {
      const named = words.slice(1).filter((word) => !word.startsWith('-'))
      if (named[0] === 'run' && named[1]) needs.scripts.push(named[1])
      continue
    }
    if (!fromNode.has(program)) needs.binaries.push(program)
    const config = implicitConfig[program]
    if (config) needs.files.push(config)
    words.forEach((word, index) => {
      if (index > 0 && looksLikePath(word)) needs.files.push(word)
      if (program === 'vitest' && word === '--project' && words[index + 1]) needs.vitestProjects.push(words[index + 1] as string)
    })
  }
  return needs
}
