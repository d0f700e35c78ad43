import { Notice, type Plugin } from 'obsidian';
import { weekJustEnded } from '../briefing/briefing-week';
import { compareIsoWeeks, formatIsoWeek, isoWeekOf, type IsoWeek } from '../core/iso-week';
import { BriefingWeekModal } from './briefing-modal';
import type { PluginRunner } from './plugin-runner';

/**
 * "Generate CEO briefing" for any week: a person's own request, so it works
 * on any device (it writes one note in Briefings/, which no runner owns).
 */
export function registerBriefingCommand(plugin: Plugin, runner: PluginRunner): void {
  plugin.addCommand({
    id: 'generate-ceo-briefing',
    name: 'Generate CEO briefing',
    callback: () => {
      const suggested = formatIsoWeek(weekJustEnded(new Date()));
      new BriefingWeekModal(plugin.app, suggested, (week) => void generate(plugin, runner, week)).open();
    },
  });
}

async function generate(plugin: Plugin, runner: PluginRunner, week: IsoWeek): Promise<void> {
  const runtime = await runner.runtimeForRequest();
  if (!runtime) {
    new Notice('AI employee is still starting; try again in a moment.');
    return;
  }
  if (compareIsoWeeks(week, isoWeekOf(runtime.clock.now())) > 0) {
    new Notice(`${formatIsoWeek(week)} has not started yet; pick this week or an earlier one.`);
    return;
  }
  new Notice(`Writing the CEO briefing for ${formatIsoWeek(week)}…`);
  try {
    const { path, templateProblem } = await runtime.briefing.generate(week);
    new Notice(templateProblem ? `Briefing written to ${path}. ${templateProblem}` : `Briefing written to ${path}.`);
    const file = plugin.app.vault.getFileByPath(path);
    if (file) await plugin.app.workspace.getLeaf(false).openFile(file);
    if (runner.isActive) await runtime.dashboard.refresh();
  } catch (error) {
    new Notice(`The briefing was not written: ${error instanceof Error ? error.message : String(error)}`);
  }
}
