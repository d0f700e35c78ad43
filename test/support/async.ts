/** Small async helpers the test servers and test kits share. */

/** The error a promise rejects with, when it is of `type`; fails the test if it resolves or throws something else. */
export async function rejectionOf<E extends Error>(promise: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof type) return error;
    throw new Error(`expected ${type.name}, got ${String(error)}`);
  }
  throw new Error('expected a rejection, but the promise resolved');
}

/** A pause whose timer a test server can clear when it closes, so jest never waits on it. */
export function trackedSleep(timers: Set<NodeJS.Timeout>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      resolve();
    }, ms);
    timers.add(timer);
  });
}
