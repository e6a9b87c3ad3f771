import { describe, expect, it } from 'vitest';
import type { View } from '../../src/local/index.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { HOURS_BLOCKS } from '../../src/slack/views/settings/hours-form.ts';
import { ADMIN_ID, CHANNEL, colleague, type useSwitchboard, visibleText } from './e2e.ts';
import { deniedAttempts, phoneCommands } from './phone.ts';
import { settingsModal, type WeekDays, weeklyValues } from './settings-modal.ts';
import { csvUploads } from './uploads.ts';

type Harness = ReturnType<typeof useSwitchboard>;

const MALLORY = 'UNOTADMIN1';

/** Monday to Friday from `from` to `to` (Monday to `mondayTo`), the weekend closed. */
function weekdays(from: string, to: string, mondayTo = to): WeekDays {
  const days: WeekDays = {};
  for (const day of ['mon', 'tue', 'wed', 'thu', 'fri'] as const) {
    days[day] = ['interval', from, day === 'mon' ? mondayTo : to];
  }
  return days;
}

/**
 * An admin's first day, as one walk through the app: license two teammates, look one up, set business hours in
 * the form (with one mistake first), import a CSV with a bad row by ignoring it, export, and a non-admin turned
 * away. Registered by the HTTP and the Socket Mode end-to-end files alike: what passes on one transport must
 * pass on the other.
 */
export function adminScenario(sb: Harness) {
  const { phoneReply, phoneChange, setupAccount } = phoneCommands(sb);
  const { chooseWeekly } = settingsModal(sb);
  const { upload, press, attachedFile, botReplies, previewRecorded, exportFile } = csvUploads(sb);

  describe("an admin's first day", () => {
    it('licenses two teammates, looks one up, and sets business hours in the form after one inline error', async () => {
      await setupAccount();
      const assigned = await phoneChange(`assign <@${colleague(1)}> <@${colleague(2)}>`);
      expect(assigned).toContain('gave phone licenses');
      const shown = await phoneReply(`show <@${colleague(1)}>`);
      expect(shown).toContain('Colleague 1 Smith');
      expect(shown).toMatch(/Extension/);

      await sb.slack.slash({ user: ADMIN_ID, channel: CHANNEL, text: `settings <@${colleague(1)}>` });
      const summary = await sb.slack.waitFor(() => sb.slack.openViews(ADMIN_ID)[0]);
      await sb.slack.click({
        user: ADMIN_ID,
        viewId: summary.id,
        actionId: ACTIONS.settingsEdit,
        value: 'hours',
        blockId: 'summary_hours',
      });
      const opened = await sb.slack.waitFor(() => sb.slack.openViews(ADMIN_ID)[1]);
      const form = await chooseWeekly(ADMIN_ID, opened, weekdays('09:00', '17:00', '09:00'));
      await sb.slack.submit({
        user: ADMIN_ID,
        viewId: form.id,
        values: weeklyValues(weekdays('09:00', '17:00', '09:00')),
      });
      expect(sb.slack.openViews(ADMIN_ID)[1]?.errors).toEqual({
        [HOURS_BLOCKS.to('mon')]:
          'Monday would open and close at 09:00: choose another closing time (one earlier than 09:00 ends the next day), or "Open 24 hours".',
      });
      await sb.slack.submit({
        user: ADMIN_ID,
        viewId: form.id,
        values: weeklyValues(weekdays('09:00', '17:00')),
      });
      await sb.slack.waitFor(() => sb.slack.openViews(ADMIN_ID).length === 1);
      const summaryText = await sb.slack.waitFor(() => {
        const view = sb.slack.openViews(ADMIN_ID)[0] as View;
        const text = visibleText({ text: '', blocks: view.blocks as unknown[] });
        return text.includes('Mon–Fri 09:00–17:00') ? text : undefined;
      });
      expect(summaryText).toContain('Sat–Sun closed');
      // The change is announced in the channel after the form closes: read it, so it is not taken for the reply below.
      const announced = await sb.slack.waitFor(() =>
        sb.slack.messages(CHANNEL).find((m) => m.text.includes('set the business hours')),
      );
      expect(announced.text).toContain('Mon–Fri 09:00–17:00');
      expect(await phoneReply(`show <@${colleague(1)}>`)).toContain('Mon–Fri 09:00–17:00');
    });

    it('imports a CSV with one bad row by ignoring it, then exports everyone', async () => {
      await setupAccount();
      const csv = [
        'Email,First Name,Last Name,Extension',
        'ken@example.com,Ken,Thompson,',
        'dennis@example.com,Dennis,Ritchie,911',
        'barbara@example.com,Barbara,Liskov,',
      ].join('\n');
      const { ts, fileId, reply, text } = await upload('team.csv', csv);
      expect(text).toContain('3 rows · 2 to add · 1 invalid');
      expect(text).toContain('Line 3, Extension: Extension `911` is reserved');
      const errors = await sb.slack.waitFor(() => botReplies(ts).find((m) => m.files?.length));
      expect(attachedFile(errors).name).toBe('team-errors.csv');
      await previewRecorded(fileId, reply);
      await press(reply, /^Ignore issues and import 2 others$/);
      const summary = await sb.slack.waitFor(() =>
        botReplies(ts).find((m) => visibleText(m).includes('imported *team.csv*')),
      );
      expect(visibleText(summary)).toContain('2 created, 0 updated, 0 unchanged, 1 skipped');
      // The results file follows the summary in the thread.
      const results = await sb.slack.waitFor(() =>
        botReplies(ts).find(
          (m) => (m.files as { name: string }[] | undefined)?.[0]?.name === 'team-results.csv',
        ),
      );
      expect(attachedFile(results).text).toContain('ken@example.com,Ken Thompson,created,');

      const lines = (await exportFile()).text.trimEnd().split('\r\n');
      expect(lines).toHaveLength(3);
      expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual([
        'ken@example.com',
        'barbara@example.com',
      ]);
    });

    it('turns a non-admin away from changes, and records the attempt', async () => {
      await setupAccount();
      const before = await deniedAttempts(sb.app.deps.db);
      expect(await phoneReply(`assign <@${colleague(3)}>`, MALLORY)).toContain('Only phone admins');
      expect(await deniedAttempts(sb.app.deps.db)).toHaveLength(before.length + 1);
      expect(await phoneReply(`show <@${colleague(3)}>`)).not.toMatch(/Extension/);
    });
  });
}
