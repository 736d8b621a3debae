/**
 * The e2e test bridge (test code only, never shipped): serves the built renderer and mounts
 * the same contract dispatcher the Electron IPC binder uses, over the real core, on
 * 127.0.0.1 with a random port and a random token. Requests without the token are refused.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ChannelName } from '../../shared/contract'
import type { CoreContext, FileDialogs } from '../../electron/core/context'
import { HostChoice } from '../../electron/core/host-choice'
import { Vault } from '../../electron/core/vault'
import { createDispatcher } from '../../electron/core/ipc/dispatch'
import { handlers, type Handlers } from '../../electron/core/ipc/handlers'
import { mimeTypeFor, resolveAppFile, appOrigin } from '../../electron/main/app-url'
import { securityHeaders } from '../../electron/main/csp'

export const tokenHeader = 'x-harbour-bridge-token'

export interface BridgeOptions {
  rendererRoot: string
  core: CoreContext
  /** Channels whose handler should fail, to test how the window copes. */
  failChannels?: ChannelName[]
}

export interface Bridge {
  url: string
  token: string
  core: CoreContext
  vault: Vault
  /** This computer's own store or the team server it joined, as in the Electron shell. */
  stores: HostChoice
  /** Moves the core's clock forward, e.g. past the idle lock. */
  advanceClock: (ms: number) => void
  /** What the next native file dialog will answer (null = cancelled). */
  dialogAnswers: {
    backupDestination: string | null
    backupToRestore: string | null
    importFile: string | null
    exportDestination: string | null
    encryptedExportDestination: string | null
    rejectedRowsDestination: string | null
    documentDestination: string | null
    caFile: string | null
  }
  close: () => Promise<void>
}

const maxBodyBytes = 10 * 1024 * 1024

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBodyBytes) {
        reject(new Error('Request body too large'))
        request.destroy()
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function hasToken(request: IncomingMessage, token: string): boolean {
  const given = request.headers[tokenHeader]
  if (typeof given !== 'string') return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

function withFailures(failChannels: ChannelName[]): Handlers {
  const failing = { ...handlers } as Record<ChannelName, unknown>
  for (const channel of failChannels) {
    failing[channel] = () => {
      throw new Error('Injected failure for an e2e test')
    }
  }
  return failing as Handlers
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = randomBytes(24).toString('hex')
  const dispatch = createDispatcher(withFailures(options.failChannels ?? []), { validateOutput: true })
  let clockOffset = 0
  const dialogAnswers: Bridge['dialogAnswers'] = {
    backupDestination: null,
    backupToRestore: null,
    importFile: null,
    exportDestination: null,
    encryptedExportDestination: null,
    rejectedRowsDestination: null,
    documentDestination: null,
    caFile: null
  }
  const dialogs: FileDialogs = {
    chooseBackupDestination: async () => dialogAnswers.backupDestination,
    chooseBackupToRestore: async () => dialogAnswers.backupToRestore,
    chooseImportFile: async () => dialogAnswers.importFile,
    chooseExportDestination: async () => dialogAnswers.exportDestination,
    chooseEncryptedExportDestination: async () => dialogAnswers.encryptedExportDestination,
    chooseRejectedRowsDestination: async () => dialogAnswers.rejectedRowsDestination,
    chooseDocumentDestination: async () => dialogAnswers.documentDestination,
    chooseCaFile: async () => dialogAnswers.caFile
  }
  const streams = new Set<ServerResponse>()
  const push = (event: string, payload: unknown) => {
    for (const stream of streams) stream.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`)
  }
  const core: CoreContext = {
    ...options.core,
    clock: () => new Date(options.core.clock().getTime() + clockOffset),
    dialogs,
    progress: (update) => push('progress:update', update)
  }
  const vault = new Vault(core)
  const stores = new HostChoice(core, vault)
  // As in the Electron shell, a timer locks an idle store even when nobody calls in.
  const idleTimer = setInterval(() => void stores.lockIfDue(), 250)
  // Main-process events reach the page over server-sent events, as IPC messages do in the app.
  stores.onChange((state, reason) => push('session:changed', { state, reason }))
  stores.onRecordsChanged(() => push('records:changed', {}))

  const send = (response: ServerResponse, status: number, body: string | Buffer, type: string) => {
    response.writeHead(status, { ...securityHeaders, 'Content-Type': type, 'Cache-Control': 'no-store' })
    response.end(body)
  }

  const server = createServer((request, response) => {
    void (async () => {
      if (!hasToken(request, token)) return send(response, 403, 'Forbidden', 'text/plain; charset=utf-8')
      const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname
      if (request.method === 'POST' && path.startsWith('/invoke/')) {
        const channel = decodeURIComponent(path.slice('/invoke/'.length))
        let input: unknown
        try {
          input = (JSON.parse(await readBody(request)) as { input?: unknown }).input
        } catch {
          return send(response, 400, 'Bad request', 'text/plain; charset=utf-8')
        }
        const result = await dispatch(channel, input, stores.current())
        return send(response, 200, JSON.stringify(result), 'application/json; charset=utf-8')
      }
      if (request.method !== 'GET') return send(response, 405, 'Method not allowed', 'text/plain; charset=utf-8')
      if (path === '/events') {
        response.writeHead(200, { ...securityHeaders, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' })
        response.write(': connected\n\n')
        streams.add(response)
        request.on('close', () => streams.delete(response))
        return
      }
      // The same path guard as the app:// protocol handler.
      const file = resolveAppFile(options.rendererRoot, `${appOrigin}${path}`)
      if (!file) return send(response, 404, 'Not found', 'text/plain; charset=utf-8')
      try {
        return send(response, 200, await readFile(file), mimeTypeFor(file))
      } catch {
        return send(response, 404, 'Not found', 'text/plain; charset=utf-8')
      }
    })()
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    core,
    vault,
    stores,
    advanceClock: (ms) => {
      clockOffset += ms
    },
    dialogAnswers,
    close: () =>
      new Promise<void>((resolve, reject) => {
        clearInterval(idleTimer)
        void stores.lock('manual')
        for (const stream of streams) stream.end()
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      })
  }
}
