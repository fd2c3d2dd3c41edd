import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { placeholderKey } from '../support/fixtures.ts';
import { openWorkbench, pluginRow, workbenchEnv } from '../support/workbench.ts';

describe('settings generated from plugin schemas', () => {
  let browser: Browser;
  beforeAll(async () => (browser = await launchChromium()));
  afterAll(() => browser?.close());

  it('validates as the user types and keeps a valid change across a restart of the shell', async () => {
    const env = workbenchEnv();
    const first = await openWorkbench(env, browser);
    const { page } = first;
    await page.getByRole('tab', { name: 'Plugins' }).click();
    await pluginRow(page, 'echo').getByRole('switch').check();
    await page.getByRole('tab', { name: 'Settings' }).click();
    const greeting = page.getByTestId('setting-echo-greeting');
    await greeting.getByLabel('Greeting').fill('');
    await greeting.getByRole('alert').filter({ hasText: 'String is too short' }).waitFor();
    const repeat = page.getByTestId('setting-echo-repeat');
    await repeat.getByLabel('Repeat').fill('9');
    await repeat.getByRole('alert').filter({ hasText: '9 is greater than 5' }).waitFor();
    await greeting.getByLabel('Greeting').fill('howdy');
    await greeting.getByText('Saved').waitFor();
    await page.getByTestId('panel-echo.status').getByText('Greeting is **howdy**').waitFor();
    // Saving one field must not wipe what the user is still fixing in another.
    await expect(repeat.getByLabel('Repeat').inputValue()).resolves.toBe('9');
    await expect(repeat.getByRole('alert').textContent()).resolves.toContain('9 is greater than 5');
    await first.close();

    const stored = JSON.parse(readFileSync(path.join(env.SOTTO_CONFIG_DIR, 'settings.json'), 'utf8'));
    expect(stored.values.echo).toEqual({ greeting: 'howdy' });

    const second = await openWorkbench(env, browser);
    await second.page.getByTestId('panel-echo.status').getByText('Greeting is **howdy**').waitFor();
    await second.page.getByRole('tab', { name: 'Settings' }).click();
    await expect(second.page.getByTestId('setting-echo-greeting').getByLabel('Greeting').inputValue()).resolves.toBe('howdy');
    await second.close();
  });

  it('takes an API key without ever showing it again or writing it to settings', async () => {
    const env = workbenchEnv();
    const wb = await openWorkbench(env, browser);
    const { page } = wb;
    await page.getByRole('tab', { name: 'Settings' }).click();
    const form = page.getByRole('form', { name: 'OpenAI API key' });
    await form.getByLabel('API key').fill('not-a-key');
    await form.getByRole('button', { name: 'Save key' }).click();
    await form.getByRole('alert').filter({ hasText: 'OpenAI API keys start with "sk-"' }).waitFor();
    const key = placeholderKey('valid');
    await form.getByLabel('API key').fill(key);
    await form.getByRole('button', { name: 'Save key' }).click();
    await form.getByTestId('key-state').getByText('A key is set').waitFor();
    await expect(form.getByLabel('API key').inputValue()).resolves.toBe('');
    await expect(page.getByTestId('engine').textContent()).resolves.toBe('OpenAI');
    expect(await page.content()).not.toContain(key);
    const info = await page.evaluate(() => (window as unknown as { __sotto: { bridge: { getInfo(): Promise<unknown> } } }).__sotto.bridge.getInfo());
    expect(JSON.stringify(info)).not.toContain(key);
    await wb.close();
    const settingsFile = path.join(env.SOTTO_CONFIG_DIR, 'settings.json');
    expect(existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : '').not.toContain('sk-test');
    expect(wb.served.output()).not.toContain(key);
  });
});
