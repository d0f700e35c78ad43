/** A desktop app on the test machine's OS. */
export const Platform = {
  isDesktop: true,
  isMobile: false,
  isDesktopApp: true,
  isMobileApp: false,
  isIosApp: false,
  isAndroidApp: false,
  isPhone: false,
  isTablet: false,
  isMacOS: process.platform === 'darwin',
  isWin: process.platform === 'win32',
  isLinux: process.platform === 'linux',
  isSafari: false,
  resourcePathPrefix: 'app://local/',
};

export const apiVersion = '1.13.1';

/** Whether the (fake) app is at least `version`. */
export function requireApiVersion(version: string): boolean {
  const want = version.split('.').map(Number);
  const have = apiVersion.split('.').map(Number);
  for (let i = 0; i < Math.max(want.length, have.length); i++) {
    const d = (have[i] ?? 0) - (want[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}

export interface Debouncer<T extends unknown[], V> {
  (...args: [...T]): this;
  cancel(): this;
  run(): V | void;
}

/** Obsidian's `debounce`: calls `cb` `timeout` ms after the first (or, with `resetTimer`, the last) call. */
export function debounce<T extends unknown[], V>(cb: (...args: [...T]) => V, timeout = 0, resetTimer = false): Debouncer<T, V> {
  let timer: NodeJS.Timeout | null = null;
  let pending: [...T] | null = null;
  const fire = (): V | void => {
    if (timer) clearTimeout(timer);
    timer = null;
    const args = pending;
    pending = null;
    if (args) return cb(...args);
  };
  const debounced = ((...args: [...T]) => {
    pending = args;
    if (timer && resetTimer) clearTimeout(timer);
    if (!timer || resetTimer) timer = setTimeout(fire, timeout);
    return debounced;
  }) as Debouncer<T, V>;
  debounced.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    pending = null;
    return debounced;
  };
  debounced.run = fire;
  return debounced;
}

/** Records the icon on the element; there are no icons to draw in tests. */
export function setIcon(parent: { setAttr(name: string, value: string): void }, iconId: string): void {
  parent.setAttr('data-icon', iconId);
}
