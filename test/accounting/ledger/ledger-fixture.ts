import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { VaultLedger } from '../../../src/accounting/ledger/vault-ledger';
import { ManualClock } from '../../../src/core/clock';
import { resolveLayout, type VaultLayout } from '../../../src/core/layout';
import { defaultSettings } from '../../../src/core/settings';
import { FsVault } from '../../../src/vault/fs-vault';
import { CONTRACT_CLOCK_START } from '../accounting-port-contract';

/** A vault ledger over a fresh temporary directory, with the helpers the ledger tests share. */
export interface LedgerFixture {
  dir: string;
  vault: FsVault;
  layout: VaultLayout;
  clock: ManualClock;
  ledger: VaultLedger;
  /** Another ledger over the same vault: what a second process would see. */
  another: () => VaultLedger;
  /** The absolute path of a vault path. */
  abs: (vaultPath: string) => string;
  readNote: (vaultPath: string) => string;
  writeNote: (vaultPath: string, content: string) => void;
  /** Edits a note on disk as a person would, and moves its mtime on so the change is seen. */
  editNote: (vaultPath: string, edit: (content: string) => string) => void;
  cleanup: () => Promise<void>;
}

let bump = 0;

export function makeLedgerFixture(start: string = CONTRACT_CLOCK_START, currency = 'USD'): LedgerFixture {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-employee-ledger-'));
  const vault = new FsVault(dir);
  const layout = resolveLayout(defaultSettings());
  const clock = new ManualClock(start);
  const make = () => new VaultLedger({ vault, layout, clock, currency });
  const abs = (p: string) => path.join(dir, ...p.split('/'));
  const writeNote = (p: string, content: string) => {
    fs.mkdirSync(path.dirname(abs(p)), { recursive: true });
    fs.writeFileSync(abs(p), content, 'utf8');
  };
  return {
    dir,
    vault,
    layout,
    clock,
    ledger: make(),
    another: make,
    abs,
    readNote: (p) => fs.readFileSync(abs(p), 'utf8'),
    writeNote,
    editNote: (p, edit) => {
      const before = fs.statSync(abs(p)).mtime;
      writeNote(p, edit(fs.readFileSync(abs(p), 'utf8')));
      // Some file systems keep whole-second mtimes: make sure the edit is a new version.
      bump += 1;
      const after = new Date(before.getTime() + 2000 + bump);
      fs.utimesSync(abs(p), after, after);
    },
    cleanup: async () => {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
