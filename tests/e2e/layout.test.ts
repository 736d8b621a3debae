/**
 * Layout and colour, measured in Chromium: forms open where the eye and the focus are, the
 * sticky person banner never covers what is scrolled to, the navigation stays in reach, and
 * chart and form-control colours meet WCAG contrast in every theme.
 */
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { contrast, hex, over, parseColour, type Rgba } from './colour'
import { type AppUnderTest, expectAccessible, h1, must, openApp, screenshot, screenshotFolder } from './harness'

let app: AppUnderTest | null = null
let personId = ''

afterEach(async () => {
  await app?.close()
  app = null
})

/**
 * A long record: a person whose banner holds a lot (title, preferred name, a long role, a
 * leaving date), an open case with a dozen notes, and PHQ-9, GAD-7 and ITQ sittings to chart.
 */
async function withLongRecord(options: { textSize?: 'standard' | 'larger' } = {}) {
  return openApp({
    prepare: async (bridge) => {
      const created = (await must(bridge, 'people:create', {
        staffNumber: 'PS40417',
        title: 'Det Sgt',
        givenName: 'Bartholomew',
        familyName: 'Featherstonehaugh-Whittington',
        preferredName: 'Bart',
        dateOfBirth: '1979-03-14',
        employmentType: 'police-officer',
        roleId: 'control-room-call-handling',
        department: 'Force Control Room',
        lineManager: null,
        email: null,
        phone: null,
        startDate: '2001-09-03',
        leavingDate: '2027-03-31',
        restricted: false,
        namedClinicianIds: [],
        adjustments: null
      })) as { id: string }
      personId = created.id
      const opened = (await must(bridge, 'cases:open', { personId, reason: 'post-incident', priority: 'soon', nextReviewDate: null })) as {
        id: string
      }
      for (let day = 1; day <= 12; day += 1) {
        await must(bridge, 'notes:add', {
          caseId: opened.id,
          type: 'telephone',
          contactDate: `2026-10-${String(day).padStart(2, '0')}`,
          text: `Call ${day}: talked through sleep, work and support at home; agreed to speak again next week.`
        })
      }
      const sittings = [
        { date: '2025-11-20', phq9: [1, 1, 1, 1, 1, 0, 0, 0, 0], itq: Array(18).fill(1) },
        { date: '2026-05-20', phq9: [2, 2, 2, 2, 2, 1, 1, 0, 0], itq: Array(18).fill(3) }
      ]
      for (const sitting of sittings) {
        await must(bridge, 'screening:save', {
          personId,
          sittingDate: sitting.date,
          mode: 'clinician-entered',
          results: [
            { kind: 'items', instrument: 'phq9', answers: sitting.phq9 },
            { kind: 'items', instrument: 'gad7', answers: [1, 1, 1, 1, 0, 0, 0] },
            { kind: 'items', instrument: 'itq', answers: sitting.itq }
          ]
        })
      }
      // An incident between the sittings, so its marker on the charts is held to the same contrast.
      await must(bridge, 'incidents:create', {
        occurredOn: '2026-02-10',
        categoryId: 'fatal-road-collision',
        reference: 'CAD 5150',
        attendees: [{ personId, part: 'attended', intensity: 'high', hoursReviewed: null }]
      })
      if (options.textSize) await must(bridge, 'preferences:set', { textSize: options.textSize })
    }
  })
}

async function openRecord(page: Page, url: string) {
  await page.goto(`${url}/index.html#/people/${personId}`)
  await expect.poll(() => h1(page).textContent()).toBe('Bartholomew Featherstonehaugh-Whittington')
  await page.locator('figure.chart').first().waitFor()
}

const banner = (page: Page) => page.getByRole('region', { name: 'Person whose record is open' })

/** The banner's bottom edge in the viewport, or 0 on screens without one. */
async function bannerBottom(page: Page): Promise<number> {
  if ((await banner(page).count()) === 0) return 0
  return await banner(page).evaluate((node) => node.getBoundingClientRect().bottom)
}

