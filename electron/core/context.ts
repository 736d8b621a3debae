/**
 * Everything the core needs from its host, passed in rather than read from globals, so the
 * same core runs under Electron, the CLI, tests and benchmarks.
 */
export interface CoreContext {
  /** Folder holding the store, key ring and preferences. */
  dataFolder: string
  /** Folder holding the app's package.json (the asar root when packaged). */
  appRoot: string
  productName: string
  version: string
  runtime: { node: string; electron: string | null; chrome: string | null }
  platform: string
  clock: () => Date
}

/** Who is calling. Null until the encrypted store is unlocked. */
export interface Session {
  userId: string
  username: string
  roles: string[]
}

export interface CallContext {
  core: CoreContext
  session: Session | null
}
