import { describe, expect, it } from 'vitest';
import { compareAccounts, peopleIn } from '../../../src/domain/drift.ts';
import type { AccountLine, PhoneAccount } from '../../../src/domain/phone-account.ts';

const line = (email: string, extension: string, more: Partial<AccountLine> = {}): AccountLine => ({
  email,
  name: email,
  status: 'active',
  site: 'Main',
  extension,
  plans: [200],
  numbers: [],
  ...more,
});

const account = (more: Partial<PhoneAccount> = {}): PhoneAccount => ({
  sites: [{ name: 'Main', code: null }],
  plans: [{ code: 200, name: 'US/CA Unlimited', subscribed: 10 }],
  numbers: [],
  lines: [],
  queues: [],
  ...more,
});

describe('comparing the phone system with Switchboard', () => {
  it('finds nothing when both hold the same, whatever the order of lists and the case of emails', () => {
    const ours = account({
      lines: [
        line('ada@example.com', '1000', { plans: [200, 300], numbers: ['+14155550101', '+14155550100'] }),
      ],
    });
    const theirs = account({
      lines: [
        line('ADA@example.com', '1000', { plans: [300, 200], numbers: ['+14155550100', '+14155550101'] }),
      ],
    });
    expect(compareAccounts({ switchboard: ours, phoneSystem: theirs })).toEqual([]);
  });

  it('names each differing field with both values, and people on one side only', () => {
    const ours = account({
      lines: [
        line('ada@example.com', '1000'),
        line('bob@example.com', '1001', { status: 'inactive' }),
        line('cy@example.com', '1002'),
      ],
    });
    const theirs = account({
      lines: [
        line('ada@example.com', '1500', { site: 'Boston', plans: [] }),
        line('bob@example.com', '1001', { numbers: ['+14155550100'] }),
        line('dee@example.com', '1003'),
      ],
    });
    const differences = compareAccounts({ switchboard: ours, phoneSystem: theirs });
    expect(differences).toEqual([
      {
        kind: 'field',
        email: 'ada@example.com',
        field: 'extension',
        switchboard: '1000',
        phoneSystem: '1500',
      },
      { kind: 'field', email: 'ada@example.com', field: 'site', switchboard: 'Main', phoneSystem: 'Boston' },
      { kind: 'field', email: 'ada@example.com', field: 'plans', switchboard: '200', phoneSystem: '' },
      {
        kind: 'field',
        email: 'bob@example.com',
        field: 'numbers',
        switchboard: '',
        phoneSystem: '+14155550100',
      },
      {
        kind: 'field',
        email: 'bob@example.com',
        field: 'status',
        switchboard: 'inactive',
        phoneSystem: 'active',
      },
      { kind: 'only_switchboard', email: 'cy@example.com', extension: '1002' },
      { kind: 'only_phone_system', email: 'dee@example.com', extension: '1003' },
    ]);
    expect(peopleIn(differences)).toEqual([
      'ada@example.com',
      'bob@example.com',
      'cy@example.com',
      'dee@example.com',
    ]);
  });

  it('compares sites, plan inventory and numbers, leaving a site code out where one side has none', () => {
    const ours = account({
      sites: [
        { name: 'Main', code: null },
        { name: 'Boston', code: '2' },
        { name: 'Paris', code: '3' },
      ],
      plans: [
        { code: 200, name: 'US/CA Unlimited', subscribed: 10 },
        { code: 300, name: 'Global', subscribed: 5 },
        { code: 400, name: 'Unused', subscribed: 0 },
      ],
      numbers: [
        { number: '+14155550100', holder: null },
        { number: '+14155550101', holder: null },
      ],
    });
    const theirs = account({
      sites: [
        { name: 'main', code: '1' },
        { name: 'Boston', code: '4' },
        { name: 'Tokyo', code: null },
      ],
      plans: [{ code: 200, name: 'US/CA Unlimited', subscribed: 12 }],
      numbers: [
        { number: '+14155550101', holder: 'ada@example.com' },
        { number: '+14155550102', holder: null },
      ],
    });
    expect(compareAccounts({ switchboard: ours, phoneSystem: theirs })).toEqual([
      { kind: 'site', name: 'Boston', switchboard: 'code 2', phoneSystem: 'code 4' },
      { kind: 'site', name: 'Paris', switchboard: 'code 3', phoneSystem: 'missing' },
      { kind: 'site', name: 'Tokyo', switchboard: 'missing', phoneSystem: 'no code' },
      { kind: 'plan', code: 200, name: 'US/CA Unlimited', switchboard: 10, phoneSystem: 12 },
      { kind: 'plan', code: 300, name: 'Global', switchboard: 5, phoneSystem: 0 },
      { kind: 'number', number: '+14155550100', switchboard: 'in the account', phoneSystem: 'missing' },
      { kind: 'number', number: '+14155550102', switchboard: 'missing', phoneSystem: 'in the account' },
    ]);
  });
});
