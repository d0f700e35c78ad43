/**
 * The comment markers that fence the generated part of `Dashboard.md`. The
 * dashboard writer replaces only what lies between them, so anything the user
 * writes above or below survives every refresh.
 */
export const DASHBOARD_START_MARKER = '<!-- ai-employee:dashboard:start -->';
export const DASHBOARD_END_MARKER = '<!-- ai-employee:dashboard:end -->';