async function box(locator: Locator) {
  return locator.evaluate((node) => {
    const rect = node.getBoundingClientRect()
    return { top: rect.top, bottom: rect.bottom, height: rect.height, viewport: window.innerHeight }
  })
}

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '')

describe('correcting a screening', () => {
  it('opens the form in view below the banner, with focus on it, and gives focus back to the link when cancelled', async () => {
    app = await withLongRecord()
    const { page } = app
    await openRecord(page, app.bridge.url)
    const correct = page.getByRole('button', { name: 'Correct the screening of 20 May 2026' })
    await correct.click()
    const form = page.getByRole('region', { name: 'Correct a screening' })
    await form.waitFor()
    // Focus moved into the form, and its heading is on screen, not hidden under the banner.
    expect(await form.evaluate((node) => node.contains(document.activeElement))).toBe(true)
    const heading = await box(form.getByRole('heading', { name: 'Correct a screening' }))
    expect(heading.top).toBeGreaterThanOrEqual(await bannerBottom(page))
    expect(heading.bottom).toBeLessThanOrEqual(heading.viewport)
    expect(await form.textContent()).toContain('the screening of 20 May 2026')
    await expectAccessible(page)
    await page.screenshot({ path: join(screenshotFolder, 'layout-correction-open.png') })

    await form.getByRole('button', { name: 'Cancel' }).click()
    await form.waitFor({ state: 'detached' })
    // Focus goes back where the user was, not to the top of the page.
    expect(await focusedText(page)).toBe('Correct the screening of 20 May 2026')
    const link = await box(correct)
    expect(link.top).toBeGreaterThanOrEqual(await bannerBottom(page))
    expect(link.bottom).toBeLessThanOrEqual(link.viewport)
  })
})

describe('amending a note', () => {
  it('puts focus in the corrected note, and back on Amend when cancelled', async () => {
    app = await withLongRecord()
    const { page } = app
    await openRecord(page, app.bridge.url)
    const amend = page.getByRole('button', { name: 'Amend the note of 7 Oct 2026' })
    await amend.click()
    const form = page.getByRole('form', { name: 'Amend this note' })
    await form.waitFor()
    expect(await page.evaluate(() => document.activeElement?.id)).toMatch(/^amend-.*-text$/)
    const field = await box(form.getByLabel('Corrected note'))
    expect(field.top).toBeGreaterThanOrEqual(await bannerBottom(page))
    expect(field.bottom).toBeLessThanOrEqual(field.viewport)

    await form.getByRole('button', { name: 'Cancel' }).click()
    await form.waitFor({ state: 'detached' })
    expect(await focusedText(page)).toBe('Amend the note of 7 Oct 2026')
    // The form closed: nothing is left open behind the focus.
    expect(await page.getByRole('form', { name: 'Amend this note' }).count()).toBe(0)
  })
})

