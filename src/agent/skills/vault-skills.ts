import { z } from 'zod';
import { isoWithOffset } from '../../core/clock';
import { basename, joinVaultPath, stem } from '../../core/paths';
import { sha256Hex } from '../../vault/content-hash';
import { joinNote, splitNote } from '../../vault/frontmatter';
import { localDate, slugify } from '../../vault/task-naming';
import { archiveTask } from '../../vault/task-archiver';
import { VaultError } from '../../vault/vault-port';
import { name, text } from './param-types';
import { detailText, SkillError, type Skill, type SkillContext } from './skill';

export const SOCIAL_PLATFORMS = ['facebook', 'instagram', 'linkedin', 'x'] as const;

/** The longest post each network takes. */
const POST_LIMITS: Record<(typeof SOCIAL_PLATFORMS)[number], number> = { x: 280, instagram: 2200, linkedin: 3000, facebook: 5000 };

const summaryParams = z
  .object({
    platform: z.enum(SOCIAL_PLATFORMS, { error: `must be one of ${SOCIAL_PLATFORMS.join(', ')}` }),
    content: text('the post', 5000),
    client: name('the client').optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const limit = POST_LIMITS[p.platform];
    if (p.content.length > limit) ctx.addIssue({ code: 'custom', path: ['content'], message: `is ${p.content.length} characters; ${p.platform} takes at most ${limit}` });
  });

export type SummaryParams = z.infer<typeof summaryParams>;

/**
 * `Needs_Action/social_<platform>_<date>_<topic>_<key hash>.md`. A step run
 * again (after a crash, maybe the next day) finds the draft it wrote by the
 * key's hash, whatever date and topic its name was given then.
 */
async function draftPath(p: SummaryParams, ctx: SkillContext): Promise<string> {
  const hash = (await sha256Hex(ctx.idempotencyKey)).slice(0, 6);
  const prefix = `social_${p.platform}_`;
  const earlier = (await ctx.vault.list(ctx.layout.needsAction)).find((f) => basename(f.path).startsWith(prefix) && f.path.endsWith(`_${hash}.md`));
  if (earlier) return earlier.path;
  const topic = slugify(p.client ?? ctx.task.title, 30) || 'post';
  return joinVaultPath(ctx.layout.needsAction, `${prefix}${localDate(ctx.clock.now())}_${topic}_${hash}.md`);
}

/**
 * `social_generate_summary`: writes a post about the finished work as a
 * draft note (`type: social_post`, `status: draft`) for the social queue.
 * A post is for the public, so the owner always approves its text first;
 * publishing comes with the social integration.
 */
export const socialSummarySkill: Skill<SummaryParams> = {
  name: 'social_generate_summary',
  description: `Write a social media post draft about finished work (never published here). params: {platform: ${SOCIAL_PLATFORMS.join('|')}, content, client?}`,
  params: summaryParams,
  sensitivity: 'always',
  retry: 'transient',
  title: (p) => `Draft a ${p.platform === 'x' ? 'X' : p.platform[0]?.toUpperCase() + p.platform.slice(1)} post${p.client ? ` about the work for ${p.client}` : ''}`,
  amountOf: () => Promise.resolve(null),
  async execute(p, ctx) {
    const path = await draftPath(p, ctx);
    const frontmatter = {
      type: 'social_post',
      status: 'draft',
      platform: p.platform,
      client: p.client,
      created: isoWithOffset(ctx.clock.now()),
      approved: isoWithOffset(ctx.clock.now()),
      task: `[[${stem(ctx.task.path)}]]`,
      trigger_id: ctx.task.triggerId,
      idempotency_key: ctx.idempotencyKey,
    };
    const body = `\n${p.content}\n\n---\n*Draft for ${p.platform}, written from [[${stem(ctx.task.path)}]] and approved by you. It is published by the social queue; edit the text above until then.*\n`;
    try {
      await ctx.vault.create(path, joinNote(frontmatter, body));
    } catch (error) {
      if (!(error instanceof VaultError && error.code === 'exists')) throw error;
      const existing = splitNote(await ctx.vault.read(path)).frontmatter;
      if (existing.idempotency_key !== ctx.idempotencyKey) throw new SkillError(`${path} already exists and belongs to another post.`);
      return { summary: `Found the draft written earlier: ${basename(path)}`, details: { path, created: false } };
    }
    return { summary: `Wrote the ${p.platform} draft ${basename(path)}`, details: { path, created: true } };
  },
  async verify(_p, result, ctx) {
    const path = detailText(result, 'path');
    if (!(await ctx.vault.stat(path))) return `the draft ${path} is not there`;
    return splitNote(await ctx.vault.read(path)).frontmatter.idempotency_key === ctx.idempotencyKey ? null : `the draft ${path} belongs to another post`;
  },
};

