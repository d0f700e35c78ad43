/** Which models a database has (per version and installed apps) and its seeded data. */
import type { Env } from './env';
import { accountModels, seedChart } from './models/accounts';
import { baseModels, seedBase } from './models/base-models';
import { moveLineModel } from './models/move-lines';
import { moveModel } from './models/moves';
import { paymentModels } from './models/payments';
import { expenseModels, productModel, seedEmployees, seedProducts } from './models/expenses';

export function registerModels(env: Env): void {
  const version = env.version;
  for (const model of [...baseModels(version), ...accountModels(version), moveModel(version), moveLineModel(version), ...paymentModels(version), productModel(version)]) env.register(model);
  // hr.expense (and the employees and expense products it needs) exist only with the app installed.
  if (env.options.hrExpense) for (const model of expenseModels(version)) env.register(model);
}

export function seedDatabase(env: Env, admin: { login: string; apiKey: string }, restricted?: { login: string; apiKey: string }): void {
  seedBase(env, admin, restricted);
  env.chart = seedChart(env);
  seedProducts(env);
  if (env.options.hrExpense) seedEmployees(env);
}
