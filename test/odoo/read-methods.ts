/** Methods that only read, for access checks (the restricted user's AccessError says "access"). */
export const READ_METHODS: ReadonlySet<string> = new Set([
  'search', 'search_read', 'search_count', 'read', 'read_group', 'formatted_read_group', 'name_search', 'name_get', 'fields_get', 'exists', 'check_access_rights', 'has_access',
]);
