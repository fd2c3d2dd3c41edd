import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { BenchModule, BenchResult } from '../../../bench/result.ts';
import type { CliCommand } from '../command.ts';
import { repoRoot } from '../paths.ts';

export const benchCommand: CliCommand = {
  name: 'bench',
  summary: 'Run the benchmarks, print them against their targets, write bench-results.json',
  usage: 'Usage: sotto bench [--only NAME[,NAME]]\n\nRuns bench/*.bench.ts (or the named ones) and writes bench-results.json at the repo root.',
  async run(argv) {
    const { values } = parseArgs({ args: argv, options: { only: { type: 'string' } } });
    const dir = path.join(repoRoot, 'bench');
    const only = values.only?.split(',');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.ts') && (!only || only.includes(f.replace('.bench.ts', ''))));
    // Benchmark files are TypeScript, loaded by path at run time.
    const { register } = await import('tsx/esm/api');
    register();
    const results: BenchResult[] = [];
    for (const file of files.sort()) {
      const module = (await import(pathToFileURL(path.join(dir, file)).href)).default as BenchModule;
      console.log(`\n## ${module.title} (${file})`);
      try {
        for (const r of await module.run()) {
          results.push(r);
          console.log(`  ${r.ok ? 'ok  ' : 'MISS'} ${r.id.padEnd(44)} ${String(r.value).padStart(10)} ${r.unit.padEnd(6)} target ${r.target}`);
        }
      } catch (error) {
        console.error(`  FAILED: ${(error as Error).stack ?? error}`);
        results.push({ id: `${file}:error`, value: Number.NaN, unit: '', target: 'runs', ok: false });
      }
    }
    await writeFile(path.join(repoRoot, 'bench-results.json'), JSON.stringify(results, null, 2) + '\n');
    const missed = results.filter((r) => !r.ok).length;
    console.log(`\n${results.length} figures, ${missed} missed their target; written to bench-results.json`);
    return 0;
  },
};
