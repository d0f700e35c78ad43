/** The wait a server asks for, in each form servers send it. */
import { readServerError, retryAfterSeconds } from '../../../src/agent/llm/llm-status-error';

describe('retryAfterSeconds', () => {
  const now = () => Date.parse('2026-03-10T12:00:00Z');

  it.each([
    [{ 'retry-after': '17' }, 17],
    [{ 'retry-after': '0.4' }, 1],
    [{ 'retry-after': 'Tue, 10 Mar 2026 12:00:30 GMT' }, 30],
    [{ 'retry-after': 'Tue, 10 Mar 2026 11:00:00 GMT' }, 0],
    [{ 'retry-after-ms': '1500', 'retry-after': '9' }, 2],
    [{ 'retry-after': 'soon' }, undefined],
    [{}, undefined],
  ])('%j → %s', (headers, expected) => {
    expect(retryAfterSeconds(headers, now)).toBe(expected);
  });
});

describe('readServerError', () => {
  it.each([
    ['Anthropic', '{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}', { message: 'slow down', type: 'rate_limit_error' }],
    ['OpenAI', '{"error":{"message":"nope","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}', { message: 'nope', type: 'insufficient_quota', code: 'insufficient_quota' }],
    ['Ollama', '{"error":"model \\"x\\" not found"}', { message: 'model "x" not found' }],
    ['vLLM (flat)', '{"object":"error","message":"bad","type":"BadRequestError","code":400}', { message: 'bad', type: 'BadRequestError' }],
    ['HTML', '<h1>502</h1>', {}],
  ])('%s', (_name, body, expected) => {
    expect(readServerError(body)).toEqual(expected);
  });
});
