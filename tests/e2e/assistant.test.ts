import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../src/local/index.ts';
import { crmExport } from '../support/assistantHost.ts';
import { openWorkbench, workbenchEnv, type OpenWorkbench } from '../support/workbench.ts';

describe('assistant in Chromium: engine requests stream through the web shell, answers render as Markdown', () => {
  let local: LocalServer;
  let wb: OpenWorkbench;

  beforeAll(async () => {
    local = await startLocalServer({
      port: 0,
      textDeltaDelayMs: 5,
      responder: {
        replies: [
          { match: 'Acme', toolCalls: [{ name: 'crm_lookup', arguments: { query: 'Acme Corp' } }] },
          { match: 'screenshot', text: 'A pricing table.' },
          { match: 'format', text: 'Two options:\n\n- **Annual**: 42 euros per seat\n- *Monthly*: 49 euros\n\n<img src=x onerror="window.pwned=1">' },
        ],
      },
    });
    process.env.SOTTO_LOCAL_URL = local.url;
    const env = workbenchEnv();
    mkdirSync(env.SOTTO_CONFIG_DIR, { recursive: true });
    writeFileSync(path.join(env.SOTTO_CONFIG_DIR, 'settings.json'), JSON.stringify({ enabled: { 'crm-lookup': true }, values: { 'crm-lookup': { exportFile: crmExport } } }));
    wb = await openWorkbench(env);
    await wb.page.getByRole('tab', { name: 'Assistant' }).click();
  });

  afterAll(async () => {
    delete process.env.SOTTO_LOCAL_URL;
    await wb?.close();
    await local?.close();
  });

  const ask = async (text: string) => {
    await wb.page.getByTestId('ask-input').fill(text);
    await wb.page.getByTestId('ask-send').click();
    const answer = wb.page.locator('[data-testid="answer"]').filter({ hasText: text }).and(wb.page.locator('[data-state="done"]'));
    await answer.waitFor({ timeout: 15_000 });
    return answer;
  };

  it('a typed question about a customer runs the CRM tool in its worker; the answer and the CRM panel show the record', async () => {
    const answer = await ask('Where are we with Acme Corp?');
    await expect(answer.textContent()).resolves.toContain('Negotiation');
    await wb.page.getByTestId('panel-crm-lookup.record').getByText('Priya Raman').waitFor();
    await expect(wb.page.getByTestId('cost').textContent()).resolves.toMatch(/^\$0\.0000 · [\d.]+k? tok$/);
  });

  it('renders Markdown as elements and shows raw HTML as text', async () => {
    const answer = await ask('Can you format the price options?');
    await expect(answer.locator('.markdown li strong').textContent()).resolves.toBe('Annual');
    await expect(answer.locator('.markdown li em').textContent()).resolves.toBe('Monthly');
    await expect(answer.locator('.markdown img').count()).resolves.toBe(0);
    await expect(answer.textContent()).resolves.toContain('<img src=x');
    expect(await wb.page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(wb.errors).toEqual([]);
  });

  it('takes a pasted image, shows it, and sends it with the question', async () => {
    const { page } = wb;
    await page.getByTestId('ask-input').evaluate(async (input) => {
      const canvas = new OffscreenCanvas(40, 20);
      canvas.getContext('2d')!.fillRect(0, 0, 40, 20);
      const file = new File([await canvas.convertToBlob({ type: 'image/png' })], 'shot.png', { type: 'image/png' });
      const data = new DataTransfer();
      data.items.add(file);
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    });
    await expect(page.getByTestId('ask-images').locator('img').getAttribute('src')).resolves.toMatch(/^data:image\/png;base64,/);
    const sent: string[] = [];
    page.on('request', (request) => request.url().endsWith('/bridge-stream/engineFetch') && sent.push(request.postData() ?? ''));
    const answer = await ask('What is on this screenshot?');
    await expect(answer.textContent()).resolves.toContain('A pricing table.');
    await expect(page.getByTestId('ask-images').count()).resolves.toBe(0);
    const request = JSON.parse(sent.find((body) => body.includes('What is on this screenshot?'))!);
    expect(request.input[0].content[1]).toEqual({ type: 'input_image', image_url: expect.stringMatching(/^data:image\/png;base64,/), detail: 'auto' });
  });
});
