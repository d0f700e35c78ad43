import { EXPENSE_CATEGORIES, expenseCategory } from '../../../src/agent/rules/expense-category';

describe('expenseCategory', () => {
  it.each([
    ['5 reams of paper', 'Office supplies'],
    ['Toner for the printer', 'Office supplies'],
    ['stationery and envelopes', 'Office supplies'],
    ['invoice PS-2231 for $150.00 (office supplies)', 'Office supplies'],
    ['Paper Supplies Ltd', 'Office supplies'],
    ['Adobe license', 'Software'],
    ['SaaS tools', 'Software'],
    ['Web hosting for March', 'Software'],
    ['domain renewal', 'Software'],
    ['Our Adobe subscription renewed', 'Software'],
    ['Flights to Berlin', 'Travel'],
    ['Hotel in Pune', 'Travel'],
    ['Taxi to the airport', 'Travel'],
    ['Uber to the client', 'Travel'],
    ['Train tickets', 'Travel'],
    ['mileage for the site visit', 'Travel'],
    ['Office rent for March', 'Rent'],
    ['Equipment lease', 'Rent'],
    ['Electricity for the shop', 'Utilities'],
    ['Water bill', 'Utilities'],
    ['Internet subscription', 'Utilities'],
    ['phone bill', 'Utilities'],
    ['Facebook ads', 'Marketing'],
    ['Google Ads campaign', 'Marketing'],
    ['Paid Rs 5000 to Sharma Printers for flyers', 'Marketing'],
    ['advertising in the local paper', 'Marketing'],
    ['Lunch with Client ABC', 'Meals'],
    ['Team dinner', 'Meals'],
    ['coffee', 'Meals'],
    ['Café Central', 'Meals'],
    ['Uber Eats lunch', 'Meals'],
    ['Hotel restaurant dinner', 'Meals'],
    ['New laptop', 'Equipment'],
    ['27" monitor', 'Equipment'],
    ['Camera for product photos', 'Equipment'],
    ['Lawyer for the lease review', 'Professional services'],
    ['Accountant fee', 'Professional services'],
    ['legal advice', 'Professional services'],
    ['Bank fee', 'Bank fees'],
    ['International transfer fee', 'Bank fees'],
    ['Miscellaneous', 'Other'],
    ['', 'Other'],
    ['Rental car', 'Travel'],
    ['Parental leave', 'Other'],
    ['Inkjet', 'Other'],
  ])('%j → %s', (text, category) => {
    expect(expenseCategory(text)).toBe(category);
  });

  it('only gives the declared categories', () => {
    expect(EXPENSE_CATEGORIES).toContain(expenseCategory('anything'));
    expect(EXPENSE_CATEGORIES).toHaveLength(11);
  });
});