const moveParams = z.object({ to: z.literal('done', { error: 'must be done (the only place a task is filed by a skill)' }), reason: text('why', 200) }).strict();
export type MoveParams = z.infer<typeof moveParams>;

/** `vault_move_task`: files a task that needs nothing more (a newsletter, a thank-you) in Done/ with its attachments. */
export const moveTaskSkill: Skill<MoveParams> = {
  name: 'vault_move_task',
  description: 'File the task in Done/ because nothing needs doing (newsletters, FYI, thanks). params: {to: "done", reason}',
  params: moveParams,
  sensitivity: 'none',
  retry: 'transient',
  title: (p) => `File the task in Done: ${p.reason}`,
  amountOf: () => Promise.resolve(null),
  async execute(p, ctx) {
    const { vault, layout, task } = ctx;
    if (!(await vault.stat(task.path))) {
      // Run again after it already filed the task (a crash before its result was saved): done.
      const filed = joinVaultPath(layout.done, basename(task.path));
      const note = (await vault.stat(filed)) ? splitNote(await vault.read(filed)).frontmatter : null;
      if (note?.filed_because === undefined) throw new SkillError(`The task ${task.path} is gone, so it cannot be filed.`);
      const plan = joinVaultPath(layout.done, basename(task.plan));
      return { summary: `Filed in ${layout.done}: ${p.reason}`, details: { task: filed, plan: (await vault.stat(plan)) ? plan : task.plan, attachments: [] } };
    }
    await vault.processFrontMatter(task.path, (fm) => {
      fm.status = 'done';
      fm.filed_because = p.reason;
    });
    // With its plan and attachments, links kept working, as when a finished plan is closed.
    const archived = await archiveTask({ vault, layout }, task.path, task.plan);
    return { summary: `Filed in ${layout.done}: ${p.reason}`, details: { task: archived.task, plan: archived.plan, attachments: archived.attachments } };
  },
  async verify(_p, result, ctx) {
    const path = detailText(result, 'task');
    return (await ctx.vault.stat(path)) ? null : `the task is not at ${path}`;
  },
};

const notifyParams = z.object({ message: text('what to tell the owner', 500), urgency: z.enum(['normal', 'high']).default('normal') }).strict();
export type NotifyParams = z.infer<typeof notifyParams>;

/** `notify_human`: tells the owner something needs them (the dashboard's "For your attention", a notice in Obsidian). */
export const notifyHumanSkill: Skill<NotifyParams> = {
  name: 'notify_human',
  description: 'Tell the owner something needs their attention. params: {message, urgency?: normal|high}',
  params: notifyParams,
  sensitivity: 'none',
  retry: 'transient',
  title: (p) => `Tell you: ${p.message.replace(/[.!]$/, '')}`,
  amountOf: () => Promise.resolve(null),
  async execute(p, ctx) {
    await ctx.notifier.notify({ level: p.urgency === 'high' ? 'alert' : 'info', message: p.message, task: ctx.task.path, kind: 'NeedsOwner' });
    return { summary: 'shown on the dashboard under "For your attention"', details: { message: p.message, urgency: p.urgency } };
  },
  verify: () => Promise.resolve(null),
};
