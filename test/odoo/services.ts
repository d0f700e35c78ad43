/**
 * Odoo's RPC services behind XML-RPC and JSON-RPC (`common`, `object`) and the
 * model-method call shared with JSON-2: authentication, access rights, private
 * and unknown methods, argument binding, and `call_kw`'s result adaptation.
 */
import type { Env, UserAccount } from './env';
import { accessDenied, accessError, attributeError, OdooError, typeError, unknownDatabase, valueError } from './errors';
import { accessMessage } from './base-methods';
import { bindArguments } from './binding';
import type { MethodDef, ModelDef } from './model';
import { asIds } from './orm';
import { READ_METHODS } from './read-methods';

export type RpcProtocol = 'xmlrpc' | 'jsonrpc' | 'json2';

export function versionInfo(env: Env): Record<string, unknown> {
  const serie = `${env.version}.0`;
  return { server_version: serie, server_version_info: [env.version, 0, 0, 'final', 0, ''], server_serie: serie, protocol_version: 1 };
}

function checkDatabase(env: Env, db: unknown): void {
  if (db !== env.options.database) throw unknownDatabase(String(db));
}

export function findUserByKey(env: Env, key: unknown): UserAccount | undefined {
  return env.users.find((u) => u.apiKey === key);
}

function authenticate(env: Env, db: unknown, login: unknown, password: unknown): number | false {
  checkDatabase(env, db);
  const user = env.users.find((u) => u.login === login);
  return user && user.apiKey === password ? user.uid : false;
}

/** `common` service: version, authenticate, login. */
export function commonService(env: Env, method: string, params: unknown[]): unknown {
  switch (method) {
    case 'version':
      return versionInfo(env);
    case 'authenticate':
      if (params.length < 4) throw typeError(`exp_authenticate() missing ${4 - params.length} required positional argument${params.length === 3 ? '' : 's'}`);
      return authenticate(env, params[0], params[1], params[2]);
    case 'login':
      if (params.length < 3) throw typeError(`exp_login() missing ${3 - params.length} required positional argument${params.length === 2 ? '' : 's'}`);
      return authenticate(env, params[0], params[1], params[2]);
    case 'about':
      return 'See http://openerp.com';
    default:
      throw new OdooError('builtins.KeyError', `'exp_${method}'`);
  }
}

/** `object` service: execute_kw / execute with the database, uid and password checked first. */
export function objectService(env: Env, method: string, params: unknown[], protocol: RpcProtocol): unknown {
  const [db, uid, password] = params;
  checkDatabase(env, db);
  const user = env.users.find((u) => u.uid === Number(uid));
  if (!user || user.apiKey !== password) throw accessDenied();
  if (method === 'execute_kw') {
    const [, , , model, name, args, kwargs] = params;
    if (params.length < 6) throw typeError(`execute_kw() missing 1 required positional argument: 'args'`);
    if (!Array.isArray(args)) throw typeError(`'${typeof args}' object is not subscriptable`);
    const kw = kwargs === undefined || kwargs === null || kwargs === false ? {} : kwargs;
    if (typeof kw !== 'object' || Array.isArray(kw)) throw typeError('argument after ** must be a mapping');
    return callKw(env, user, String(model), String(name), args as unknown[], kw as Record<string, unknown>, protocol);
  }
  if (method === 'execute') {
    const [, , , model, name, ...args] = params;
    return callKw(env, user, String(model), String(name), args, {}, protocol);
  }
  throw new OdooError('builtins.KeyError', `'Method not available ${method}'`);
}

/** Finds a public method like `get_public_method` / `check_method_name`, per version. */
export function publicMethod(env: Env, model: ModelDef, name: string): MethodDef {
  checkMethodName(env, model.name, name);
  const method = Object.prototype.hasOwnProperty.call(model.methods, name) ? model.methods[name] : undefined;
  if (!method) {
    if (env.version >= 19) throw attributeError(`The method '${model.name}.${name}' does not exist`);
    if (env.version >= 17) throw attributeError(`The method '${name}' does not exist on the model '${model.name}'`);
    throw attributeError(`type object '${model.name}' has no attribute '${name}'`);
  }
  return method;
}

