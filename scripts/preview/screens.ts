/**
 * Every screen of the window and every step of the removal wizard, as a walk on the preview (server.ts):
 * which scenario, and how to get there from the page's start. Used by `npm run screenshots` and by the
 * Chromium layout tests (tests/e2e/layout.test.ts), so both see the same screens.
 */
import type { Page } from 'playwright-core';

/** One screen: its file name, the scenario it is shown on, and the steps that reach it. */
export interface Screen {
  readonly name: string;
  readonly scenario: string;
  /** The removal is held after its first step (the running step). */
  readonly hold?: boolean;
  readonly reach: (page: Page) => Promise<void>;
}

/** The window's pages, in the order of its navigation bar (App.tsx PAGES). */
const NAV = ['findings', 'advisory', 'fix', 'history', 'settings'] as const;

/** Clicks a page in the navigation bar (by position: the same in both languages). */
export async function openPage(page: Page, which: (typeof NAV)[number]): Promise<void> {
  await page.locator('.app-nav button').nth(NAV.indexOf(which)).click();
}

/** Waits until the window has shown its report. */
export async function ready(page: Page): Promise<void> {
  await page.locator('.verdict').waitFor();
  await page.locator('article.finding').first().waitFor();
}

const findings = (scenario: string): Screen => ({ name: `findings-${scenario}`, scenario, reach: async () => {} });

/** Opens the wizard on the first finding it offers (from the findings card's button). */
async function planFirst(page: Page): Promise<void> {
  await page.locator('article.finding .button.primary').first().click();
  await page.locator('[data-plan]').waitFor();
}

/** Every screen and wizard step. */
export const SCREENS: readonly Screen[] = [
  ...['clean', 'zoom-per-user', 'zoom-machine-running', 'other-user', 'zoom-everywhere', 'os-eol', 'browsers', 'unknowns'].map(findings),
  { name: 'advisory', scenario: 'zoom-per-user', reach: async (p) => void (await openPage(p, 'advisory'), await p.locator('section h2').first().waitFor()) },
  { name: 'history', scenario: 'zoom-per-user', reach: async (p) => void (await openPage(p, 'history'), await p.locator('table.history').waitFor()) },
  { name: 'settings', scenario: 'zoom-per-user', reach: async (p) => void (await openPage(p, 'settings'), await p.locator('select').first().waitFor()) },
  { name: 'fix-choose', scenario: 'zoom-everywhere', reach: async (p) => void (await openPage(p, 'fix'), await p.locator('.choose li').first().waitFor()) },
  { name: 'fix-plan', scenario: 'zoom-machine-running', reach: planFirst },
  { name: 'fix-plan-manual', scenario: 'other-user', reach: planFirst },
  {
    name: 'fix-running',
    scenario: 'zoom-machine-running',
    hold: true,
    reach: async (p) => {
      await planFirst(p);
      await p.locator('[data-plan=run] .button.primary').click();
      // Where the removal is held: the first step done, the next one running (not the moment between the two).
      await p.locator('.progress li[data-state=done] + li[data-state=running]').first().waitFor();
    },
  },
  {
    name: 'fix-result',
    scenario: 'zoom-machine-running',
    reach: async (p) => {
      await planFirst(p);
      await p.locator('[data-plan=run] .button.primary').click();
      await p.locator('[data-verdict]').waitFor();
    },
  },
  {
    name: 'fix-result-failed',
    scenario: 'removal-fails',
    reach: async (p) => {
      await planFirst(p);
      await p.locator('[data-plan=run] .button.primary').click();
      await p.locator('[data-verdict]').waitFor();
    },
  },
  {
    name: 'fix-all-plan',
    scenario: 'zoom-everywhere',
    reach: async (p) => {
      await openPage(p, 'fix');
      await p.locator('section > p > .button.primary').click();
      await p.locator('[data-flow=all] li[data-state=planned]').first().waitFor();
    },
  },
  {
    name: 'fix-all-result',
    scenario: 'zoom-everywhere',
    reach: async (p) => {
      await openPage(p, 'fix');
      await p.locator('section > p > .button.primary').click();
      await p.locator('[data-flow=all] li[data-state=planned]').first().waitFor();
      await p.locator('[data-flow=all] .row .button.primary').click();
      await p.locator('[data-flow=all] li[data-state=removed]').first().waitFor();
      await p.locator('[data-flow=all] .row .button.primary').waitFor({ state: 'detached' });
    },
  },
];

/** The two sizes: the smallest window, and the same window at 200 % zoom (400×300 CSS px drawn at twice the pixels). */
export const SIZES = [
  { name: '800x600', width: 800, height: 600, scale: 1 },
  { name: 'zoom200', width: 400, height: 300, scale: 2 },
] as const;
