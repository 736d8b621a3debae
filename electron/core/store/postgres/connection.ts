import { readFileSync } from 'node:fs'
import pg from 'pg'

/**
 * How Harbour reaches a team server. A record never crosses the network in the clear: a TCP
 * connection must use TLS with the server's certificate checked against the force's CA and
 * the server's name (libpq's `sslmode=verify-full`); only a Unix socket on the same machine
 * may go without. The address is a libpq connection URI, as the force's IT team writes it.
 */
export interface TeamAddress {
  /** A host name, or the folder holding a Unix socket. */
  host: string
  port: number
  database: string
  /** The user named in the address, if any (the CLI and setup name the user separately). */
  user: string | null
  /** True for a Unix socket folder. */
  socket: boolean
  /** The CA certificate file the server's certificate must chain to (TCP only). */
  caFile: string | null
}

/** A connection refused before or while connecting, in words for the IT team or the clinician. */
export class TeamConnectionError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TeamConnectionError'
  }
}

const tlsRule =
  'A team server must be reached with TLS and its certificate checked: add sslmode=verify-full and sslrootcert=<the force\u2019s CA file> to the address, or use a Unix socket on this computer.'

export function parseTeamAddress(url: string): TeamAddress {
  let parsed: URL
  try {
    // libpq accepts a user with no host before the path when host= names a socket folder
    // (postgresql://user@/db?host=/run/postgresql); the WHATWG parser needs a host there.
    parsed = new URL(/[?&]host=/.test(url) ? url.replace(/^(postgres(?:ql)?:\/\/[^/?#]*@)(?=\/)/, '$1socket') : url)
  } catch {
    throw new TeamConnectionError('The team server address is not a PostgreSQL connection URI (postgresql://host:port/database?…).')
  }
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:') {
    throw new TeamConnectionError('The team server address must start with postgresql://.')
  }
  const query = parsed.searchParams
  const host = query.get('host') ?? decodeURIComponent(parsed.hostname)
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''))
  if (!host) throw new TeamConnectionError('The team server address names no host (or socket folder as host=).')
  if (!database) throw new TeamConnectionError('The team server address names no database (postgresql://host:port/database).')
  const port = Number(query.get('port') ?? (parsed.port || 5432))
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new TeamConnectionError('The team server address has a port that is not a number from 1 to 65535.')
  const socket = host.startsWith('/')
  const sslmode = query.get('sslmode')
  const caFile = query.get('sslrootcert')
  if (!socket && (sslmode !== 'verify-full' || !caFile)) throw new TeamConnectionError(tlsRule)
  return {
    host,
    port,
    database,
    user: parsed.username ? decodeURIComponent(parsed.username) : null,
    socket,
    caFile: socket ? null : caFile
  }
}

/** 64-bit integers (counts, the audit sequence) as numbers: Harbour's never pass 2^53. */
function typeParser(oid: number, format?: string): (value: string) => unknown {
  if (oid === pg.types.builtins.INT8) return (value) => Number(value)
  return pg.types.getTypeParser(oid, format as 'text')
}

/** Connection settings for `user`, refusing any that would not protect the connection. */
export function teamConnectionConfig(address: TeamAddress, user: string, password: string | undefined): pg.ClientConfig {
  let ssl: pg.ClientConfig['ssl'] = false
  if (!address.socket) {
    let ca: Buffer
    try {
      ca = readFileSync(address.caFile ?? '')
    } catch {
      throw new TeamConnectionError('The CA file named in the team server address (sslrootcert) could not be read.')
    }
    // Node checks the chain against this CA alone and the certificate's names against the host: verify-full.
    ssl = { ca, rejectUnauthorized: true, servername: address.host }
  }
  return {
    host: address.host,
    port: address.port,
    database: address.database,
    user,
    password,
    ssl,
    application_name: 'Harbour',
    types: { getTypeParser: typeParser as pg.CustomTypesConfig['getTypeParser'] }
  }
}

/** What went wrong connecting, in words; never the passphrase, never the server's own text verbatim. */
export function explainConnectionFailure(error: unknown): TeamConnectionError {
  if (error instanceof TeamConnectionError) return error
  const code = (error as { code?: string }).code
  const message = error instanceof Error ? error.message : ''
  if (code === '28P01' || code === '28000') return new TeamConnectionError('The team server did not accept that username and passphrase.')
  if (code === '3D000') return new TeamConnectionError('The team server has no database of that name.')
  if (message.includes('does not support SSL')) {
    return new TeamConnectionError(
      'The team server does not accept encrypted connections (its ssl setting is off). Harbour will not send records to it unencrypted.'
    )
  }
  if (
    /certificate|self[- ]signed|Hostname\/IP does not match|altnames/i.test(message) ||
    (code ?? '').startsWith('ERR_TLS') ||
    code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ||
    code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
    code === 'SELF_SIGNED_CERT_IN_CHAIN'
  ) {
    return new TeamConnectionError(
      'The team server\u2019s certificate could not be verified against the force\u2019s CA file and the server\u2019s name. Harbour will not connect.'
    )
  }
  if (code === 'ECONNREFUSED' || code === 'ENOENT' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH') {
    return new TeamConnectionError('The team server could not be reached. Check the address and that the server is running.')
  }
  return new TeamConnectionError('Harbour could not connect to the team server.')
}

/**
 * Opens one connection as `user` and proves it is protected: over TCP the server must report
 * TLS on for this very connection (and `ssl` on), or the connection is closed and refused.
 */
export async function connectTeam(address: TeamAddress, user: string, password: string | undefined): Promise<pg.Client> {
  const client = new pg.Client(teamConnectionConfig(address, user, password))
  try {
    await client.connect()
  } catch (error) {
    await client.end().catch(() => undefined)
    throw explainConnectionFailure(error)
  }
  if (!address.socket) {
    const state = await client.query<{ ssl: string; encrypted: boolean | null }>(
      "SELECT current_setting('ssl') AS ssl, (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()) AS encrypted"
    )
    const row = state.rows[0]
    if (row?.ssl !== 'on' || row.encrypted !== true) {
      await client.end().catch(() => undefined)
      throw new TeamConnectionError('The team server reports that this connection is not encrypted. Harbour will not send records over it.')
    }
  }
  return client
}
