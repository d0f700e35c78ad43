/**
 * The task part of the view model: bottlenecks with links to their notes,
 * the week's counts beside last week's, and the two lines that say how fast
 * work moved and whether the backlog grew.
 */
import { noteLink } from '../../vault/dashboard-format';
import type { TaskSection } from '../briefing-data';
import { days, signedDays } from './format-days';
import { md, type Cell, type MarkdownTable } from './format-markdown';

/** The task sections, ready to print. */
export interface TasksView {
  /** Task (linked), expected, actual, delay, root cause; null when every task finished in time. */
  bottlenecksTable: MarkdownTable | null;
  /** Received, completed, pending (the backlog) and awaiting approval, this week and last. */
  summaryTable: MarkdownTable;
  /** "Average time to completion: 1.4 days". */
  averageTime: string;
  /** "Backlog: up (5 → 7)". */
  backlog: string;
}

/** Builds the {@link TasksView}. */
export function tasksView(tasks: TaskSection): TasksView {
  const bottlenecksTable: MarkdownTable | null =
    tasks.bottlenecks.length === 0
      ? null
      : {
          headers: ['Task', 'Expected', 'Actual', 'Delay', 'Root Cause'],
          align: ['left', 'right', 'right', 'right', 'left'],
          rows: tasks.bottlenecks.map((b): Cell[] => [
            b.path ? md(noteLink(b.path, b.task)) : b.task,
            days(b.expectedDays),
            days(b.actualDays),
            signedDays(b.delayDays),
            b.rootCause,
          ]),
        };

  const summaryTable: MarkdownTable = {
    headers: ['Status', 'Count', 'Last week'],
    align: ['left', 'right', 'right'],
    rows: [
      ['Received', tasks.received.current, tasks.received.previous],
      ['Completed', tasks.completed.current, tasks.completed.previous],
      ['Pending (backlog)', tasks.pending.current, tasks.pending.previous],
      // Approvals are counted now only; there is no figure for last week.
      ['Awaiting approval', tasks.awaitingApproval, null],
    ],
  };

  const average = tasks.averageDaysToComplete;
  return {
    bottlenecksTable,
    summaryTable,
    averageTime: `Average time to completion: ${average === null ? 'no task was completed this week' : days(average)}`,
    backlog: `Backlog: ${tasks.backlogTrend} (${tasks.pending.previous} → ${tasks.pending.current})`,
  };
}

