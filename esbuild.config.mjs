import esbuild from 'esbuild';
import { builtinModules } from 'node:module';

const production = process.argv[2] === 'production';

/**
 * zod re-exports every language's error messages as `z.locales` (over 250 KiB
 * minified), which a namespace re-export keeps in the bundle. The product
 * only uses English (zod's default, imported on its own by zod itself), so
 * the locales index is replaced by one that offers English alone.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales-en', namespace: 'zod-english-only' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, () => ({
      contents: "export { default as en } from 'zod/v4/locales/en.js';",
      resolveDir: process.cwd(),
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  target: 'es2022',
  logLevel: 'info',
  sourcemap: production ? false : 'inline',
  treeShaking: true,
  minify: production,
  plugins: [zodEnglishOnly],
};

/** The Obsidian plugin: main.js at the top level, next to manifest.json. */
const plugin = {
  ...common,
  entryPoints: ['src/plugin/main.ts'],
  outfile: 'main.js',
  platform: 'node',
  external: [
    'obsidian',
    'electron',
    '@codemirror/*',
    '@lezer/*',
    ...builtinModules,
    ...builtinModules.map((m) => `node:${m}`),
  ],
};

/** Headless entry points for Node: the CLI daemon and the bench. */
const node = {
  ...common,
  minify: false,
  platform: 'node',
  target: 'node20',
  external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
};

const builds = [
  plugin,
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...node, entryPoints: ['bench/main.ts'], outfile: 'dist/bench.js' },
];

if (production) {
  await Promise.all(builds.map((b) => esbuild.build(b)));
} else {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
}
