export * from './account.ts';
export * from './audit.ts';
export * from './directory.ts';
export * from './numbers.ts';
export * from './phone-users.ts';
export * from './plans.ts';
export * from './sites.ts';
