import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_ID, CHANNEL, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';

const sb = useSwitchboard();

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

async function phone(text: string, user = ADMIN_ID) {
  const ack = await sb.slack.slash({ user, channel: CHANNEL, text });
  expect(ack.status).toBe(200);
  return ack;
}

const _lastChannelMessage = () => sb.slack.waitFor(() => sb.slack.messages(CHANNEL).at(-1));
const ephemeralsOf = (user: string) => sb.slack.ephemerals(user, CHANNEL);

describe('/phone assign through Slack', () => {
  it('assigns licenses to mentioned colleagues, posts the result in the channel and DMs each of them', async () => {
    await phone('licenses 20');
    await sb.slack.waitFor(() => sb.slack.messages(CHANNEL).length === 1);
    await phone(`assign <@${colleague(1)}|colleague1> <@${colleague(2)}>`);
    const message = await sb.slack.waitFor(() =>
      sb.slack.messages(CHANNEL).find((m) => m.text.includes('gave phone licenses')),
    );
    const text = visibleText(message);
    expect(text).toContain(`<@${ADMIN_ID}> gave phone licenses to 2 people in Main`);
    expect(text).toContain(`<@${colleague(1)}>: extension *1000*`);
    expect(text).toContain(`<@${colleague(2)}>: extension *1001*`);
    const dm = await sb.slack.waitFor(() => sb.slack.messages(sb.slack.dmChannel(colleague(1))).at(-1));
    expect(visibleText(dm)).toContain('extension *1000* at site Main');
    expect(sb.slack.violations()).toEqual([]);
  });

  it('refuses when no license is left and says how many are used, owned and asked for', async () => {
    await phone(`assign <@${colleague(1)}>`);
    const reply = await sb.slack.waitFor(() => ephemeralsOf(ADMIN_ID).at(-1));
    expect(visibleText(reply)).toContain('Not enough phone licenses: 0 of 0 are in use and this needs 1');
    expect(sb.slack.messages(CHANNEL)).toEqual([]);
  });

  it('refuses a non-admin and changes nothing', async () => {
    await phone(`assign <@${colleague(1)}>`, 'UNOTADMIN1');
    const reply = await sb.slack.waitFor(() => ephemeralsOf('UNOTADMIN1').at(-1));
    expect(visibleText(reply)).toContain('Only phone admins can use `/phone assign`');
    expect(sb.slack.messages(CHANNEL)).toEqual([]);
  });

  it('shows a card for a phone user and says when someone is not one', async () => {
    await phone('licenses 5');
    await phone(`assign <@${colleague(3)}>`);
    await sb.slack.waitFor(() =>
      sb.slack.messages(CHANNEL).find((m) => m.text.includes('gave phone licenses')),
    );
    await phone('show 1000');
    const card = await sb.slack.waitFor(() =>
      ephemeralsOf(ADMIN_ID).find((e) => e.text.includes('extension 1000')),
    );
    expect(visibleText(card)).toContain('colleague3@example.com');
    await phone(`show <@${colleague(4)}>`);
    const not = await sb.slack.waitFor(() =>
      ephemeralsOf(ADMIN_ID).find((e) => e.text.includes('not a phone user')),
    );
    expect(visibleText(not)).toContain(`<@${colleague(4)}> is not a phone user`);
  });
});
