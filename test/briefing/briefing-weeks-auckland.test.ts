/**
 * Week bounds across New Zealand's daylight-saving changes (Pacific/Auckland,
 * UTC+13 in summer, +12 in winter; a week there starts while it is still
 * Sunday in UTC). NZDT ends on Sunday 2026-04-05 (03:00 becomes 02:00) and
 * starts on Sunday 2026-09-27 (02:00 becomes 03:00).
 *
 * @jest-environment ./test/core/scheduler/timezone-environment.ts
 * @timezone Pacific/Auckland
 */
import { dstWeekTests } from './briefing-tz-kit';

dstWeekTests('Pacific/Auckland', [
  { name: '2026-W14, when summer time ends', week: { year: 2026, week: 14 }, monday: '2026-03-30', sunday: '2026-04-05', sundayHours: 25 },
  { name: '2026-W39, when summer time starts', week: { year: 2026, week: 39 }, monday: '2026-09-21', sunday: '2026-09-27', sundayHours: 23 },
]);
