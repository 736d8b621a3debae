import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

const networkFilesystems = new Set(['nfs', 'nfs4', 'cifs', 'smb3', 'smbfs', 'ncpfs', 'afs', '9p', 'fuse.sshfs', 'davfs', 'fuse.davfs2'])

/**
 * Whether a path lives on a network share. SQLite's WAL needs shared memory on one host, so
 * on a share Harbour uses the rollback journal instead (sqlite.org/wal.html, "Limitations").
 */
export function isNetworkPath(path: string, platform: NodeJS.Platform = process.platform, mountInfo?: string): boolean {
  // UNC paths (\\server\share) are always remote; so is Windows' long form \\?\UNC\.
  if (/^(\\\\|\/\/)(?!\?\\(?!UNC\\))/i.test(path) || /^\\\\\?\\UNC\\/i.test(path)) return true
  if (platform !== 'linux') return false
  let info = mountInfo
  if (info === undefined) {
    try {
      info = readFileSync('/proc/self/mountinfo', 'utf8')
    } catch {
      return false
    }
  }
  const target = resolve(path)
  let best: { mount: string; type: string } | null = null
  for (const line of info.split('\n')) {
    const [left, right] = line.split(' - ')
    const mount = left?.split(' ')[4]
    const type = right?.split(' ')[0]
    if (!mount || !type) continue
    const inside = target === mount || target.startsWith(mount.endsWith('/') ? mount : `${mount}/`)
    if (inside && (!best || mount.length > best.mount.length)) best = { mount, type }
  }
  return best ? networkFilesystems.has(best.type) : false
}
