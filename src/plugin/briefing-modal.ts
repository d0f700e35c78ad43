import { Modal, Setting, type App } from 'obsidian';
import { parseIsoWeek, type IsoWeek } from '../core/iso-week';

/**
 * Asks which week the CEO briefing is for (the week just ended by default)
 * and hands the choice back; a week that is not a real ISO week is refused
 * in place, with what to type instead.
 */
export class BriefingWeekModal extends Modal {
  constructor(
    app: App,
    private readonly suggested: string,
    private readonly onChoose: (week: IsoWeek) => void,
  ) {
    super(app);
  }

  override onOpen(): void {
    const { contentEl } = this;
    this.setTitle('Generate CEO briefing');
    let value = this.suggested;
    const problem = contentEl.createEl('p', { cls: 'ai-employee-error' });
    new Setting(contentEl)
      .setName('Week')
      .setDesc('The ISO week number, as year-week. The default is the week that just ended.')
      .addText((text) => text.setPlaceholder(this.suggested).setValue(value).onChange((v) => (value = v)));
    new Setting(contentEl).addButton((button) =>
      button
        .setButtonText('Generate')
        .setCta()
        .onClick(() => {
          const week = parseIsoWeek(value);
          if (!week) {
            problem.setText(`"${value}" is not a week: write it like 2026-W05.`);
            return;
          }
          this.close();
          this.onChoose(week);
        }),
    );
  }

  override onClose(): void {
    this.contentEl.empty();
  }
}
