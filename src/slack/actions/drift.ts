import type { App } from '@slack/bolt';
import type { Result } from '../../domain/result.ts';
import type { Actor, Deps } from '../../services/context.ts';
import {
  type DriftSettled,
  driftReportFor,
  keepSwitchboards,
  peopleOfCheck,
  takePhoneSystems,
} from '../../services/drift.ts';
import { driftFile, driftFileName, driftReportMessage, readDriftValue } from '../blocks/drift.ts';
import { directMessageChannel } from '../deliver.ts';
import { showText, someOf } from '../format.ts';
import { ACTIONS } from '../ids.ts';
import { type Answer, type Click, noteModal, onButton } from '../listener.ts';
import { errorText } from '../replies.ts';
import { failureText, type Runtime } from '../runtime.ts';

type Settle = (deps: Deps, actor: Actor, checkId: number, email?: string) => Promise<Result<DriftSettled>>;

/**
 * The buttons of a drift report: *Keep Switchboard's* and *Take the phone system's*, for one person or for all.
 * The services check the clicker is an admin (a refusal is audited) and that the report is still the latest.
 * The answer is a reply only the clicker sees, like the report.
 */
export function registerDriftActions(app: App, runtime: Runtime): void {
  const settling =
    (settle: Settle, said: (system: string, people: string[]) => string) =>
    async ({ deps, actor, args }: Click): Promise<Answer> => {
      const value = readDriftValue(args.action.value);
      if (!value) return 'This button could not be read. Run `/phone drift` and use its buttons.';
      const email =
        value.person === undefined ? undefined : (await peopleOfCheck(deps, value.checkId))[value.person];
      if (value.person !== undefined && email === undefined) {
        return 'That person is not in this report. Run `/phone drift` for a new one.';
      }
      const settled = await settle(deps, actor, value.checkId, email);
      return settled.ok ? said(deps.phoneSystem?.name ?? 'the phone system', settled.value.people) : settled;
    };
  // The Home tab's button: the report and its file go to the admin's DM, where its buttons work as they do anywhere;
  // a refusal is a note over the Home tab, which only they see.
  onButton(app, runtime, ACTIONS.driftShow, {
    name: 'showing a drift report',
    surface: noteModal('Drift'),
    failed: failureText,
    run: async ({ deps, actor, args }) => {
      const { action, client } = args;
      const checkId = readDriftValue(action.value)?.checkId;
      if (checkId === undefined) return 'This button could not be read. Run `/phone drift`.';
      const found = await driftReportFor(deps, actor, checkId);
      if (!found.ok) return errorText(found.error);
      const check = found.value;
      const channel = await directMessageChannel(client, actor.slackUserId);
      if (!channel) return 'Your direct messages with the app could not be opened.';
      const report = driftReportMessage(check);
      await client.chat.postMessage({ channel, text: report.text, blocks: report.blocks });
      await client.files.uploadV2({
        channel_id: channel,
        file: driftFile(check),
        filename: driftFileName(check),
        title: `Differences between ${check.system} and Switchboard`,
      });
    },
  });
  const names = (people: string[]) =>
    someOf(
      people.map((email) => showText(email)),
      10,
    );
  onButton(app, runtime, ACTIONS.driftKeep, {
    name: 'settling drift',
    run: settling(
      keepSwitchboards,
      (system, people) =>
        `:arrows_counterclockwise: ${system} is being given Switchboard's values again for ${names(people)}. See how it goes with \`/phone sync\`.`,
    ),
  });
  onButton(app, runtime, ACTIONS.driftTake, {
    name: 'settling drift',
    run: settling(
      takePhoneSystems,
      (system, people) =>
        `:white_check_mark: Switchboard took ${system}'s values for ${names(people)}. Their history shows each change.`,
    ),
  });
}