/** Private methods (`_x`) cannot be called remotely. */
function checkMethodName(env: Env, model: string, name: string): void {
  if (!name.startsWith('_')) return;
  throw accessError(env.version >= 19 ? `Private methods (such as '${model}.${name}') cannot be called remotely.` : `Private methods (such as ${name}) cannot be called remotely.`);
}

/** The access check a restricted user fails on accounting models. */
export function checkModelAccess(user: UserAccount, model: ModelDef, method: string): void {
  if (!user.restricted || !model.accounting) return;
  if (method === 'check_access_rights' || method === 'has_access' || method === 'fields_get') return; // they answer for themselves
  const operation = READ_METHODS.has(method) ? 'read' : method === 'create' ? 'create' : method === 'unlink' ? 'unlink' : method === 'write' ? 'write' : 'read';
  throw accessError(accessMessage(model, operation));
}

/** `odoo.api.call_kw` (and `odoo.service.model.execute_kw` before it). */
function callKw(env: Env, user: UserAccount, modelName: string, name: string, args: unknown[], kwargs: Record<string, unknown>, protocol: RpcProtocol): unknown {
  // Up to 18, execute_kw checks the method name before looking the model up.
  if (env.version <= 18) checkMethodName(env, modelName, name);
  const model = env.model(modelName);
  const method = publicMethod(env, model, name);
  checkModelAccess(user, model, name);
  let positional = args;
  let ids: number[] = [];
  if (method.api === 'multi') {
    if (args.length === 0) throw new OdooError('builtins.IndexError', 'list index out of range');
    ids = asIds(args[0]);
    positional = args.slice(1);
  }
  const { context, ...rest } = kwargs;
  const bound = bindArguments(method, positional, rest, 'call');
  // call_kw answers create with `result.id if isinstance(args[0], Mapping) else result.ids`:
  // with vals_list passed by keyword, args[0] does not exist and the call fails (rolled back).
  if (method.api === 'model_create' && positional.length === 0) throw new OdooError('builtins.IndexError', 'list index out of range');
  const result = method.run({ env, model, uid: user.uid, context: asContext(context), ids, args: bound.args, extra: bound.extra, protocol });
  if (method.api === 'model_create') {
    const created = result as number[];
    const first = positional[0];
    return first !== null && typeof first === 'object' && !Array.isArray(first) ? created[0] : created;
  }
  return result;
}

export function asContext(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null || value === false) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw valueError(`Invalid context ${JSON.stringify(value)}`);
  return value as Record<string, unknown>;
}

/** The JSON-2 call: named arguments only, `ids` and `context` apart. */
export function json2Call(env: Env, user: UserAccount, modelName: string, name: string, body: Record<string, unknown>): unknown {
  const model = env.models.get(modelName);
  if (!model) throw new OdooError('werkzeug.exceptions.NotFound', `the model '${modelName}' does not exist`, [`the model '${modelName}' does not exist`, 404]);
  const { ids: rawIds, context, ...kwargs } = body;
  let method: MethodDef;
  try {
    method = publicMethod(env, model, name);
  } catch (err) {
    if (err instanceof OdooError && err.pyName === 'builtins.AttributeError') {
      throw new OdooError('werkzeug.exceptions.NotFound', err.message, [err.message, 404]);
    }
    throw err;
  }
  const ids = rawIds === undefined ? [] : asIds(rawIds);
  if (method.api !== 'multi' && ids.length > 0) throw unprocessable(`cannot call ${modelName}.${name} with ids`);
  let bound;
  try {
    bound = bindArguments(method, [], kwargs, 'signature');
  } catch (err) {
    if (err instanceof OdooError) throw unprocessable(err.message);
    throw err;
  }
  checkModelAccess(user, model, name);
  const result = method.run({ env, model, uid: user.uid, context: asContext(context), ids, args: bound.args, extra: bound.extra, protocol: 'json2' });
  return result;
}

function unprocessable(message: string): OdooError {
  return new OdooError('werkzeug.exceptions.UnprocessableEntity', message, [message, 422]);
}