describe('the person banner', () => {
  for (const [label, textSize, width] of [
    ['a wide window', 'standard', 1280],
    ['a narrow window with larger text', 'larger', 900]
  ] as const) {
    it(`covers no heading or field scrolled into view, in ${label}`, async () => {
      app = await withLongRecord({ textSize })
      const { page } = app
      await page.setViewportSize({ width, height: 720 })
      await openRecord(page, app.bridge.url)
      const headings = page.locator('main h2, main h3, main h4, main figcaption')
      const count = await headings.count()
      expect(count).toBeGreaterThan(8)
      const covered: string[] = []
      for (let index = 0; index < count; index += 1) {
        const heading = headings.nth(index)
        await heading.evaluate((node) => node.scrollIntoView())
        const top = (await box(heading)).top
        const bottom = await bannerBottom(page)
        if (top < bottom)
          covered.push(`"${(await heading.textContent())?.trim()}" at ${Math.round(top)} under a banner ending at ${Math.round(bottom)}`)
      }
      expect(covered).toEqual([])

      // Focus from the keyboard (the error summary's links do this) brings a field into view.
      const field = page.getByLabel('What needs doing')
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
      await field.focus()
      const { top } = await box(field)
      expect(top).toBeGreaterThanOrEqual(await bannerBottom(page))
      await page.screenshot({ path: join(screenshotFolder, `layout-banner-${width}.png`) })
    })
  }

  it('leaves no offset behind on screens without a banner', async () => {
    app = await withLongRecord()
    const { page } = app
    await openRecord(page, app.bridge.url)
    await page.getByRole('link', { name: 'Settings', exact: true }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Settings')
    // Things scrolled to stop a small gap below the top of the window, not a banner's height below it.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--banner-height').trim())).toBe('')
    expect(await page.getByRole('heading', { name: 'Appearance' }).evaluate((node) => getComputedStyle(node).scrollMarginTop)).toBe('12px')
  })
})

describe('the side navigation', () => {
  it('stays in view while a long page scrolls', async () => {
    app = await withLongRecord()
    const { page } = app
    await openRecord(page, app.bridge.url)
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(1000)
    const nav = page.getByRole('navigation', { name: 'Main' })
    for (const name of ['My caseload', 'About Harbour']) {
      const link = await box(nav.getByRole('link', { name, exact: true }))
      expect(link.top).toBeGreaterThanOrEqual(0)
      expect(link.bottom).toBeLessThanOrEqual(link.viewport)
    }
    await expectAccessible(page)
    await page.screenshot({ path: join(screenshotFolder, 'layout-nav-scrolled.png') })
  })

  it('scrolls on its own when it is taller than the window, so every link can be reached', async () => {
    app = await withLongRecord({ textSize: 'larger' })
    const { page } = app
    await page.setViewportSize({ width: 1280, height: 420 })
    await openRecord(page, app.bridge.url)
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
    const nav = page.getByRole('navigation', { name: 'Main' })
    const list = nav.getByRole('list')
    expect(await list.evaluate((node) => node.scrollHeight > node.clientHeight)).toBe(true)
    const last = nav.getByRole('link', { name: 'About Harbour', exact: true })
    await last.focus()
    const link = await box(last)
    expect(link.top).toBeGreaterThanOrEqual(0)
    expect(link.bottom).toBeLessThanOrEqual(link.viewport)
    // Moving through the navigation does not drag the page under it.
    const scrolled = await page.evaluate(() => window.scrollY)
    await nav.getByRole('link', { name: 'My caseload', exact: true }).focus()
    expect(await page.evaluate(() => window.scrollY)).toBe(scrolled)
    expect((await box(nav.getByRole('link', { name: 'My caseload', exact: true }))).top).toBeGreaterThanOrEqual(0)
  })
})

const themes = ['light', 'dark', 'high-contrast'] as const

/** One of the app's themes; 'system' on a computer set to dark. */
async function useTheme(opened: AppUnderTest, theme: (typeof themes)[number] | 'system') {
  await opened.page.emulateMedia({ colorScheme: theme === 'system' ? 'dark' : 'light' })
  await must(opened.bridge, 'preferences:set', { theme })
  await opened.page.reload()
  await expect.poll(() => opened.page.evaluate(() => document.documentElement.dataset['theme'])).toBe(theme)
}

interface Painted {
  what: string
  colour: string
  opacity: number
  rect: { left: number; top: number; right: number; bottom: number }
}

interface ChartPaint {
  chart: string
  background: string
  bands: Painted[]
  texts: Painted[]
  lines: Painted[]
}

/** Everything a chart paints, with the colours and opacities Chromium computed for it. */
function chartPaint(page: Page): Promise<ChartPaint[]> {
  return page.locator('figure.chart').evaluateAll((figures) =>
    figures.map((figure) => {
      const rectOf = (node: Element) => {
        const r = node.getBoundingClientRect()
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }
      }
      /** The element's own opacity times every ancestor's up to the figure. */
      const opacityOf = (node: Element) => {
        let value = 1
        for (let at: Element | null = node; at && at !== figure; at = at.parentElement) value *= Number(getComputedStyle(at).opacity)
        return value
      }
      const visible = (node: Element) => {
        const r = node.getBoundingClientRect()
        return r.width + r.height > 0 && getComputedStyle(node).visibility !== 'hidden' && getComputedStyle(node).display !== 'none'
      }
      let behind: Element | null = figure
      while (behind && /^rgba\([^)]*,\s*0\)$|^transparent$/.test(getComputedStyle(behind).backgroundColor)) behind = behind.parentElement
      const describe = (node: Element) =>
        `${node.tagName.toLowerCase()}.${node.getAttribute('class') ?? ''} "${(node.textContent ?? '').trim().slice(0, 30)}"`
      const bands = [...figure.querySelectorAll('.recharts-reference-area-rect')].map((node) => ({
        what: describe(node),
        colour: getComputedStyle(node).fill,
        opacity: Number(getComputedStyle(node).fillOpacity) * opacityOf(node),
        rect: rectOf(node)
      }))
      const texts = [...figure.querySelectorAll('svg text')]
        .filter((node) => visible(node) && (node.textContent ?? '').trim() !== '')
        .map((node) => ({
          what: describe(node),
          colour: getComputedStyle(node).fill,
          opacity: Number(getComputedStyle(node).fillOpacity) * opacityOf(node),
          rect: rectOf(node)
        }))
      const stroked = [...figure.querySelectorAll('svg line, svg path, svg polyline')]
        .filter(
          (node) =>
            visible(node) &&
            !node.classList.contains('recharts-reference-area-rect') &&
            getComputedStyle(node).stroke !== 'none' &&
            parseFloat(getComputedStyle(node).strokeWidth) > 0
        )
        .map((node) => ({
          what: describe(node),
          colour: getComputedStyle(node).stroke,
          opacity: Number(getComputedStyle(node).strokeOpacity) * opacityOf(node),
          rect: rectOf(node)
        }))
      const dots = [...figure.querySelectorAll('svg circle')].filter(visible).map((node) => ({
        what: describe(node),
        colour: getComputedStyle(node).fill,
        opacity: Number(getComputedStyle(node).fillOpacity) * opacityOf(node),
        rect: rectOf(node)
      }))
      const swatches = [...figure.querySelectorAll('.chart__swatch')].map((node) => ({
        what: describe(node),
        colour: getComputedStyle(node).borderTopColor,
        opacity: opacityOf(node),
        rect: rectOf(node)
      }))
      return {
        chart: figure.querySelector('figcaption')?.textContent ?? '',
        background: behind ? getComputedStyle(behind).backgroundColor : 'rgb(255, 255, 255)',
        bands,
        texts,
        lines: [...stroked, ...dots, ...swatches]
      }
    })
  )
}

