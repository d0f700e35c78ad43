/**
 * Test-controlled failures: which request an injection hits and how many
 * times, so tests can make Odoo slow, broken, or crash after committing.
 */
import type { FakeOdooCall, FakeOdooInjection } from './fake-odoo-types';

interface Armed {
  injection: FakeOdooInjection;
  remaining: number;
}

function matches(pattern: string | RegExp | undefined, value: string): boolean {
  if (pattern === undefined) return true;
  return typeof pattern === 'string' ? pattern === value : pattern.test(value);
}

export class Injections {
  private armed: Armed[] = [];

  add(injection: FakeOdooInjection): void {
    this.armed.push({ injection, remaining: injection.times ?? 1 });
  }

  clear(): void {
    this.armed = [];
  }

  /** The first armed injection matching the call, used up once. */
  take(call: FakeOdooCall): FakeOdooInjection | undefined {
    const hit = this.armed.find(({ injection: { match }, remaining }) => {
      if (remaining <= 0) return false;
      if (!match) return true;
      return (match.protocol === undefined || match.protocol === call.protocol) && matches(match.name, call.name) && matches(match.path, call.path);
    });
    if (!hit) return undefined;
    hit.remaining -= 1;
    this.armed = this.armed.filter((a) => a.remaining > 0);
    return hit.injection;
  }
}
