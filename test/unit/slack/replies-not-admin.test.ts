import { describe, expect, it } from 'vitest';
import { plainStyle } from '../../../src/slack/format.ts';
import { errorText } from '../../../src/slack/replies.ts';

const refusal = (first: string[], total: number) =>
  errorText({ code: 'NOT_ADMIN', action: 'sync', admins: { first, total } });

describe('a refusal for someone who is not a phone admin', () => {
  it('names the one admin to ask', () => {
    expect(refusal(['UADA'], 1)).toBe(
      'Only phone admins can use `/phone sync`. Ask <@UADA> if you need access. Anyone can use `/phone me` and `/phone help`.',
    );
  });

  it('names two admins as a choice', () => {
    expect(refusal(['UADA', 'UGRACE'], 2)).toContain('Ask <@UADA> or <@UGRACE> if you need access.');
  });

  it('names the first admins and how many more there are', () => {
    expect(refusal(['U1', 'U2', 'U3', 'U4', 'U5'], 12)).toContain(
      'Ask <@U1>, <@U2>, <@U3>, <@U4>, <@U5> or one of 7 more if you need access.',
    );
  });

  it('says where the first admin is named when there is none', () => {
    expect(refusal([], 0)).toContain('There is none yet');
    expect(refusal([], 0)).toContain('`ADMIN_USER_IDS`');
  });

  it('never points to a command the person cannot run', () => {
    expect(refusal(['UADA'], 1)).not.toContain('/phone admins');
  });

  it('names admins in a form by the names Slack gave', () => {
    const text = errorText(
      { code: 'NOT_ADMIN', action: 'settings', admins: { first: ['UADA'], total: 1 } },
      plainStyle(new Map([['UADA', 'ada']])),
    );
    expect(text).toContain('Ask ada if');
  });
});

describe('the other refusals only an admin can get a person past', () => {
  const admins = { first: ['UADA', 'UGRACE'], total: 2 };
  it.each([
    [{ code: 'PIN_NOT_VISIBLE', admins } as const, 'Ask <@UADA> or <@UGRACE> if you need it.'],
    [
      { code: 'FORWARD_NUMBER_CHARGED', number: '+19002345678', kind: 'premium_rate', admins } as const,
      'or ask <@UADA> or <@UGRACE> if you need this one.',
    ],
    [
      { code: 'FORWARD_NEEDS_PLAN', number: '+14155550123', by: 'self', admins } as const,
      'Ask <@UADA> or <@UGRACE> for a calling plan',
    ],
  ])('name the admins in %j, and no command the person cannot run', (error, named) => {
    const text = errorText(error);
    expect(text).toContain(named);
    expect(text).not.toContain('/phone admins');
  });

  it('say "a phone admin" while none is known', () => {
    expect(errorText({ code: 'PIN_NOT_VISIBLE' })).toContain('Ask a phone admin if you need it.');
  });
});
