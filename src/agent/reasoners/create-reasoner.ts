/**
 * The reasoner the settings ask for. The rules are the default and need
 * nothing. With an LLM configured, its failures (unreachable, timed out, an
 * answer that is not a valid plan) are logged and, unless the settings say
 * otherwise, the rules decide instead, so one bad answer never stalls the work.
 */
import type { ErrorLogger } from '../../core/logs/log-types';
import type { SecretsPort } from '../../core/secrets';
import type { Settings } from '../../core/settings';
import { createLlmClient } from '../llm/create-llm-client';
import { isLlmError } from '../llm/llm-error';
import type { LlmClient } from '../llm/llm-types';
import type { SkillRegistry } from '../skills/registry';
import { LlmPlanRejected, LlmReasoner } from './llm-reasoner';
import type { ReasonInput, Reasoner, Reasoning } from './reasoner';
import { RulesReasoner } from './rules-reasoner';

/** Where each provider's public API lives when no base URL is set. */
export const DEFAULT_LLM_URLS = { anthropic: 'https://api.anthropic.com', openai: 'https://api.openai.com/v1' } as const;

/** Tries the LLM; on any failure logs it and asks the rules. */
export class FallbackReasoner implements Reasoner {
  readonly kind: string;

  constructor(
    private readonly primary: Reasoner,
    private readonly fallback: Reasoner,
    private readonly errors: ErrorLogger,
  ) {
    this.kind = `${primary.kind}+${fallback.kind}`;
  }

  async reason(input: ReasonInput): Promise<Reasoning> {
    try {
      return await this.primary.reason(input);
    } catch (error) {
      const why = describeFailure(error);
      await this.errors.log({
        source: 'agent.reasoner',
        error: error instanceof LlmPlanRejected ? 'LlmPlanRejected' : error,
        severity: 'WARNING',
        message: `The LLM could not plan ${input.task.path}: ${why}. Nothing it said was executed; the rules decided instead.`,
        context: { task: input.task.path, ...(error instanceof LlmPlanRejected ? { answer: error.answer.slice(0, 2000) } : {}) },
      });
      const reasoning = await this.fallback.reason(input);
      return { ...reasoning, notes: [`The LLM's answer was not used (${why}); the rules decided.`, ...reasoning.notes] };
    }
  }
}

function describeFailure(error: unknown): string {
  if (isLlmError(error)) return error.describe();
  return error instanceof Error ? error.message : String(error);
}

/**
 * The configured LLM's client (null when the rules are chosen); the agent
 * and the briefing's summary share it. A setting that cannot work throws an
 * `LlmConfigError` naming the field.
 */
export async function configuredLlm(settings: Settings, secrets: SecretsPort): Promise<{ client: LlmClient; label: string } | null> {
  if (settings.agent.reasoner !== 'llm') return null;
  const llm = settings.agent.llm;
  const client = createLlmClient({
    provider: llm.provider,
    baseUrl: llm.baseUrl || DEFAULT_LLM_URLS[llm.provider],
    model: llm.model,
    apiKey: (await secrets.get('LLM_API_KEY')) ?? '',
    timeoutMs: llm.timeoutSeconds * 1000,
    maxTokens: llm.maxTokens,
  });
  return { client, label: `llm:${llm.provider}/${llm.model}` };
}

export async function createReasoner(settings: Settings, secrets: SecretsPort, registry: SkillRegistry, errors: ErrorLogger): Promise<Reasoner> {
  const rules = new RulesReasoner();
  const llm = settings.agent.llm;
  try {
    const configured = await configuredLlm(settings, secrets);
    if (!configured) return rules;
    const reasoner = new LlmReasoner(configured.client, registry);
    return llm.fallbackToRules ? new FallbackReasoner(reasoner, rules, errors) : reasoner;
  } catch (error) {
    if (!llm.fallbackToRules) throw error;
    await errors.log({ source: 'agent.reasoner', error, severity: 'ERROR', message: `The LLM settings cannot work (${describeFailure(error)}); the rules decide until they are fixed.` });
    return rules;
  }
}
