import { ManualClock } from '../../src/core/clock';
import { EventBus } from '../../src/core/event-bus';
import type { EventMap, EventName } from '../../src/core/events';
import { ErrorLog } from '../../src/core/logs/error-log';
import type { ErrorEntry } from '../../src/core/logs/log-types';
import { TempVault } from './logs/temp-vault';

interface Failure {
  event: EventName;
  error: unknown;
}

const TRIAGED: EventMap['vault.task.triaged'] = {
  taskPath: 'Needs_Action/task.md',
  planPath: 'Plans/Plan_task.md',
  source: 'manual',
  priority: 'high',
  triggerId: 'trg-1',
};

/** A promise and the function that resolves it, to hold an async handler open. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('EventBus', () => {
  let failures: Failure[];
  let bus: EventBus;

  beforeEach(() => {
    failures = [];
    bus = new EventBus((event, error) => void failures.push({ event, error }));
  });

  it('hands every handler the payload, in subscription order, and only for its event', () => {
    const seen: string[] = [];
    bus.on('vault.task.triaged', (p) => void seen.push(`a:${p.taskPath}`));
    bus.on('vault.task.triaged', (p) => void seen.push(`b:${p.triggerId}`));
    bus.on('dashboard.refreshed', () => void seen.push('wrong event'));
    bus.emit('vault.task.triaged', TRIAGED);
    expect(seen).toEqual(['a:Needs_Action/task.md', 'b:trg-1']);
    expect(failures).toEqual([]);
  });

  it('does nothing when an event has no handlers', () => {
    expect(() => bus.emit('dashboard.refreshed', { path: 'Dashboard.md' })).not.toThrow();
    expect(bus.listenerCount('dashboard.refreshed')).toBe(0);
  });

  it('reports a throwing sync handler and still runs the others; emit returns normally', () => {
    const seen: string[] = [];
    const boom = new Error('sync boom');
    bus.on('vault.task.new', () => void seen.push('first'));
    bus.on('vault.task.new', () => {
      throw boom;
    });
    bus.on('vault.task.new', (p) => void seen.push(`third:${p.path}`));
    expect(() => bus.emit('vault.task.new', { path: 'Inbox/a.md', type: 'manual' })).not.toThrow();
    expect(seen).toEqual(['first', 'third:Inbox/a.md']);
    expect(failures).toEqual([{ event: 'vault.task.new', error: boom }]);
  });

  it('reports a rejecting async handler after drain, and still runs the others', async () => {
    const seen: string[] = [];
    const boom = new Error('async boom');
    bus.on('briefing.generated', async () => {
      await Promise.resolve();
      throw boom;
    });
    bus.on('briefing.generated', (p) => void seen.push(p.week));
    bus.emit('briefing.generated', { path: 'Briefings/x.md', week: '2026-W08' });
    expect(seen).toEqual(['2026-W08']);
    await bus.drain();
    expect(failures).toEqual([{ event: 'briefing.generated', error: boom }]);
  });

  it('reports a thrown non-Error value as it was thrown', async () => {
    bus.on('dashboard.refreshed', () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- third-party code can throw anything
      throw 'plain string';
    });
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the same for rejections
    bus.on('dashboard.refreshed', () => Promise.reject(42));
    bus.emit('dashboard.refreshed', { path: 'Dashboard.md' });
    await bus.drain();
    expect(failures.map((f) => f.error)).toEqual(['plain string', 42]);
  });

  it('unsubscribes: the handler is not called again, others still are, and unsubscribing twice is harmless', () => {
    const seen: string[] = [];
    const off = bus.on('dashboard.refreshed', () => void seen.push('off'));
    bus.on('dashboard.refreshed', () => void seen.push('on'));
    expect(bus.listenerCount('dashboard.refreshed')).toBe(2);
    off();
    off();
    bus.emit('dashboard.refreshed', { path: 'Dashboard.md' });
    expect(seen).toEqual(['on']);
    expect(bus.listenerCount('dashboard.refreshed')).toBe(1);
  });

  it('lets a handler unsubscribe itself while the event is being emitted', () => {
    const seen: number[] = [];
    const off = bus.on('dashboard.refreshed', () => {
      seen.push(1);
      off();
    });
    bus.on('dashboard.refreshed', () => void seen.push(2));
    bus.emit('dashboard.refreshed', { path: 'Dashboard.md' });
    bus.emit('dashboard.refreshed', { path: 'Dashboard.md' });
    expect(seen).toEqual([1, 2, 2]);
  });

  it('drain waits for every async handler started so far, including ones started while draining', async () => {
    const first = gate();
    const second = gate();
    const done: string[] = [];
    bus.on('dashboard.refreshed', async () => {
      await first.promise;
      done.push('first');
      // Emitting from inside a handler starts more async work that drain must also wait for.
      bus.emit('briefing.generated', { path: 'b.md', week: 'W' });
    });
    bus.on('briefing.generated', async () => {
      await second.promise;
      done.push('second');
    });
    bus.emit('dashboard.refreshed', { path: 'Dashboard.md' });
    let drained = false;
    const draining = bus.drain().then(() => {
      drained = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    first.open();
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toEqual(['first']);
    expect(drained).toBe(false);
    second.open();
    await draining;
    expect(done).toEqual(['first', 'second']);
  });

  it('drain resolves at once when nothing is pending', async () => {
    await expect(bus.drain()).resolves.toBeUndefined();
  });

  it('keeps going when the failure sink itself throws, for sync and async failures', async () => {
    const seen: string[] = [];
    const fragile = new EventBus(() => {
      throw new Error('the sink is broken');
    });
    fragile.on('dashboard.refreshed', () => {
      throw new Error('handler');
    });
    fragile.on('dashboard.refreshed', () => Promise.reject(new Error('async handler')));
    fragile.on('dashboard.refreshed', () => void seen.push('after'));
    expect(() => fragile.emit('dashboard.refreshed', { path: 'Dashboard.md' })).not.toThrow();
    await expect(fragile.drain()).resolves.toBeUndefined();
    expect(seen).toEqual(['after']);
  });

  it('uses a sink set later with setFailureSink', () => {
    const late: EventName[] = [];
    const plain = new EventBus();
    plain.on('dashboard.refreshed', () => {
      throw new Error('x');
    });
    plain.emit('dashboard.refreshed', { path: 'Dashboard.md' });
    plain.setFailureSink((event) => void late.push(event));
    plain.emit('dashboard.refreshed', { path: 'Dashboard.md' });
    expect(late).toEqual(['dashboard.refreshed']);
  });
});

describe('EventBus with the real ErrorLog', () => {
  const PATH = 'Logs/error_log.jsonl';
  let tmp: TempVault;
  let bus: EventBus;
  let log: ErrorLog;

  beforeEach(() => {
    tmp = new TempVault('ai-employee-bus-');
    bus = new EventBus();
    log = new ErrorLog({ vault: tmp.vault, path: PATH, clock: new ManualClock(new Date(2026, 1, 18, 9, 0)), bus });
    log.bindToBus(bus);
  });
  afterEach(() => tmp.cleanup());

  it('writes a failing sync or async handler to error_log.jsonl as source event_bus with the event in the context', async () => {
    const ran: string[] = [];
    bus.on('vault.task.triaged', () => {
      throw new TypeError('cannot read the plan');
    });
    bus.on('briefing.generated', async () => {
      await Promise.resolve();
      throw new Error('briefing handler failed');
    });
    bus.on('vault.task.triaged', () => void ran.push('other handler'));
    bus.emit('vault.task.triaged', TRIAGED);
    bus.emit('briefing.generated', { path: 'Briefings/x.md', week: '2026-W08' });
    await bus.drain();
    await log.drain();

    expect(ran).toEqual(['other handler']);
    const lines = tmp.lines<ErrorEntry>(PATH);
    expect(lines).toHaveLength(2);
    const byEvent = new Map(lines.map((l) => [l.context.event, l]));
    expect(byEvent.get('vault.task.triaged')).toMatchObject({
      source: 'event_bus',
      severity: 'ERROR',
      error: 'TypeError',
      context: { event: 'vault.task.triaged' },
    });
    expect(byEvent.get('vault.task.triaged')?.message).toContain('cannot read the plan');
    expect(byEvent.get('briefing.generated')).toMatchObject({ source: 'event_bus', error: 'Error', context: { event: 'briefing.generated' } });
  });

  it('logs a failing error.logged handler once, without feeding its own failure back in a loop', async () => {
    let calls = 0;
    bus.on('error.logged', () => {
      calls++;
      throw new Error('error.logged handler is broken');
    });
    bus.on('dashboard.refreshed', () => {
      throw new Error('first failure');
    });
    bus.emit('dashboard.refreshed', { path: 'Dashboard.md' });
    await bus.drain();
    await log.drain();
    await bus.drain();
    await log.drain();

    const events = tmp.lines<ErrorEntry>(PATH).map((l) => l.context.event);
    expect(events).toEqual(['dashboard.refreshed', 'error.logged']);
    expect(calls).toBe(1);
  });
});
