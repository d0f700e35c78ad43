import type { Plugin } from 'obsidian';
import { defaultSettings, loadSettings, parseSettings, SettingsError, type Settings } from '../core/settings';

/**
 * Owns the plugin's settings: loads `data.json` through `migrate` + the zod
 * schema, and saves only candidates that validate. Invalid stored settings
 * never crash the plugin: the defaults are used and the problem is reported.
 */
export class SettingsStore {
  private current: Settings = defaultSettings();
  /** What was wrong with the stored settings at the last load, if anything. */
  loadProblem: string | null = null;

  constructor(private readonly plugin: Plugin) {}

  get value(): Settings {
    return this.current;
  }

  async load(): Promise<Settings> {
    const raw: unknown = await this.plugin.loadData();
    try {
      const { settings, migrated } = loadSettings(raw);
      this.current = settings;
      this.loadProblem = null;
      if (migrated) await this.plugin.saveData(settings);
    } catch (error) {
      this.current = defaultSettings();
      this.loadProblem = error instanceof SettingsError ? error.message : String(error);
    }
    return this.current;
  }

  /**
   * Applies `change` to a copy, validates it and saves it. Returns the problem
   * (naming the field) instead of saving when the result is invalid.
   */
  async update(change: (draft: Settings) => void): Promise<string | null> {
    const draft = structuredClone(this.current);
    change(draft);
    try {
      this.current = parseSettings(draft);
    } catch (error) {
      return error instanceof SettingsError ? error.problems.join('; ') : String(error);
    }
    await this.plugin.saveData(this.current);
    return null;
  }
}
