import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core'
import { expect } from 'vitest'
import type { ChannelName } from '../../shared/contract'
import { createDispatcher } from '../../electron/core/ipc/dispatch'
import { handlers } from '../../electron/core/ipc/handlers'
import { startBridge, tokenHeader, type Bridge } from '../bridge/server'
import { shimScript } from '../bridge/shim'
import { testCoreContext } from '../fixtures/core-context'
import { admin } from '../fixtures/store'
import { chromiumArgs, findChromium } from './browser'

export const rendererRoot = resolve(__dirname, '../../out/renderer')
export const screenshotFolder = resolve(__dirname, '../../test-results/screenshots')

export interface AppUnderTest {
  page: Page
  context: BrowserContext
  bridge: Bridge
  dataFolder: string
  /** Every URL the page requested, to prove nothing left the machine. */
  requests: string[]
  /** Console errors and failed loads seen by the page. */
  consoleErrors: string[]
  close: () => Promise<void>
}

export interface OpenOptions {
  failChannels?: ChannelName[]
  /** 'signed-in' (default): a store exists and its administrator is signed in. 'fresh': first run. */
  start?: 'signed-in' | 'fresh'
  /** Runs against the bridge before the page opens (e.g. to damage the store). */
  prepare?: (bridge: Bridge, dataFolder: string) => Promise<void> | void
  /** The core's clock (default: the real time), for journeys that span days. */
  clock?: () => Date
}

/** Starts a bridge over a fresh data folder and opens the app in a fresh Chromium profile. */
export async function openApp(options: OpenOptions = {}): Promise<AppUnderTest> {
  const scratch = mkdtempSync(join(tmpdir(), 'harbour-e2e-'))
  const dataFolder = join(scratch, 'data')
  mkdirSync(dataFolder)
  const bridge = await startBridge({
    rendererRoot,
    core: testCoreContext(dataFolder, options.clock),
    ...(options.failChannels ? { failChannels: options.failChannels } : {})
  })
  if ((options.start ?? 'signed-in') === 'signed-in') await bridge.vault.setup(admin)
  await options.prepare?.(bridge, dataFolder)
  const context = await chromium.launchPersistentContext(join(scratch, 'profile'), {
    executablePath: findChromium(),
    args: chromiumArgs,
    headless: true,
    viewport: { width: 1280, height: 820 },
    reducedMotion: 'reduce',
    extraHTTPHeaders: { [tokenHeader]: bridge.token }
  })
  await context.addInitScript({ content: shimScript(bridge.token) })
  const page = context.pages()[0] ?? (await context.newPage())
  const requests: string[] = []
  const consoleErrors: string[] = []
  page.on('request', (request) => requests.push(request.url()))
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  await page.goto(`${bridge.url}/index.html`)
  return {
    page,
    context,
    bridge,
    dataFolder,
    requests,
    consoleErrors,
    close: async () => {
      await context.close()
      await bridge.close()
      rmSync(scratch, { recursive: true, force: true })
    }
  }
}

/** axe over the current screen: no serious or critical WCAG 2.2 AA violations. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
  expect(serious).toEqual([])
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotFolder, { recursive: true })
  await page.screenshot({ path: join(screenshotFolder, `${name}.png`), fullPage: true })
}

/** The screen's main heading. */
const dispatch = createDispatcher(handlers)

/** Calls a channel through the real dispatcher as the bridge's signed-in user, to set up a test; throws on a refusal. */
export async function must<T = unknown>(bridge: Bridge, channel: string, input: unknown): Promise<T> {
  const result = await dispatch(channel, input, { core: bridge.core, vault: bridge.vault })
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  return result.value as T
}

export const h1 = (page: Page) => page.getByRole('heading', { level: 1 })

/** Fills the sign-in form once it is on screen, and submits it. */
export async function signIn(page: Page, username: string, passphrase: string): Promise<void> {
  await page.getByRole('button', { name: 'Sign in' }).waitFor()
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/**
 * WCAG contrast ratio between an element's text colour and the background it sits on (the
 * nearest ancestor with an opaque background), computed in the page.
 */
export async function contrastWithBackground(element: Locator): Promise<number> {
  return element.evaluate((node) => {
    const rgb = (colour: string) => (colour.match(/[\d.]+/g) ?? []).map(Number)
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const channel = (value: number) => {
        const c = value / 255
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
      }
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }
    let background: Element | null = node
    while (background && (rgb(getComputedStyle(background).backgroundColor)[3] ?? 1) === 0) background = background.parentElement
    const text = luminance(rgb(getComputedStyle(node).color))
    const behind = luminance(rgb(background ? getComputedStyle(background).backgroundColor : 'rgb(255, 255, 255)'))
    return (Math.max(text, behind) + 0.05) / (Math.min(text, behind) + 0.05)
  })
}
