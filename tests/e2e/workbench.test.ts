import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench, pluginRow, runCommand, type OpenWorkbench } from '../support/workbench.ts';

describe('workbench in Chromium against sotto serve', () => {
  let wb: OpenWorkbench;

  beforeAll(async () => {
    wb = await openWorkbench();
    await wb.page.getByRole('tab', { name: 'Plugins' }).click();
  });

  afterAll(() => wb?.close());

  it('loads and lists the plugins with versions, permissions and the engine', async () => {
    const { page } = wb;
    for (const id of ['echo', 'fetcher', 'hangs', 'invalid', 'throws', 'undeclared']) await expect(pluginRow(page, id).isVisible()).resolves.toBe(true);
    await expect(pluginRow(page, 'echo').textContent()).resolves.toContain('v1.2.3');
    await expect(pluginRow(page, 'echo').textContent()).resolves.toContain('network: http://127.0.0.1:9');
    await expect(pluginRow(page, 'echo').getByTestId('plugin-status').textContent()).resolves.toBe('Off');
    await expect(page.getByTestId('engine').textContent()).resolves.toBe('Local engine');
  });

  it('shows an invalid manifest with its specific errors and cannot enable it', async () => {
    const row = pluginRow(wb.page, 'invalid');
    await expect(row.getByTestId('plugin-status').textContent()).resolves.toBe('Invalid');
    const errors = await row.getByTestId('plugin-errors-list').textContent();
    expect(errors).toContain('engines.sotto: the plugin needs the Sotto API ^9.0.0, but this Sotto provides 1.0.0');
    expect(errors).toContain("contributes.commands[0]: must have required property 'title'");
    await expect(row.getByRole('switch').isDisabled()).resolves.toBe(true);
  });

  it('turns a plugin on and off live, with its panel appearing and going', async () => {
    const { page } = wb;
    const row = pluginRow(page, 'echo');
    await row.getByRole('switch').check();
    await row.locator('[data-status="active"]').or(row.and(page.locator('[data-status="active"]'))).waitFor();
    const panel = page.getByTestId('panel-echo.status');
    await panel.getByText('Greeting is **hello**').waitFor();
    await runCommand(page, 'Say something');
    await page.getByRole('status').filter({ hasText: 'Say something: hello:' }).waitFor();
    await row.getByRole('switch').uncheck();
    await panel.waitFor({ state: 'detached' });
    await expect(row.getByTestId('plugin-status').textContent()).resolves.toBe('Off');
  });

  it('keeps a switch where the user put it while the shell is still saving it and other plugins change', async () => {
    const { page } = wb;
    let release!: () => void;
    const saved = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/bridge/setPluginEnabled', async (route) => {
      if (route.request().postDataJSON().arg.id === 'echo') await saved;
      await route.continue();
    });
    const echo = pluginRow(page, 'echo').getByRole('switch');
    try {
      await echo.click();
      // Another plugin starting re-renders every row while echo's change is still on its way to the shell.
      await pluginRow(page, 'undeclared').getByRole('switch').check();
      await pluginRow(page, 'undeclared').locator('xpath=self::*[@data-status!="disabled"]').waitFor();
      await expect(echo.isChecked()).resolves.toBe(true);
    } finally {
      release();
    }
    await pluginRow(page, 'echo').locator('xpath=self::*[@data-status="active"]').waitFor();
    await page.unroute('**/bridge/setPluginEnabled');
    await echo.uncheck();
    await pluginRow(page, 'undeclared').getByRole('switch').uncheck();
    await expect(pluginRow(page, 'echo').getByTestId('plugin-status').textContent()).resolves.toBe('Off');
  });

  it('shows a plugin that throws in activate as failed while the others keep working', async () => {
    const { page } = wb;
    await pluginRow(page, 'throws').getByRole('switch').check();
    await pluginRow(page, 'throws').locator('xpath=self::*[@data-status="failed"]').waitFor();
    await expect(pluginRow(page, 'throws').getByTestId('plugin-errors-list').textContent()).resolves.toContain('fixture refuses to start');
    await expect(page.getByTestId('plugin-errors').textContent()).resolves.toMatch(/plugin problems?/);
    await pluginRow(page, 'echo').getByRole('switch').check();
    await page.getByTestId('panel-echo.status').getByText('Greeting is').waitFor();
  });

  it('detects a hung plugin and restarts it', async () => {
    const { page } = wb;
    const row = pluginRow(page, 'hangs');
    await row.getByRole('switch').check();
    await row.locator('xpath=self::*[@data-status="active"]').waitFor();
    await runCommand(page, 'Hang forever');
    await page.getByRole('alert').filter({ hasText: 'stopped responding' }).waitFor({ timeout: 15_000 });
    await row.getByText('restarted 1×').waitFor();
    await row.locator('xpath=self::*[@data-status="active"]').waitFor();
    await runCommand(page, 'Ping');
    await page.getByRole('status').filter({ hasText: 'Ping: pong' }).waitFor();
  });
});
