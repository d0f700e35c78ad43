import Module from 'node:module';
import { readFileSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import * as fakeObsidian from '../test/fakes/obsidian';
import { percentile, report, tempDir } from './bench-util';

interface PluginLike {
  load(): void;
  unload(): void;
  loading: Promise<void>;
}
type PluginClass = new (app: unknown, manifest: unknown) => PluginLike;

/**
 * Loads the built `main.js` the way Obsidian does (CommonJS, `obsidian`
 * provided by the host), here over the test fake, and times `onload` until
 * its promise settles. The layout is not ready yet, so this is the work
 * `onload` itself does, which is what delays Obsidian's start.
 */
export async function benchPluginOnload(mainJs: string, runs: number): Promise<void> {
  const moduleWithLoad = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const originalLoad = moduleWithLoad._load;
  moduleWithLoad._load = function (request: string, ...rest: unknown[]) {
    if (request === 'obsidian') return fakeObsidian;
    return originalLoad.call(this, request, ...rest);
  };
  const { dir, cleanup } = tempDir('onload');
  try {
    const load = Module.createRequire(nodePath.resolve(mainJs));
    const exported = load(nodePath.resolve(mainJs)) as { default: PluginClass };
    const manifest = JSON.parse(readFileSync(nodePath.join(nodePath.dirname(mainJs), 'manifest.json'), 'utf8')) as unknown;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const app = fakeObsidian.createTestApp(nodePath.join(dir, `vault-${i}`));
      const plugin = new exported.default(app, manifest);
      const started = performance.now();
      plugin.load();
      await plugin.loading;
      times.push(performance.now() - started);
      plugin.unload();
    }
    times.sort((a, b) => a - b);
    const median = percentile(times, 50);
    report(`Plugin onload, median of ${runs}`, `${median.toFixed(2)} ms`, '< 20 ms', median < 20);
  } finally {
    moduleWithLoad._load = originalLoad;
    cleanup();
  }
}

export function benchBundleSize(mainJs: string): void {
  const bytes = statSync(mainJs).size;
  report('main.js size', `${(bytes / 1024).toFixed(1)} KiB`, '< 1 MiB', bytes < 1024 * 1024);
}
