import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { fixturePluginsDir, scratchDir } from './fixtures.ts';
import { serveSotto, type ServedSotto } from './serveProcess.ts';

export interface OpenWorkbench {
  served: ServedSotto;
  browser: Browser;
  page: Page;
  env: Record<string, string>;
  /** Page errors and console errors seen so far, for assertions and for debugging failures. */
  errors: string[];
  close(): Promise<void>;
}

/** A fresh config folder with the fixture plugins as user plugins, served by the real CLI and opened in Chromium. */
export function workbenchEnv(): Record<string, string> {
  const home = scratchDir('home');
  return { SOTTO_CONFIG_DIR: `${home}/config`, SOTTO_CACHE_DIR: `${home}/cache`, SOTTO_USER_PLUGINS: fixturePluginsDir, HOME: home, XDG_CONFIG_HOME: `${home}/.config` };
}

/**
 * `prepare` runs on the new page before it loads, e.g. to add init scripts. With `shared`, the page opens on an
 * already running `sotto serve` (started with `env`), which closing the page leaves running.
 */
export async function openWorkbench(env = workbenchEnv(), browser?: Browser, prepare?: (page: Page) => Promise<void>, shared?: ServedSotto): Promise<OpenWorkbench> {
  const served = shared ?? (await serveSotto(env));
  const ownBrowser = !browser;
  browser ??= await launchChromium();
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await prepare?.(page);
  await page.goto(served.url);
  await page.locator('.workbench[data-ready="true"]').waitFor();
  return {
    served,
    browser,
    page,
    env,
    errors,
    async close() {
      await page.close();
      if (ownBrowser) await browser!.close();
      if (!shared) await served.stop();
    },
  };
}

/** The row of one plugin in the Plugins view. */
export function pluginRow(page: Page, id: string) {
  return page.getByTestId(`plugin-${id}`);
}

export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  await page.getByLabel('Type a command').fill(title);
  await page.keyboard.press('Enter');
}
