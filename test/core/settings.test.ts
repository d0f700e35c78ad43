import {
  defaultSettings,
  loadSettings,
  migrate,
  parseSettings,
  SETTINGS_VERSION,
  SettingsError,
  type Settings,
} from '../../src/core/settings';

/** The problems of the SettingsError `work` throws; fails the test when it throws nothing else. */
function problemsOf(work: () => unknown): string[] {
  try {
    work();
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
  throw new Error('expected a SettingsError, but nothing was thrown');
}

describe('defaultSettings', () => {
  it('gives the documented defaults', () => {
    const s = defaultSettings();
    expect(s.version).toBe(SETTINGS_VERSION);
    expect(s.rootFolder).toBe('');
    expect(s.folders).toEqual({
      inbox: 'Inbox',
      needsAction: 'Needs_Action',
      plans: 'Plans',
      pendingApproval: 'Pending_Approval',
      approved: 'Approved',
      rejected: 'Rejected',
      done: 'Done',
      briefings: 'Briefings',
      accounting: 'Accounting',
      logs: 'Logs',
      quarantine: 'Quarantine',
    });
    expect(s.files).toEqual({ dashboard: 'Dashboard.md', handbook: 'Company_Handbook.md', businessGoals: 'Business_Goals.md', briefingTemplate: 'Briefings/Template - CEO briefing.md' });
    expect(s.briefing).toEqual({ enabled: true, locale: '' });
    expect(s.schedules).toEqual({
      triageEveryMinutes: 5,
      dashboardEveryMinutes: 5,
      logMaintenanceEveryMinutes: 60,
      accountingSyncEveryMinutes: 5,
      agentEveryMinutes: 5,
      weeklyBriefingDay: 'monday',
      weeklyBriefingTime: '08:00',
    });
    expect(s.triage).toEqual({ maxFileBytes: 10 * 1024 * 1024, settleMs: 300 });
    expect(s.logs).toEqual({ retentionDays: 90, alertThreshold: 3, alertWindowMinutes: 60 });
    expect(s.runner).toEqual({ staleAfterSeconds: 120, heartbeatSeconds: 30 });
    expect(s.odoo).toMatchObject({ url: '', apiKeySecretId: 'ai-employee-odoo-api-key', protocol: 'auto', timeoutSeconds: 30, maxRetries: 3 });
    expect(s.agent).toEqual({
      enabled: true,
      reasoner: 'rules',
      llm: { provider: 'anthropic', baseUrl: '', model: '', timeoutSeconds: 60, maxTokens: 1024, fallbackToRules: true },
    });
  });

  it('refuses a briefing locale that is not a language tag', () => {
    expect(() => parseSettings({ briefing: { locale: 'not a locale!' } })).toThrow('briefing.locale: must be a language tag like en-US or de-DE');
    expect(parseSettings({ briefing: { locale: 'de-DE' } }).briefing.locale).toBe('de-DE');
  });

  it('asks for a model when the LLM reasoner is chosen', () => {
    expect(() => parseSettings({ agent: { reasoner: 'llm' } })).toThrow('agent.llm.model: needs a model name when the reasoner is llm');
    expect(parseSettings({ agent: { reasoner: 'llm', llm: { model: 'claude-sonnet-4-5' } } }).agent.llm.model).toBe('claude-sonnet-4-5');
  });

  it('returns a fresh object each time, so one caller cannot change another\'s defaults', () => {
    const a = defaultSettings();
    a.folders.inbox = 'Changed';
    expect(defaultSettings().folders.inbox).toBe('Inbox');
  });

  it('is what an empty object parses to, with a partial section filled in', () => {
    expect(parseSettings({})).toEqual(defaultSettings());
    const partial = parseSettings({ version: 1, schedules: { weeklyBriefingDay: 'friday' } });
    expect(partial.schedules).toEqual({ ...defaultSettings().schedules, weeklyBriefingDay: 'friday' });
  });
});

describe('migrate', () => {
  it('is pure: the input is not changed, even when the output is', () => {
    const input = { folders: { inbox: 'In' }, odoo: { url: 'https://x.odoo.com', apiKey: 'plain-secret' } };
    const snapshot = structuredClone(input);
    const { data, changed } = migrate(input);
    expect(changed).toBe(true);
    expect(input).toEqual(snapshot);
    expect(data).not.toBe(input);
    expect((data.odoo as Record<string, unknown>)).not.toBe(input.odoo);
  });

  it('reports no change for current data, and still returns a copy', () => {
    const input = { version: SETTINGS_VERSION, folders: { inbox: 'In' } };
    const { data, changed } = migrate(input);
    expect(changed).toBe(false);
    expect(data).toEqual(input);
    expect(data).not.toBe(input);
  });

  it.each<[string, unknown]>([
    ['no version at all', { odoo: { url: 'https://x.odoo.com', apiKey: 'plain-secret', username: 'me' } }],
    ['version 0 written out', { version: 0, odoo: { url: 'https://x.odoo.com', apiKey: 'plain-secret', username: 'me' } }],
  ])('brings version-0 data (%s) up to date and drops the plaintext odoo.apiKey', (_label, input) => {
    const { data, changed } = migrate(input);
    expect(changed).toBe(true);
    expect(data.version).toBe(SETTINGS_VERSION);
    expect(data.odoo).toEqual({ url: 'https://x.odoo.com', username: 'me' });
    expect(JSON.stringify(data)).not.toContain('plain-secret');
  });

  it.each<[string, unknown]>([
    ['odoo missing', {}],
    ['odoo null', { odoo: null }],
    ['odoo a string', { odoo: 'weird' }],
  ])('migrates version-0 data with %s without crashing', (_label, input) => {
    expect(migrate(input)).toMatchObject({ changed: true, data: { version: SETTINGS_VERSION } });
  });

  it('keeps keys it does not know, at the top and inside sections', () => {
    const input = { version: SETTINGS_VERSION, futureFeature: { on: true }, folders: { inbox: 'In', extra: 'x' } };
    expect(migrate(input).data).toEqual(input);
    expect(migrate({ futureFeature: 42 }).data).toEqual({ version: SETTINGS_VERSION, futureFeature: 42 });
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
  ])('treats %s (no data.json yet) as a changed, current-version object', (_label, input) => {
    expect(migrate(input)).toEqual({ data: { version: SETTINGS_VERSION }, changed: true });
  });

  it('refuses a version newer than this build, saying to update', () => {
    const problems = problemsOf(() => migrate({ version: SETTINGS_VERSION + 1 }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^version: /);
    expect(problems[0]).toContain('newer than this build understands');
    expect(problems[0]).toContain('update the plugin');
  });

  it.each<[string, unknown]>([
    ['a string', '1'],
    ['a fraction', 1.5],
    ['negative', -1],
    ['an object', { major: 1 }],
  ])('refuses a version that is %s with a message about the version, not about it being newer', (_label, version) => {
    const problems = problemsOf(() => migrate({ version }));
    expect(problems).toEqual([`version: must be a whole number like ${SETTINGS_VERSION}, not ${JSON.stringify(version)}`]);
  });

  it.each<[string, unknown]>([
    ['a string', 'hello'],
    ['an array', [1, 2]],
    ['a number', 7],
    ['a boolean', true],
  ])('refuses data.json that is %s with a clear SettingsError, not a crash', (_label, input) => {
    const problems = problemsOf(() => migrate(input));
    expect(problems).toEqual(['(settings): must be an object (data.json is not a JSON object)']);
  });
});

describe('parseSettings: every problem names its field', () => {
  it.each<[string, unknown, string]>([
    ['a time that does not exist', { schedules: { weeklyBriefingTime: '25:99' } }, 'schedules.weeklyBriefingTime: must be a time like 08:00'],
    ['a time without leading zero', { schedules: { weeklyBriefingTime: '8:00' } }, 'schedules.weeklyBriefingTime: must be a time like 08:00'],
    ['an unknown weekday', { schedules: { weeklyBriefingDay: 'funday' } }, 'schedules.weeklyBriefingDay: '],
    ['a zero interval', { schedules: { triageEveryMinutes: 0 } }, 'schedules.triageEveryMinutes: '],
    ['a fractional interval', { schedules: { dashboardEveryMinutes: 2.5 } }, 'schedules.dashboardEveryMinutes: '],
    ['a folder going up', { folders: { inbox: '../Outside' } }, 'folders.inbox: must stay inside the vault'],
    ['a folder going up in the middle', { folders: { plans: 'A/../../B' } }, 'folders.plans: must stay inside the vault'],
    ['a folder going up with backslashes', { folders: { inbox: '..\\Outside' } }, 'folders.inbox: must stay inside the vault'],
    ['a root folder going up', { rootFolder: 'Work/..' }, 'rootFolder: must stay inside the vault'],
    ['an empty folder', { folders: { done: '   ' } }, 'folders.done: must not be empty'],
    ['a folder that is the vault root', { folders: { inbox: '/' } }, 'folders.inbox: must name a folder or file inside the vault'],
    ['a folder that is "."', { folders: { inbox: './' } }, 'folders.inbox: must name a folder or file inside the vault'],
    ['a folder with a colon', { folders: { quarantine: 'C:Quarantine' } }, 'folders.quarantine: must not contain any of'],
    ['a folder that is a number', { folders: { inbox: 5 } }, 'folders.inbox: '],
    ['a section that is not an object', { folders: 'Inbox' }, 'folders: '],
    ['a file going up', { files: { dashboard: '../Dashboard.md' } }, 'files.dashboard: must stay inside the vault'],
    ['an Odoo URL that is not a URL', { odoo: { url: 'mycompany' } }, 'odoo.url: must be a URL'],
    ['an Odoo URL that is not web', { odoo: { url: 'javascript:alert(1)' } }, 'odoo.url: must be a URL'],
    ['an Odoo URL over FTP', { odoo: { url: 'ftp://odoo.example.com' } }, 'odoo.url: must be a URL'],
    ['an odd secret id', { odoo: { apiKeySecretId: 'My Key' } }, 'odoo.apiKeySecretId: must be lowercase letters, digits and dashes'],
    ['an unknown protocol', { odoo: { protocol: 'soap' } }, 'odoo.protocol: '],
    ['a tiny size limit', { triage: { maxFileBytes: 10 } }, 'triage.maxFileBytes: '],
    ['a negative settle time', { triage: { settleMs: -1 } }, 'triage.settleMs: '],
    ['a stale time too short', { runner: { staleAfterSeconds: 1 } }, 'runner.staleAfterSeconds: '],
    ['no retention', { logs: { retentionDays: 0 } }, 'logs.retentionDays: '],
    ['a wrong version', { version: 2 }, 'version: '],
  ])('%s', (_label, raw, expected) => {
    const problems = problemsOf(() => parseSettings(raw));
    expect(problems.some((p) => p.startsWith(expected))).toBe(true);
  });

  it('lists every problem at once, and the error message carries them all', () => {
    let caught: unknown;
    try {
      parseSettings({ schedules: { weeklyBriefingTime: '25:99' }, folders: { inbox: '../x' }, odoo: { url: 'nope' } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SettingsError);
    const error = caught as SettingsError;
    expect(error.name).toBe('SettingsError');
    expect(error.problems).toHaveLength(3);
    for (const field of ['schedules.weeklyBriefingTime', 'folders.inbox', 'odoo.url']) {
      expect(error.problems.some((p) => p.startsWith(`${field}: `))).toBe(true);
      expect(error.message).toContain(field);
    }
    expect(error.message).toMatch(/^Invalid settings: /);
  });

  it.each<[string, unknown, (s: Settings) => unknown, unknown]>([
    ['trims folder names', { folders: { inbox: '  In  ' } }, (s) => s.folders.inbox, 'In'],
    ['accepts a folder with dots in its name', { folders: { inbox: 'In..box' } }, (s) => s.folders.inbox, 'In..box'],
    ['accepts a nested folder', { folders: { plans: 'Work/Plans' } }, (s) => s.folders.plans, 'Work/Plans'],
    ['accepts midnight', { schedules: { weeklyBriefingTime: '00:00' } }, (s) => s.schedules.weeklyBriefingTime, '00:00'],
    ['accepts 23:59', { schedules: { weeklyBriefingTime: '23:59' } }, (s) => s.schedules.weeklyBriefingTime, '23:59'],
    ['accepts an http URL with a port', { odoo: { url: 'http://127.0.0.1:8069' } }, (s) => s.odoo.url, 'http://127.0.0.1:8069'],
    ['accepts an https URL', { odoo: { url: 'https://mycompany.odoo.com' } }, (s) => s.odoo.url, 'https://mycompany.odoo.com'],
    ['accepts an empty URL (no Odoo)', { odoo: { url: '' } }, (s) => s.odoo.url, ''],
    ['accepts settle time 0', { triage: { settleMs: 0 } }, (s) => s.triage.settleMs, 0],
  ])('%s', (_label, raw, pick, expected) => {
    expect(pick(parseSettings(raw))).toEqual(expected);
  });

  it('drops unknown keys from the parsed settings (they stay in the stored data via migrate)', () => {
    const parsed = parseSettings({ futureFeature: true }) as Settings & { futureFeature?: unknown };
    expect(parsed.futureFeature).toBeUndefined();
  });
});

describe('loadSettings', () => {
  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['an empty object', {}],
  ])('gives the defaults for %s and says it migrated', (_label, raw) => {
    expect(loadSettings(raw)).toEqual({ settings: defaultSettings(), migrated: true });
  });

  it('says nothing migrated for current data', () => {
    const { settings, migrated } = loadSettings({ version: SETTINGS_VERSION, folders: { inbox: 'In' } });
    expect(migrated).toBe(false);
    expect(settings.folders.inbox).toBe('In');
  });

  it('loads version-0 data with a plaintext key into settings without the key', () => {
    const { settings, migrated } = loadSettings({ odoo: { url: 'https://x.odoo.com', apiKey: 'plain-secret' } });
    expect(migrated).toBe(true);
    expect(settings.odoo.url).toBe('https://x.odoo.com');
    expect(JSON.stringify(settings)).not.toContain('plain-secret');
  });

  it.each<[string, unknown, string]>([
    ['a string', '{"version":1}', '(settings): must be an object'],
    ['an array', [{ version: 1 }], '(settings): must be an object'],
    ['a future version', { version: 99 }, 'version: 99 is newer'],
    ['a bad time', { version: 1, schedules: { weeklyBriefingTime: '25:99' } }, 'schedules.weeklyBriefingTime: '],
  ])('fails with a SettingsError naming the problem for %s', (_label, raw, expected) => {
    const problems = problemsOf(() => loadSettings(raw));
    expect(problems.some((p) => p.startsWith(expected))).toBe(true);
  });
});
