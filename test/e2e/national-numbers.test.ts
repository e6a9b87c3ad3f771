import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_ID, colleague, useSwitchboard } from '../support/e2e.ts';
import { mention, phoneCommands, unreadableMarkup } from '../support/phone.ts';
import { csvUploads } from '../support/uploads.ts';

/**
 * A number typed without + is read in the country of the person's site (the account's DEFAULT_COUNTRY, US, for a
 * site without one), in a blocked entry and in a CSV's number columns as in `forward` and `number add`.
 */
const sb = useSwitchboard();
const { phoneReply, phoneChange, setupAccount, license } = phoneCommands(sb);
const { upload } = csvUploads(sb);

const C1 = colleague(1);
const C2 = colleague(2);

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
  expect(unreadableMarkup(sb, [ADMIN_ID, C1, C2])).toEqual([]);
});

/** Colleague 1 at Main (no country: the account's US), colleague 2 at London (GB). */
async function twoCountries(): Promise<void> {
  await setupAccount();
  await phoneChange('site add London country:GB');
  await license([C1]);
  await license([C2], 'site:London');
}

describe('a blocked number typed in national format', () => {
  it("is read as a whole number in the country of the person's site, and unblocked the same way", async () => {
    await twoCountries();
    expect(await phoneChange(`block add ${mention(C1)} (415) 555-0100`)).toContain('`+14155550100`');
    expect(await phoneChange(`block add ${mention(C2)} 020 7946 0958`)).toContain('`+442079460958`');
    const listed = await phoneReply(`blocked ${mention(C1)}`);
    expect(listed).toContain('`+14155550100`');
    expect(listed).not.toContain('`4155550100`');
    expect(await phoneChange(`block remove ${mention(C1)} 415.555.0100`)).toContain('`+14155550100`');
    expect(await phoneReply(`blocked ${mention(C1)}`)).not.toContain('+14155550100');
  });

  it('keeps digits that are no whole number a prefix, as before', async () => {
    await twoCountries();
    const blocked = await phoneChange(`block add ${mention(C1)} 1900`);
    expect(blocked).toContain('prefix');
    expect(blocked).toContain('`1900`');
  });
});

describe('a CSV number typed in national format', () => {
  it("is read in the country of the row's site, not taken for another country's number", async () => {
    await setupAccount();
    await phoneChange('site add London country:GB');
    await phoneChange('numbers add +14155550100..+14155550101 site:Main');
    await phoneChange('numbers add +442079460958 site:London');
    const file = [
      'Email,First Name,Last Name,Site,Calling Plans,Phone Numbers',
      'ken@example.com,Ken,Thompson,Main,US/CA Unlimited,(415) 555-0100',
      // Without separators: +41 55 555 01 00 would be a Swiss number, but Main's people are read in the US.
      'dennis@example.com,Dennis,Ritchie,Main,US/CA Unlimited,4155550101',
      'ada@example.com,Ada,Lovelace,London,US/CA Unlimited,020 7946 0958',
    ].join('\n');
    const { text: preview } = await upload('national.csv', file);
    expect(preview).toContain('3 rows · 3 to add · 0 invalid');
    expect(preview).toContain('`+14155550100`');
    expect(preview).toContain('`+14155550101`');
    expect(preview).toContain('`+442079460958`');
  });

  it("says a national number is not one of the site's country, naming the country", async () => {
    await setupAccount();
    await phoneChange('site add London country:GB');
    const file = [
      'Email,First Name,Last Name,Site,Calling Plans,Phone Numbers',
      'ada@example.com,Ada,Lovelace,London,US/CA Unlimited,(415) 555-0100',
    ].join('\n');
    const { text: preview } = await upload('wrong-country.csv', file);
    expect(preview).toContain('1 invalid');
    expect(preview).toContain('is not a phone number of the United Kingdom');
  });
});