const overlaps = (a: Painted['rect'], b: Painted['rect']) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom

/** The weakest contrast of a mark against any background it sits on: the chart's, or a band over it. */
function worstContrast(mark: Painted, chart: ChartPaint): { ratio: number; against: Rgba } {
  const base = parseColour(chart.background)
  const backgrounds = [
    base,
    ...chart.bands.filter((band) => overlaps(band.rect, mark.rect)).map((band) => over(parseColour(band.colour), base, band.opacity))
  ]
  return backgrounds
    .map((background) => ({ ratio: contrast(over(parseColour(mark.colour), background, mark.opacity), background), against: background }))
    .reduce((worst, next) => (next.ratio < worst.ratio ? next : worst))
}

describe('charts', () => {
  it('draw text at 4.5:1 and lines at 3:1 against whatever is behind them, in every theme', async () => {
    app = await withLongRecord()
    const { page } = app
    const failures: string[] = []
    for (const theme of [...themes, 'system'] as const) {
      await useTheme(app, theme)
      await openRecord(page, app.bridge.url)
      const charts = await chartPaint(page)
      expect(charts.map((chart) => chart.chart)).toEqual(['PHQ-9 over time', 'GAD-7 over time', 'ITQ over time'])
      for (const chart of charts) {
        expect(chart.texts.length).toBeGreaterThan(5)
        expect(chart.lines.length).toBeGreaterThan(5)
        for (const [marks, needed] of [
          [chart.texts, 4.5],
          [chart.lines, 3]
        ] as const) {
          for (const mark of marks) {
            const { ratio, against } = worstContrast(mark, chart)
            if (ratio < needed)
              failures.push(`${theme}, ${chart.chart}: ${mark.what} ${mark.colour} on ${hex(against)} is ${ratio.toFixed(2)}:1`)
          }
        }
      }
      await expectAccessible(page)
      await page
        .getByRole('figure', { name: 'PHQ-9 over time' })
        .screenshot({ path: join(screenshotFolder, `layout-chart-phq9-${theme}.png`) })
      await page
        .getByRole('figure', { name: 'ITQ over time' })
        .screenshot({ path: join(screenshotFolder, `layout-chart-itq-${theme}.png`) })
    }
    expect(failures).toEqual([])
    // Every theme over a long record: minutes on a busy two-core machine; the default 90 s is for one screen.
  }, 300_000)
})

