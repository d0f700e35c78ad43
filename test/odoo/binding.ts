/**
 * Binds RPC arguments onto a method's parameters the way Python does, with
 * Python's own TypeError messages: `call_kw` calls `method(recs, *args,
 * **kwargs)` (messages name the qualified function), JSON-2 checks
 * `inspect.signature(func).bind(records, **kwargs)` (messages without a name).
 */
import { typeError } from './errors';
import type { MethodDef } from './model';

export interface BoundArguments {
  args: Record<string, unknown>;
  extra: Record<string, unknown>;
}

export function bindArguments(method: MethodDef, positional: unknown[], kwargs: Record<string, unknown>, style: 'call' | 'signature'): BoundArguments {
  const params = method.params;
  const fn = `${method.qualname}()`;
  if (positional.length > params.length) {
    if (style === 'signature') throw typeError('too many positional arguments');
    const required = params.filter((p) => p.required).length;
    const takes = required === params.length ? `${params.length + 1}` : `from ${required + 1} to ${params.length + 1}`;
    const word = required === params.length && params.length === 0 ? 'positional argument' : 'positional arguments';
    throw typeError(`${fn} takes ${takes} ${word} but ${positional.length + 1} were given`);
  }
  const args: Record<string, unknown> = {};
  positional.forEach((value, i) => {
    args[(params[i] as { name: string }).name] = value;
  });
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(kwargs)) {
    const param = params.find((p) => p.name === key);
    if (!param) {
      if (method.varKw) {
        extra[key] = value;
        continue;
      }
      throw typeError(style === 'signature' ? `got an unexpected keyword argument '${key}'` : `${fn} got an unexpected keyword argument '${key}'`);
    }
    if (key in args) throw typeError(style === 'signature' ? `multiple values for argument '${key}'` : `${fn} got multiple values for argument '${key}'`);
    args[key] = value;
  }
  const missing = params.filter((p) => p.required && !(p.name in args)).map((p) => p.name);
  if (missing.length > 0) {
    if (style === 'signature') throw typeError(`missing a required argument: '${missing[0]}'`);
    const quoted = missing.map((m) => `'${m}'`);
    const list = quoted.length === 1 ? quoted[0] : quoted.length === 2 ? `${quoted[0]} and ${quoted[1]}` : `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]}`;
    throw typeError(`${fn} missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${list}`);
  }
  return { args, extra };
}
