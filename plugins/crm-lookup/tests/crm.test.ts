import { describe, expect, it } from 'vitest';
import { createTestHost } from '@sotto/api/testing';
import manifest from '../package.json' with { type: 'json' };
import plugin from '../src/index.ts';
import csv from './fixtures/crm.csv?raw';
import json from './fixtures/crm.json?raw';

const segment = (text: string) => ({ channel: 'participant' as const, itemId: 'i1', previousItemId: null, text, final: true, start: 0, end: 1 });

describe('crm-lookup', () => {
  it('finds a contact from a CSV export by company, name or email', async () => {
    const host = createTestHost(plugin, { manifest: manifest as never, settings: { exportFile: '/data/crm.csv' }, userFiles: { exportFile: csv } });
    await host.activate();
    const result = await host.invokeTool<{ found: boolean; records: { name: string; dealStage: string; notes: string }[] }>('crm_lookup', { query: 'acme corp' });
    expect(result.found).toBe(true);
    expect(result.records[0]).toMatchObject({ name: 'Priya Raman', dealStage: 'Negotiation' });
    expect(result.records[0].notes).toContain('"net 30" terms');
    expect((await host.invokeTool<{ records: { name: string }[] }>('crm_lookup', { query: 'tom@globex.example' })).records[0].name).toBe('Tom Becker');
    expect(await host.invokeTool('crm_lookup', { query: 'Umbrella' })).toEqual({ found: false, query: 'Umbrella' });
  });

  it('shows the record in its panel when the call mentions a known company', async () => {
    const host = createTestHost(plugin, { manifest: manifest as never, settings: { exportFile: '/data/crm.json' }, userFiles: { exportFile: json } });
    await host.activate();
    host.publish('transcript', segment('We spoke with Initech last month about the renewal.'));
    await new Promise((r) => setTimeout(r, 20));
    expect(host.panel('record')).toEqual({
      kind: 'keyValue',
      rows: [
        ['Name', 'Lena Ortiz'],
        ['Company', 'Initech'],
        ['Email', 'lena@initech.example'],
        ['Deal stage', 'Closed won'],
        ['Last contact', '2026-09-30'],
        ['Notes', 'Renewal due in March'],
      ],
    });
  });

  it('says what to do when no export is set, and reaches no origin it did not declare', async () => {
    const host = createTestHost(plugin, { manifest: manifest as never, settings: { endpoint: 'https://crm.example.com' } });
    await host.activate();
    expect(host.panel('record')).toEqual({ kind: 'empty', message: 'Set a CRM export (CSV or JSON) in Settings → CRM lookup.' });
    await expect(host.invokeTool('crm_lookup', { query: 'Acme' })).rejects.toThrow(/may not reach https:\/\/crm.example.com: add it to permissions.network/);
  });
});
