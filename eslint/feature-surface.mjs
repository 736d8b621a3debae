import { dirname, isAbsolute, relative, resolve, sep } from 'node:path'

/**
 * Window features (renderer/src/features/<name>/) reach each other only through the other
 * feature's public surface, its index.ts: never its inner files. A feature's own files, and
 * everything outside the features folder, are not affected.
 */
const featuresRoot = resolve(import.meta.dirname, '../renderer/src/features')
const surfaces = new Set(['index', 'index.ts', 'index.tsx'])

/** The feature a path belongs to and the path inside it, or null outside the features folder. */
function featureOf(path) {
  const inside = relative(featuresRoot, path)
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null
  const [name, ...rest] = inside.split(sep)
  return { name, rest }
}

export const featureSurface = {
  meta: {
    type: 'problem',
    docs: { description: 'Import another window feature only through its index.ts' },
    schema: [],
    messages: { inner: 'Import the {{feature}} feature through its public surface (features/{{feature}}/index.ts), not its inner files.' }
  },
  create(context) {
    const importer = featureOf(context.filename)
    const check = (source) => {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return
      const target = featureOf(resolve(dirname(context.filename), source.value))
      if (!target || target.name === importer?.name) return
      const throughSurface = target.rest.length === 0 || (target.rest.length === 1 && surfaces.has(target.rest[0]))
      if (!throughSurface) context.report({ node: source, messageId: 'inner', data: { feature: target.name } })
    }
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source)
    }
  }
}

export const harbourPlugin = { rules: { 'feature-surface': featureSurface } }
