import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_ID, CHANNEL, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';
import { longRuns, type OversizedCase, oversizedCases } from '../support/oversized-commands.ts';
import { mention, phoneCommands } from '../support/phone.ts';

const sb = useSwitchboard();
const { phoneChange, busyAccount, license } = phoneCommands(sb);

const MALLORY = 'UNOTADMIN1';
const C1 = colleague(1);
const C2 = colleague(2);

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

const runs = longRuns();
/** Hundreds of commands, one after another, on a machine other work shares. */
const MANY_COMMANDS = { timeout: 120_000 };

/** An account where each command's example names something that exists: phone users, a queue, a receptionist. */
async function exampleAccount(): Promise<void> {
  await busyAccount();
  await license([C2, MALLORY]);
  await phoneChange('queue add Sales 2000');
  await phoneChange('receptionist add "Main line" 2100');
}

/**
 * Sends `/phone <text>` and waits for what the person sees first (a reply, a channel post or a form), or for Slack
 * refusing something the app sent. Returns what went wrong: every acknowledgement, message, response and view is
 * checked by the stand-in against Block Kit's limits, and the answer must quote no long value whole.
 */
async function problemsOf(text: string, user: string): Promise<string[]> {
  const violations = sb.slack.violations().length;
  const ephemerals = sb.slack.ephemerals(user, CHANNEL).length;
  const messages = sb.slack.messages(CHANNEL).length;
  const views = sb.slack.openViews(user).length;
  const ack = await sb.slack.slash({ user, channel: CHANNEL, text });
  const problems = ack.status === 200 ? [] : [`acknowledged with HTTP ${ack.status}`];
  const seen = await sb.slack.waitFor(() => {
    const reply = sb.slack.ephemerals(user, CHANNEL)[ephemerals] ?? sb.slack.messages(CHANNEL)[messages];
    if (reply) return visibleText(reply);
    if (sb.slack.openViews(user).length !== views) return 'a form';
    return sb.slack.violations().length > violations ? 'nothing' : undefined;
  });
  problems.push(...sb.slack.violations().slice(violations));
  if (seen.includes('failed with the error')) problems.push(`saw: ${seen.slice(0, 200)}`);
  if (runs.some((run) => seen.includes(run)))
    problems.push(`was shown a long value whole: ${seen.slice(0, 200)}…`);
  return problems;
}

async function failuresOf(cases: OversizedCase[], user: string): Promise<string[]> {
  const failures: string[] = [];
  for (const c of cases) {
    const problems = await problemsOf(c.text, user);
    if (problems.length > 0) failures.push(`/phone ${c.doc.syntax} with ${c.what}: ${problems.join(' | ')}`);
  }
  return failures;
}

describe('every /phone command with oversized arguments', () => {
  it('answers a phone admin within Slack limits, quoting long values shortened', MANY_COMMANDS, async () => {
    await exampleAccount();
    const cases = oversizedCases({ first: mention(C1), second: mention(C2) });
    // Longer commands are refused before they are parsed, so these reach the parser and the services.
    expect(Math.max(...cases.map((c) => c.text.length))).toBeLessThan(10_000);
    expect(await failuresOf(cases, ADMIN_ID)).toEqual([]);
  });

  /**
   * A non-admin's command is parsed as an admin's is, and refused before any service runs unless anyone may use
   * it: so every case of the commands anyone may use (about themselves, to reach their services), and one of each
   * admin's command (its refusal).
   */
  it('answers a non-admin within Slack limits, quoting long values shortened', MANY_COMMANDS, async () => {
    await exampleAccount();
    const cases = oversizedCases({ first: mention(MALLORY), second: mention(C2) });
    const adminsOnly = new Set<string>();
    const chosen = cases.filter((c) => {
      if (c.doc.audience !== 'admin') return true;
      if (adminsOnly.has(c.doc.name)) return false;
      adminsOnly.add(c.doc.name);
      return true;
    });
    expect(await failuresOf(chosen, MALLORY)).toEqual([]);
  });
});
