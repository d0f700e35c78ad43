import { defineConfig, globalIgnores } from 'eslint/config';
import obsidianmd from 'eslint-plugin-obsidianmd';
import { DEFAULT_ACRONYMS } from './node_modules/eslint-plugin-obsidianmd/dist/lib/rules/ui/acronyms.js';

export default defineConfig([
  globalIgnores(['node_modules/', 'main.js', 'dist/', 'coverage/', 'demo-vault/', '.bench/', 'jest.config.js', 'version-bump.mjs', 'esbuild.config.mjs']),
  ...obsidianmd.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['eslint.config.mjs'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // The plugin's own list, plus the two this product's UI names: the CEO briefing and ISO weeks.
      'obsidianmd/ui/sentence-case': ['warn', { acronyms: [...DEFAULT_ACRONYMS, 'CEO', 'ISO'] }],
      // TypeScript already reports undefined names, and knows jest's globals from @types/jest.
      'no-undef': 'off',
    },
  },
  {
    // Headless code runs in Node only (the CLI, the file-system vault, the bench, the tests):
    // Node built-ins are its platform, not a desktop-only risk.
    files: ['src/cli/**/*.ts', 'src/vault/fs-vault.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    rules: {
      'obsidianmd/no-nodejs-modules': 'off',
      'obsidianmd/prefer-window-timers': 'off',
      'obsidianmd/no-global-this': 'off',
      'import/no-nodejs-modules': 'off',
      // Headless: there is no Vault#configDir outside Obsidian, and no requestUrl.
      'obsidianmd/hardcoded-config-path': 'off',
      'no-restricted-globals': 'off',
    },
  },
  {
    // Odoo's transports use Node's http(s) (the plugin is desktop-only): requestUrl has no
    // timeout or abort, and the xmlrpc package is built on Node's http.
    files: ['src/accounting/odoo/transport/**/*.ts'],
    rules: {
      'obsidianmd/no-nodejs-modules': 'off',
      'import/no-nodejs-modules': 'off',
    },
  },
  {
    // The core runs in Node as well as in Obsidian, where `window` does not exist.
    // The plugin injects window timers where the core lets it (scheduler, runtime).
    files: ['src/core/**/*.ts', 'src/vault/**/*.ts', 'src/accounting/**/*.ts'],
    rules: {
      'obsidianmd/prefer-window-timers': 'off',
    },
  },
  {
    // minAppVersion is 1.11.4 (SecretStorage); getSettingDefinitions needs 1.13, so display() stays.
    files: ['src/plugin/settings-tab.ts'],
    rules: {
      'obsidianmd/settings-tab/prefer-setting-definitions': 'off',
    },
  },
  {
    // Tests of the fake itself exercise the raw calls the rules warn about.
    files: ['test/fakes/**/*.ts'],
    rules: {
      'obsidianmd/prefer-file-manager-trash-file': 'off',
    },
  },
]);