interface ControlPaint {
  what: string
  border: string
  borderWidth: number
  background: string
  checked: boolean
  fill: string
  ring: string
}

/** Each radio and checkbox on screen: its border, its fill, and the colour of what it sits on. */
function controlPaint(page: Page): Promise<ControlPaint[]> {
  return page.locator('main input[type="radio"], main input[type="checkbox"]').evaluateAll((inputs) =>
    inputs
      .filter((node) => node.getBoundingClientRect().width > 0)
      .map((node) => {
        const input = node as HTMLInputElement
        const style = getComputedStyle(input)
        let behind: Element | null = input.parentElement
        while (behind && /^rgba\([^)]*,\s*0\)$|^transparent$/.test(getComputedStyle(behind).backgroundColor)) behind = behind.parentElement
        return {
          what: `${input.type} ${input.labels?.[0]?.textContent?.trim().slice(0, 30) ?? input.name}`,
          border: style.borderTopStyle === 'none' ? 'none' : style.borderTopColor,
          borderWidth: parseFloat(style.borderTopWidth),
          background: behind ? getComputedStyle(behind).backgroundColor : 'rgb(255, 255, 255)',
          checked: input.checked,
          fill: style.backgroundColor,
          // The inset ring that separates a checked radio's dot from its border.
          ring: /inset/.test(style.boxShadow) ? (style.boxShadow.match(/rgba?\([^)]*\)|color\([^)]*\)/)?.[0] ?? '') : ''
        }
      })
  )
}

interface FocusPaint {
  outline: string
  outlineWidth: number
  shadows: string[]
  background: string
}

async function focusPaint(page: Page): Promise<FocusPaint> {
  return page.evaluate(() => {
    const node = document.activeElement as HTMLElement
    const style = getComputedStyle(node)
    let behind: Element | null = node.parentElement
    while (behind && /^rgba\([^)]*,\s*0\)$|^transparent$/.test(getComputedStyle(behind).backgroundColor)) behind = behind.parentElement
    return {
      outline: style.outlineStyle === 'none' ? 'none' : style.outlineColor,
      outlineWidth: parseFloat(style.outlineWidth),
      shadows:
        style.boxShadow === 'none'
          ? []
          : style.boxShadow
              .split(/,(?![^(]*\))/)
              .filter((shadow) => !/inset/.test(shadow))
              .map((shadow) => shadow.match(/rgba?\([^)]*\)|color\([^)]*\)/)?.[0] ?? ''),
      background: behind ? getComputedStyle(behind).backgroundColor : 'rgb(255, 255, 255)'
    }
  })
}

