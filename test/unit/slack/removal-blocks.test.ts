import { describe, expect, it } from 'vitest';
import type { Dependent } from '../../../src/domain/dependents.ts';
import { checkMessage, LIMITS } from '../../../src/local/block-kit-validator.ts';
import type { RemovalPreview, RemoveResult } from '../../../src/services/licenses.ts';
import { removalPrompt, removedMessage } from '../../../src/slack/blocks/removal.ts';
import { decodeRemoval, encodeRemoval, removalOf } from '../../../src/slack/payloads.ts';
import type { PhoneUserCard } from '../../../src/store/phone-users.ts';

/** A phone user with a long name and no Slack account, so each is named at length. */
function aCard(i: number): PhoneUserCard {
  return {
    phoneUserId: i,
    directoryUserId: 900_000_000 + i,
    email: `someone.with.a.long.address.${i}@subsidiary.example.com`,
    firstName: `Maximiliana-Josephine ${i}`,
    lastName: 'Vandenberghe-Oppenheimer',
    slackUserId: null,
    timezone: null,
    siteId: 1,
    site: 'Headquarters North Campus',
    siteCode: null,
    extension: String(100000 + i),
    shortExtension: String(100000 + i),
    status: 'active',
    plans: [{ code: 200, shortName: 'US/CA Unlimited' }],
    numbers: [`+1415555${String(i).padStart(4, '0')}`],
  };
}

const longName = (what: string, i: number) => `${what} ${i} ${'of the very long name '.repeat(2)}`.trim();

function dependentsOf(i: number, count: number): Dependent[] {
  const colleague = aCard(1000 + i);
  return Array.from({ length: count }, (_, k): Dependent => {
    switch (k % 4) {
      case 0:
        return { kind: 'queue_member', queueId: k, queue: longName('Queue', k), manager: k % 8 === 0 };
      case 1:
        return { kind: 'operator', receptionistId: k, receptionist: longName('Receptionist', k) };
      case 2:
        return {
          kind: 'assistant',
          phoneUserId: 10_000 + i * 100 + k,
          directoryUserId: colleague.directoryUserId,
          person: {
            name: `${colleague.firstName} ${colleague.lastName}`,
            email: colleague.email,
            slackUserId: null,
          },
        };
      default:
        return {
          kind: 'assisting',
          phoneUserId: 20_000 + i * 100 + k,
          directoryUserId: 2000 + k,
          person: { name: `Another ${k}`, email: `another.${k}@example.com`, slackUserId: null },
        };
    }
  });
}

function previews(people: number, dependents: number): RemovalPreview[] {
  return Array.from({ length: people }, (_, i) => ({
    card: aCard(i + 1),
    dependents: dependentsOf(i + 1, dependents),
    sharedAudio: [],
    deskPhones: 3,
    digest: dependents > 0 ? 'abcdef12' : undefined,
  }));
}

const textOf = (message: { blocks: unknown[] }) =>
  (message.blocks as { text?: { text: string }; elements?: { text?: string }[] }[])
    .map((block) => block.text?.text ?? block.elements?.map((e) => e.text ?? '').join(' ') ?? '')
    .join('\n');

describe('the confirmation of a removal', () => {
  it('stays within what Slack accepts for 100 people with many links each, the totals on top', () => {
    const shown = previews(100, 12);
    const value = encodeRemoval(shown.map(removalOf));
    const prompt = removalPrompt(shown, value);
    expect(checkMessage(prompt, { maxText: LIMITS.messageText })).toBeUndefined();
    expect(textOf(prompt)).toContain(
      ':warning: This also ends 300 queue memberships (200 as manager), 300 operator roles and 600 delegations',
    );
    expect(value.length).toBeLessThanOrEqual(2000);
    expect(decodeRemoval(value)?.shown.get(900_000_100)).toBe('abcdef12');
  });

  it('counts what ends under each person when naming it all would not fit, and still shows every person', () => {
    const shown = previews(30, 4);
    const text = textOf(removalPrompt(shown, 'd:1'));
    expect(text).toContain('↳ ends 1 queue membership (1 as manager), 1 operator role and 2 delegations');
    expect(text).not.toContain('↳ ends:');
    for (const preview of shown) expect(text).toContain(preview.card.email);
  });

  it('names each link when they fit', () => {
    const text = textOf(removalPrompt(previews(2, 2), 'd:1'));
    expect(text).toContain(
      `↳ ends: manager of queue *${longName('Queue', 0)}*, operator of *${longName('Receptionist', 1)}*`,
    );
  });

  it('puts the people something ends for first, one short line each, when even counting would not fit', () => {
    const shown = [...previews(50, 0).map((p, i) => ({ ...p, card: aCard(500 + i) })), ...previews(50, 4)];
    const prompt = removalPrompt(shown, 'd:1');
    expect(checkMessage(prompt, { maxText: LIMITS.messageText })).toBeUndefined();
    const lines = textOf(prompt).split('\n');
    const first = lines.findIndex((line) => line.startsWith('• '));
    expect(lines[first]).toMatch(/^• Maximiliana-Josephine 1 .*: ends 1 queue membership/);
    expect(lines.filter((line) => line.includes(': ends '))).toHaveLength(50);
    expect(lines.find((line) => line.startsWith('…and'))).toMatch(/^…and \d+ more people\.$/);
  });

  it('still names people with nothing ending when there are many of them', () => {
    const prompt = removalPrompt(previews(100, 0), 'd:1');
    expect(checkMessage(prompt, { maxText: LIMITS.messageText })).toBeUndefined();
    expect(textOf(prompt)).toContain('• Maximiliana-Josephine 1 Vandenberghe-Oppenheimer');
  });
});

describe('the result of a removal', () => {
  it('stays within what Slack accepts for 100 people with many ended links', () => {
    const result: RemoveResult = {
      removed: previews(100, 12).map((p) => ({
        card: p.card,
        releasedNumbers: p.card.numbers,
        ended: p.dependents,
        keptAudio: [{ id: 1, name: 'Welcome' }],
      })),
    };
    const message = removedMessage('UADMIN', result);
    expect(checkMessage(message, { maxText: LIMITS.messageText })).toBeUndefined();
    expect(textOf(message)).toContain('This ended 300 queue memberships');
  });
});
