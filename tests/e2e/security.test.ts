import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench, pluginRow, runCommand, type OpenWorkbench } from '../support/workbench.ts';

describe('capabilities are enforced, not advisory', () => {
  let wb: OpenWorkbench;
  let target: Server;
  let targetUrl: string;
  const hits: string[] = [];

  beforeAll(async () => {
    target = createServer((request, response) => {
      hits.push(request.url ?? '');
      response.setHeader('access-control-allow-origin', '*');
      response.end('secret data');
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/probe`;
    wb = await openWorkbench();
  });

  afterAll(async () => {
    await wb?.close();
    target?.close();
  });

  it('refuses a bridge call without the launch token', async () => {
    const statuses = await wb.page.evaluate(async () => {
      const bare = await fetch('/bridge/getInfo', { method: 'POST', body: '{}' });
      const wrong = await fetch('/bridge/getInfo', { method: 'POST', body: '{}', headers: { 'x-sotto-token': 'guess' } });
      return [bare.status, wrong.status, (await bare.json()).error.message];
    });
    expect(statuses).toEqual([403, 403, 'Missing or wrong launch token: open Sotto from the URL that `sotto serve` printed.']);
    const fromOutside = await fetch(`${wb.served.origin}/bridge/listPlugins`, { method: 'POST' });
    expect(fromOutside.status).toBe(403);
    const withToken = await fetch(`${wb.served.origin}/bridge/listPlugins`, { method: 'POST', headers: { 'x-sotto-token': wb.served.token } });
    expect(withToken.status).toBe(200);
    const bundleWithoutToken = await fetch(`${wb.served.origin}/plugins/echo/worker.mjs`);
    expect(bundleWithoutToken.status).toBe(403);
  });

  it("blocks a plugin's own fetch to an undeclared origin, and the host refuses it with a clear error", async () => {
    const { page } = wb;
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByTestId('setting-fetcher-target').getByLabel('Target URL').fill(targetUrl);
    await page.getByTestId('setting-fetcher-target').getByText('Saved').waitFor();
    await page.getByRole('tab', { name: 'Plugins' }).click();
    await pluginRow(page, 'fetcher').getByRole('switch').check();
    await pluginRow(page, 'fetcher').locator('xpath=self::*[@data-status="active"]').waitFor();

    await runCommand(page, 'Fetch directly');
    await page.getByRole('status').filter({ hasText: 'Fetch directly: blocked:' }).waitFor();
    await runCommand(page, 'Fetch through the host');
    await page.getByRole('alert').filter({ hasText: `Plugin "fetcher" may not reach ${new URL(targetUrl).origin}: add it to permissions.network` }).waitFor();
    expect(hits).toEqual([]);
  });
});
