/**
 * The briefing template shipped with the plugin. A string constant rather
 * than a file, so it is bundled into main.js and the CLI alike. It only
 * places the view model's pre-formatted parts (see `briefing-view.ts`);
 * owners who want another layout write their own in the vault, starting
 * from a copy of this one.
 *
 * Block tags (`{{#if}}`, `{{else}}`, `{{/each}}`) stand on lines of their
 * own, which Handlebars removes whole, so they leave no blank lines behind.
 */
export const DEFAULT_BRIEFING_TEMPLATE = `# {{title}}

**Week**: {{week.range}}
**Generated**: {{generated}}

## Executive Summary

{{#if summary}}
{{summary}}
{{else}}
No summary this week.
{{/if}}

{{#if finance}}
## Revenue

{{#if finance.revenueTable}}
{{table finance.revenueTable}}
{{else}}
No revenue this week.
{{/if}}

{{finance.monthToDate}}

## Expenses

{{#if finance.expensesTable}}
{{table finance.expensesTable}}
{{else}}
No expenses this week.
{{/if}}

## Profit

{{finance.profit}}

## Cash and receivables

{{finance.cash}}

{{table finance.receivablesTable}}

## Compared with last week

{{table finance.comparisonTable}}

{{finance.source}}
{{else}}
## Finance

{{financeMissing}}
{{/if}}

{{#if tasks}}
## Bottlenecks

{{#if tasks.bottlenecksTable}}
{{table tasks.bottlenecksTable}}
{{else}}
No bottlenecks: every task finished within its expected time.
{{/if}}

## Task Summary

{{table tasks.summaryTable}}

- {{tasks.averageTime}}
- {{tasks.backlog}}
{{else}}
## Tasks

{{tasksMissing}}
{{/if}}

## Action items

{{#each actionItems}}
{{add @index 1}}. {{this}}
{{else}}
No action items.
{{/each}}

## Actionable Insights

{{#each insights}}
{{add @index 1}}. {{this}}
{{else}}
No insights this week.
{{/each}}
{{#if notes.length}}

> [!note] About this briefing
{{#each notes}}
> - {{this}}
{{/each}}
{{/if}}

---
{{footer}}
`;
