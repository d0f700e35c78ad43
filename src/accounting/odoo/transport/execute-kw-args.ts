/**
 * The positional `args` and the `kwargs` of an `execute_kw` call for a seam
 * that names every argument (as JSON-2 does).
 *
 * Record methods take their ids as `args[0]`. `create` is the exception among
 * model methods: Odoo's `call_kw` answers it with
 * `result.id if isinstance(args[0], Mapping) else result.ids`, so a
 * `vals_list` passed by name leaves `args` empty and the call fails with an
 * IndexError (after creating, then rolling back). It is moved to `args[0]`.
 */
export function executeKwArgs(method: string, ids: number[] | null, kwargs: Record<string, unknown>): { args: unknown[]; kwargs: Record<string, unknown> } {
  if (ids) return { args: [ids], kwargs };
  if (method === 'create' && 'vals_list' in kwargs) {
    const { vals_list: valsList, ...rest } = kwargs;
    return { args: [valsList], kwargs: rest };
  }
  return { args: [], kwargs };
}
