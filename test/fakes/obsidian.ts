/**
 * A small, faithful fake of the `obsidian` module for Jest (mapped in
 * jest.config.js). Signatures follow obsidian.d.ts 1.13 for what is
 * implemented; the vault works on a real folder. Members marked "Fake-only"
 * do not exist in Obsidian: they are for tests (driving the fake, or looking
 * at what the plugin did). Tests import those from this file directly.
 */
import type { App as ObsidianApp } from 'obsidian';
import type { App } from './obsidian/app';
import { FakeElement } from './obsidian/element';

export { normalizePath } from './obsidian/normalize-path';
export { Events, listenerErrors, type EventRef } from './obsidian/events';
export { TAbstractFile, TFile, TFolder, type FileStats } from './obsidian/files';
export { FileSystemAdapter, type DataWriteOptions, type ListedFiles, type Stat } from './obsidian/adapter';
export { Vault } from './obsidian/vault';
export { MetadataCache, type CachedMetadata } from './obsidian/metadata-cache';
export { FileManager } from './obsidian/file-manager';
export { parseYaml, stringifyYaml } from './obsidian/yaml-frontmatter';
export { Workspace, WorkspaceLeaf } from './obsidian/workspace';
export { App, SecretStorage, CommandRegistry, createTestApp, type TestAppOptions } from './obsidian/app';
export { Component, Plugin, PluginSettingTab, SettingTab, loadPlugin, type Command, type PluginManifest } from './obsidian/plugin';
export {
  BaseComponent,
  ValueComponent,
  AbstractTextComponent,
  TextComponent,
  TextAreaComponent,
  ToggleComponent,
  DropdownComponent,
  ButtonComponent,
  ExtraButtonComponent,
  SecretComponent,
} from './obsidian/components';
export { Setting, findSetting, findSettings } from './obsidian/setting';
export { Notice, Modal } from './obsidian/ui';
export { FakeElement, type DomElementInfo } from './obsidian/element';
export { Platform, apiVersion, requireApiVersion, debounce, setIcon, type Debouncer } from './obsidian/platform';
export {
  requestUrl,
  request,
  setRequestUrlHandler,
  RequestUrlError,
  type RequestUrlParam,
  type RequestUrlResponse,
  type RequestUrlResponsePromise,
  type RequestUrlHandler,
  type FakeHttpReply,
} from './obsidian/request-url';

// Plugin code calls `window.setInterval` and friends (Obsidian's popout-safe
// timers). Jest runs in Node, where the global object plays `window`.
const g = globalThis as { window?: unknown };
if (g.window === undefined) g.window = globalThis;

/** Fake-only: a detached element, e.g. a container for a `Setting` in a test. */
export function createFakeElement(tag = 'div'): FakeElement {
  return new FakeElement(tag);
}

/**
 * Fake-only: the fake app typed as the real `App`, for code under test that is
 * written against the `obsidian` types (e.g. `new ObsidianVault(asObsidianApp(app))`).
 * At run time it is the fake, since Jest maps `obsidian` here.
 */
export function asObsidianApp(app: App): ObsidianApp {
  return app as unknown as ObsidianApp;
}
