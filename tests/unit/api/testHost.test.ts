import { describe, expect, it } from 'vitest';
import { createTestHost } from '@sotto/api/testing';
import type { PluginManifest } from '@sotto/api';
import echo from '../../fixtures/plugins/echo/src/index.ts';
import echoManifest from '../../fixtures/plugins/echo/package.json' with { type: 'json' };
import undeclared from '../../fixtures/plugins/undeclared/src/index.ts';
import undeclaredManifest from '../../fixtures/plugins/undeclared/package.json' with { type: 'json' };

describe('@sotto/api/testing runs a plugin against an in-memory host', () => {
  it('runs commands, tools, panels, settings and streams with the real runtime', async () => {
    const host = createTestHost(echo, { manifest: echoManifest as PluginManifest, settings: { repeat: 2 } });
    await host.activate();
    expect(await host.executeCommand('say', 'x')).toBe('hello: xhello: x');
    expect(await host.invokeTool('echo_tool', { text: 'hi' })).toEqual({ echoed: 'hi' });
    expect(host.panel('status')).toEqual({ kind: 'markdown', text: 'Greeting is **hello**' });
    await host.setSetting('greeting', 'hey');
    expect(host.panel('status')).toEqual({ kind: 'markdown', text: 'Greeting is **hey**' });
    host.publish('questions', { id: 'q', text: 'why?', at: 0, source: 'manual' });
    await new Promise((r) => setTimeout(r, 20));
    expect(host.published.replies.map((r) => r.text)).toEqual(['echo why?']);
    expect(host.registrations.has('commands:say')).toBe(true);
    await host.deactivate();
    expect(host.registrations.size).toBe(0);
  });

  it('applies the real declaration rule', async () => {
    const host = createTestHost(undeclared, { manifest: undeclaredManifest as PluginManifest });
    await expect(host.activate()).rejects.toThrow('registered commands "sneaky", which its package.json does not declare');
  });

  it('refuses calls to providers that are not registered', async () => {
    const host = createTestHost(echo, { manifest: echoManifest as PluginManifest });
    await host.activate();
    await expect(host.executeCommand('echo.missing')).rejects.toThrow('No commands "echo.missing" is registered');
  });
});
