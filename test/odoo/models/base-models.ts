/**
 * The non-accounting models clients touch: the company and its currency,
 * users (`context_get`), partners (`name_search` per version) and installed
 * modules (`ir.module.module`, where `hr_expense` shows whether expenses exist).
 */
import type { Env } from '../env';
import type { FakeOdooMajor } from '../fake-odoo-types';
import { defineModel, f } from '../model-kit';
import type { ModelDef } from '../model';

export const COMPANY_ID = 1;
export const COMPANY_CURRENCY_ID = 1;

export function baseModels(version: FakeOdooMajor): ModelDef[] {
  const company = defineModel(version, {
    name: 'res.company',
    description: 'Companies',
    order: 'sequence, name',
    fields: {
      name: f.char('Company Name', { required: true }),
      currency_id: f.m2o('Currency', 'res.currency', { required: true }),
      partner_id: f.m2o('Partner', 'res.partner'),
      sequence: f.int('Sequence'),
    },
    displayName: (row) => String(row.name),
  });
  const currency = defineModel(version, {
    name: 'res.currency',
    description: 'Currency',
    order: 'active desc, name',
    fields: {
      name: f.char('Currency', { required: true }),
      symbol: f.char('Symbol', { required: true }),
      active: f.bool('Active'),
      decimal_places: f.int('Decimal Places'),
      rounding: f.float('Rounding Factor'),
    },
    displayName: (row) => String(row.name),
  });
  const users = defineModel(version, {
    name: 'res.users',
    description: 'User',
    order: 'name, login',
    fields: {
      name: f.char('Name', { required: true }),
      login: f.char('Login', { required: true }),
      partner_id: f.m2o('Related Partner', 'res.partner'),
      company_id: f.m2o('Company', 'res.company'),
      lang: f.char('Language'),
      tz: f.char('Timezone'),
      active: f.bool('Active'),
    },
    methods: {
      context_get: {
        qualname: 'Users.context_get',
        params: [],
        api: 'model',
        run: (call) => {
          const row = call.env.row('res.users', call.uid);
          return { lang: row?.lang ?? 'en_US', tz: row?.tz ?? 'UTC', uid: call.uid };
        },
      },
    },
    displayName: (row) => String(row.name),
  });
  const partner = defineModel(version, {
    name: 'res.partner',
    description: 'Contact',
    order: 'complete_name, id desc',
    fields: {
      name: f.char('Name', { required: true }),
      complete_name: { type: 'char', string: 'Complete Name', compute: (row) => row.name },
      email: f.char('Email'),
      phone: f.char('Phone'),
      vat: f.char('Tax ID'),
      is_company: f.bool('Is a Company'),
      active: f.bool('Active'),
      customer_rank: f.int('Customer Rank'),
      supplier_rank: f.int('Supplier Rank'),
      company_id: f.m2o('Company', 'res.company'),
      ref: f.char('Reference'),
    },
    defaults: () => ({ active: true, customer_rank: 0, supplier_rank: 0, is_company: false }),
    displayName: (row) => String(row.name),
  });
  const modules = defineModel(version, {
    name: 'ir.module.module',
    description: 'Module',
    order: 'application desc, sequence, name',
    fields: {
      name: f.char('Technical Name', { required: true }),
      shortdesc: f.char('Module Name'),
      state: f.select('Status', [
        ['uninstallable', 'Uninstallable'],
        ['uninstalled', 'Not Installed'],
        ['installed', 'Installed'],
        ['to upgrade', 'To be upgraded'],
        ['to remove', 'To be removed'],
        ['to install', 'To be installed'],
      ]),
      application: f.bool('Application'),
      sequence: f.int('Sequence'),
    },
    displayName: (row) => String(row.shortdesc ?? row.name),
  });
  return [company, currency, users, partner, modules];
}

/** Company, currencies, users (with their partners) and modules. */
export function seedBase(env: Env, admin: { login: string; apiKey: string }, restricted?: { login: string; apiKey: string }): void {
  const currencies = env.table('res.currency');
  const other = env.options.currency === 'EUR' ? 'USD' : 'EUR';
  currencies.insert({ id: COMPANY_CURRENCY_ID, name: env.options.currency, symbol: env.options.currency === 'EUR' ? '€' : '$', active: true, decimal_places: 2, rounding: 0.01 });
  currencies.insert({ name: other, symbol: other === 'EUR' ? '€' : '$', active: false, decimal_places: 2, rounding: 0.01 });
  const partners = env.table('res.partner');
  const companyPartner = partners.insert({ name: 'My Company', is_company: true, active: true, customer_rank: 0, supplier_rank: 0 });
  env.table('res.company').insert({ id: 1, name: 'My Company', currency_id: COMPANY_CURRENCY_ID, partner_id: companyPartner.id, sequence: 10 });
  const users = env.table('res.users');
  const rootPartner = partners.insert({ name: 'OdooBot', active: false, customer_rank: 0, supplier_rank: 0 });
  users.insert({ id: 1, name: 'OdooBot', login: '__system__', partner_id: rootPartner.id, company_id: 1, active: false });
  const adminPartner = partners.insert({ name: 'Mitchell Admin', email: 'admin@yourcompany.example.com', active: true, customer_rank: 0, supplier_rank: 0 });
  users.insert({ id: 2, name: 'Mitchell Admin', login: admin.login, partner_id: adminPartner.id, company_id: 1, active: true, lang: 'en_US', tz: 'Europe/Brussels' });
  env.users.push({ uid: 2, login: admin.login, apiKey: admin.apiKey, name: 'Mitchell Admin', restricted: false });
  if (restricted) {
    const partner = partners.insert({ name: 'Restricted User', active: true, customer_rank: 0, supplier_rank: 0 });
    const row = users.insert({ name: 'Restricted User', login: restricted.login, partner_id: partner.id, company_id: 1, active: true, lang: 'en_US', tz: 'UTC' });
    env.users.push({ uid: row.id, login: restricted.login, apiKey: restricted.apiKey, name: 'Restricted User', restricted: true });
  }
  const modules = env.table('ir.module.module');
  const installed = (name: string, shortdesc: string, on: boolean, application: boolean): void => {
    modules.insert({ name, shortdesc, state: on ? 'installed' : 'uninstalled', application, sequence: 100 });
  };
  installed('base', 'Base', true, false);
  installed('account', 'Invoicing', true, true);
  installed('hr', 'Employees', env.options.hrExpense, true);
  installed('hr_expense', 'Expenses', env.options.hrExpense, true);
}