function controlFailures(theme: string, controls: ControlPaint[]): string[] {
  return controls.flatMap((control) => {
    const background = parseColour(control.background)
    const problems: string[] = []
    if (control.border === 'none' || control.borderWidth < 1) problems.push('has no border of its own')
    else if (contrast(over(parseColour(control.border), background), background) < 3)
      problems.push(
        `border ${control.border} on ${hex(background)} is ${contrast(over(parseColour(control.border), background), background).toFixed(2)}:1`
      )
    if (control.checked && control.ring) {
      const ring = over(parseColour(control.ring), background)
      const dot = over(parseColour(control.fill), ring)
      if (contrast(dot, ring) < 3) problems.push(`checked dot ${hex(dot)} on ${hex(ring)} is ${contrast(dot, ring).toFixed(2)}:1`)
    }
    return problems.map((problem) => `${theme}: ${control.what} ${problem}`)
  })
}

describe('radios and checkboxes', () => {
  it('have borders at 3:1 against the page, a dot that shows, and a focus ring that stands out, in every theme', async () => {
    app = await withLongRecord()
    const { page } = app
    const failures: string[] = []
    for (const theme of themes) {
      await useTheme(app, theme)
      await page.goto(`${app.bridge.url}/index.html#/settings`)
      await page.getByRole('heading', { name: 'Appearance' }).waitFor()
      const settings = await controlPaint(page)
      expect(settings.filter((control) => control.checked).length).toBeGreaterThan(1)
      failures.push(...controlFailures(theme, settings))
      await screenshot(page, `layout-settings-${theme}`)

      await openRecord(page, app.bridge.url)
      await page.getByRole('button', { name: 'Record a screening' }).click()
      const form = page.getByRole('region', { name: 'Record a screening' })
      await form.waitFor()
      await page.locator('input[name="phq9-1"][value="2"]').check()
      // The answer is kept as a draft once typing pauses; wait for it, so nothing is in flight later.
      await expect
        .poll(() => app?.bridge.vault.sqlite.prepare("SELECT count(*) AS n FROM drafts WHERE form = 'screening'").get())
        .toEqual({ n: 1 })
      const screening = await controlPaint(page)
      expect(screening.filter((control) => control.what.startsWith('checkbox')).length).toBeGreaterThan(3)
      expect(screening.filter((control) => control.what.startsWith('radio')).length).toBeGreaterThan(20)
      failures.push(...controlFailures(theme, screening))

      // Keyboard focus on a radio and on a checkbox: a ring at least 2px wide that reaches 3:1 against the page.
      for (const target of [page.locator('input[name="phq9-1"][value="2"]'), form.getByLabel('PHQ-9', { exact: true })]) {
        await target.focus()
        await page.keyboard.press('Shift+Tab')
        await page.keyboard.press('Tab')
        const ring = await focusPaint(page)
        const background = parseColour(ring.background)
        const colours = [...(ring.outline !== 'none' && ring.outlineWidth >= 2 ? [ring.outline] : []), ...ring.shadows]
        const best = Math.max(0, ...colours.map((colour) => contrast(over(parseColour(colour), background), background)))
        if (best < 3) failures.push(`${theme}: focus ring ${colours.join(' + ') || 'none'} on ${hex(background)} is ${best.toFixed(2)}:1`)
      }
      await expectAccessible(page)
      // The top of the form: the questionnaire checkboxes and the first items' radios, one focused.
      await form.evaluate((node) => node.scrollIntoView())
      const top = await form.boundingBox()
      if (top)
        await page.screenshot({
          path: join(screenshotFolder, `layout-screening-form-${theme}.png`),
          clip: { x: top.x, y: top.y, width: top.width, height: 820 - top.y }
        })
      // Otherwise the next theme's visit would find the draft and open the form by itself.
      app.bridge.vault.sqlite.prepare('DELETE FROM drafts').run()
    }
    expect(failures).toEqual([])
    // Every theme over a long record: minutes on a busy two-core machine; the default 90 s is for one screen.
  }, 300_000)
})
