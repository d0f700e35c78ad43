/**
 * The real built CLI (dist/cli.js) as a child process: usage errors, `init`,
 * settings problems and `install-plugin`. The pipeline commands are in the
 * sibling cli-*.test.ts files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertCliBuilt, CLI_PATH, makeTempDir, removeDir, runCli } from './run-cli';

const LAYOUT_FOLDERS = [
  'Inbox',
  'Needs_Action',
  'Plans',
  'Pending_Approval',
  'Approved',
  'Rejected',
  'Done',
  'Briefings',
  'Accounting/Invoices',
  'Accounting/Expenses',
  'Logs/archive',
  'Quarantine',
];

let tmp: string;

beforeAll(() => assertCliBuilt());
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => removeDir(tmp));

describe('usage', () => {
  it('help prints the usage and exits 0', async () => {
    const r = await runCli(['help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: ai-employee <command> --vault DIR');
    expect(r.stdout).toContain('Exit codes: 0 success, 1 a job failed, 2 bad usage or bad configuration.');
    expect(r.stderr).toBe('');
  });

  it('no command at all shows the help too', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: ai-employee');
  });

  it('an unknown command exits 2 with the usage on stderr', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown command "frobnicate"');
    expect(r.stderr).toContain('Usage: ai-employee <command>');
    expect(r.stdout).toBe('');
  });

  it('an unknown flag exits 2 and names the flag', async () => {
    const r = await runCli(['once', '--nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--nope');
    expect(r.stderr).toContain('Usage: ai-employee');
  });

  it('once without --vault exits 2 and says to pass --vault', async () => {
    const r = await runCli(['once'], { cwd: tmp });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--vault');
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it.each([['0'], ['-5'], ['soon'], ['99999']])('--tick %s exits 2 with the allowed range', async (tick) => {
    const r = await runCli(['run', '--vault', tmp, `--tick=${tick}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--tick must be a number of seconds between 1 and 3600');
  });

  it.each([['once'], ['run'], ['doctor'], ['install-plugin']])('%s on a vault folder that does not exist exits 2 and creates nothing', async (command) => {
    const missing = path.join(tmp, 'no-such-vault');
    const r = await runCli([command, '--vault', missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`There is no folder at ${missing}`);
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('a vault path that is a file exits 2', async () => {
    const file = path.join(tmp, 'vault.txt');
    fs.writeFileSync(file, 'not a folder');
    const r = await runCli(['once', '--vault', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a file, not a vault folder');
  });

  it('version prints the manifest version', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(path.dirname(CLI_PATH), '..', 'manifest.json'), 'utf8')) as { version: string };
    const r = await runCli(['version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(manifest.version);
  });
});

describe('init', () => {
  it('creates the whole layout in a new folder, and keeps an edited handbook byte for byte on a second run', async () => {
    const vault = path.join(tmp, 'new-vault');
    const first = await runCli(['init', '--vault', vault]);
    expect(first.code).toBe(0);
    for (const folder of LAYOUT_FOLDERS) expect(fs.statSync(path.join(vault, folder)).isDirectory()).toBe(true);
    for (const file of ['Dashboard.md', 'Company_Handbook.md']) expect(fs.statSync(path.join(vault, file)).isFile()).toBe(true);

    const handbook = path.join(vault, 'Company_Handbook.md');
    const edited = Buffer.from(`${fs.readFileSync(handbook, 'utf8')}\n## My own rules\n\n- Always be polite to Mrs. Müller ✓\r\n`, 'utf8');
    fs.writeFileSync(handbook, edited);
    const dashboardBefore = fs.readFileSync(path.join(vault, 'Dashboard.md'));

    const second = await runCli(['init', '--vault', vault]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('folders created: none (all present)');
    expect(fs.readFileSync(handbook).equals(edited)).toBe(true);
    expect(fs.readFileSync(path.join(vault, 'Dashboard.md')).equals(dashboardBefore)).toBe(true);
  });

  it('recreates a folder the user deleted, leaving everything else alone', async () => {
    await runCli(['init', '--vault', tmp]);
    fs.rmSync(path.join(tmp, 'Plans'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'Inbox', 'keep-me.md'), 'mine');
    const r = await runCli(['init', '--vault', tmp]);
    expect(r.code).toBe(0);
    expect(fs.statSync(path.join(tmp, 'Plans')).isDirectory()).toBe(true);
    expect(fs.readFileSync(path.join(tmp, 'Inbox', 'keep-me.md'), 'utf8')).toBe('mine');
  });
});

describe('settings problems', () => {
  const writeSettings = (vault: string, content: string) => {
    const dir = path.join(vault, '.obsidian', 'plugins', 'ai-employee');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'data.json'), content);
  };

  it('an invalid value makes once exit 2, naming the field, before touching the vault', async () => {
    writeSettings(tmp, JSON.stringify({ version: 1, schedules: { weeklyBriefingTime: '25:99' } }));
    const r = await runCli(['once', '--vault', tmp]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('schedules.weeklyBriefingTime');
    expect(r.stderr).toContain('must be a time like 08:00');
    expect(r.stderr).toContain('data.json');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace for a configuration problem
    expect(fs.existsSync(path.join(tmp, 'Inbox'))).toBe(false);
  });

  it('broken JSON makes once exit 2 with a clear message', async () => {
    writeSettings(tmp, '{"version": 1, "folders": {');
    const r = await runCli(['once', '--vault', tmp]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not valid JSON');
    expect(r.stderr).toContain('Fix it or delete it to use the defaults');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('settings that are not an object (an array) make once exit 2', async () => {
    writeSettings(tmp, '[1, 2, 3]');
    const r = await runCli(['once', '--vault', tmp]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('must be an object');
  });

  it('settings from a newer version make doctor exit 2 and say to update', async () => {
    writeSettings(tmp, JSON.stringify({ version: 99 }));
    const r = await runCli(['doctor', '--vault', tmp]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('newer than this build understands');
  });

  it('valid custom folders are used by init', async () => {
    writeSettings(tmp, JSON.stringify({ version: 1, folders: { inbox: 'Drop Here' } }));
    const r = await runCli(['init', '--vault', tmp]);
    expect(r.code).toBe(0);
    expect(fs.statSync(path.join(tmp, 'Drop Here')).isDirectory()).toBe(true);
    expect(fs.existsSync(path.join(tmp, 'Inbox'))).toBe(false);
  });
});

describe('install-plugin', () => {
  it('copies main.js, manifest.json and styles.css into the vault plugin folder', async () => {
    const r = await runCli(['install-plugin', '--vault', tmp]);
    expect(r.code).toBe(0);
    const root = path.resolve(path.dirname(CLI_PATH), '..');
    const target = path.join(tmp, '.obsidian', 'plugins', 'ai-employee');
    expect(fs.readdirSync(target).sort()).toEqual(['main.js', 'manifest.json', 'styles.css']);
    for (const file of ['main.js', 'manifest.json', 'styles.css']) {
      expect(fs.readFileSync(path.join(target, file)).equals(fs.readFileSync(path.join(root, file)))).toBe(true);
    }
    expect(r.stdout).toContain(`Installed AI Employee into ${target}`);
  });

  it('keeps the settings already in the plugin folder', async () => {
    const target = path.join(tmp, '.obsidian', 'plugins', 'ai-employee');
    fs.mkdirSync(target, { recursive: true });
    fs.writeFileSync(path.join(target, 'data.json'), '{"version":1}');
    const r = await runCli(['install-plugin', '--vault', tmp]);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(target, 'data.json'), 'utf8')).toBe('{"version":1}');
  });
});
