import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/fixtures.ts';

const eslint = new ESLint({ cwd: repoRoot });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  return result.messages.filter((m) => m.ruleId === 'layers/imports').map((m) => m.message);
}

describe('the layering lint rule', () => {
  it.each([
    ['plugins/demo/src/index.ts', "import { PluginHost } from '../../../src/host/common/pluginHost.ts';", 'plugin:demo may not import'],
    ['plugins/demo/src/index.ts', "import { map } from 'rxjs';", 'plugin:demo may not import rxjs'],
    ['plugins/demo/src/index.ts', "import { app } from 'electron';", 'plugin:demo may not import electron'],
    ['api/src/plugin.ts', "import { PluginHost } from '../../src/host/common/pluginHost.ts';", 'api may not import'],
    ['src/host/common/pluginHost.ts', "import { BridgeService } from '../../shell/node/bridgeService.ts';", 'host-common may not import'],
    ['src/host/browser/webWorkerLauncher.ts', "import { readFile } from 'node:fs';", 'host-browser may not import node:fs'],
    ['src/local/index.ts', "import { API_VERSION } from '../../api/src/version.ts';", 'local may not import'],
    ['src/local/index.ts', "import { PluginHost } from '../host/common/pluginHost.ts';", 'local may not import'],
    ['src/shell/renderer/App.tsx', "import { BridgeService } from '../node/bridgeService.ts';", 'shell-renderer may not import'],
  ])('refuses %s: %s', async (file, code, message) => {
    const errors = await layerErrors(file, `${code}\nexport const x = 1;\n`);
    expect(errors.join('\n')).toContain(message);
  });

  it.each([
    ['plugins/demo/src/index.ts', "import { definePlugin } from '@sotto/api';\nimport { helper } from './helper.ts';"],
    ['plugins/demo/tests/demo.test.ts', "import { createTestHost } from '@sotto/api/testing';\nimport { it } from 'vitest';"],
    ['src/host/common/pluginHost.ts', "import { PluginError } from '@sotto/api';\nimport { BehaviorSubject } from 'rxjs';"],
    ['src/shell/node/bridgeService.ts', "import { PluginHost } from '../../host/common/pluginHost.ts';"],
  ])('allows %s: %s', async (file, code) => {
    expect(await layerErrors(file, `${code}\nexport const x = 1;\n`)).toEqual([]);
  });
});
