import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
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
import { plain, plainSection } from '../blocks/message.ts';
import { privateNoteModal } from '../blocks/settings-changes.ts';
import { directMessageChannel } from '../deliver.ts';
import { showText, someOf } from '../format.ts';
import { ACTIONS } from '../ids.ts';
import { errorText } from '../replies.ts';
import { failureText, type Runtime, STARTING } from '../runtime.ts';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;
type Settle = (deps: Deps, actor: Actor, checkId: number, email?: string) => Promise<Result<DriftSettled>>;

/**
 * The buttons of a drift report: *Keep Switchboard's* and *Take the phone system's*, for one person or for all.
 * The services check the clicker is an admin (a refusal is audited) and that the report is still the latest.
 * The answer is a reply only the clicker sees, like the report.
 */
export function registerDriftActions(app: App, runtime: Runtime): void {
  const listener =
    (settle: Settle, said: (system: string, people: string[]) => string) =>
    async ({ ack, action, body, respond, logger }: Args) => {
      await ack();
      const reply = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
      const deps = runtime.deps();
      if (!deps) return void (await reply(STARTING));
      try {
        const value = readDriftValue(action.value);
        if (!value)
          return void (await reply('This button could not be read. Run `/phone drift` and use its buttons.'));
        const actor = { slackUserId: body.user.id };
        const email =
          value.person === undefined ? undefined : (await peopleOfCheck(deps, value.checkId))[value.person];
        if (value.person !== undefined && email === undefined) {
          return void (await reply('That person is not in this report. Run `/phone drift` for a new one.'));
        }
        const settled = await settle(deps, actor, value.checkId, email);
        const system = deps.phoneSystem?.name ?? 'the phone system';
        await reply(
          settled.ok ? said(system, settled.value.people) : `:warning: ${errorText(settled.error)}`,
        );
      } catch (error) {
        logger.error('settling drift failed', error);
        await reply(`:x: ${failureText(error)}`).catch(() => {});
      }
    };
  // The Home tab's button: the report and its file go to the admin's DM, where its buttons work as they do anywhere;
  // a refusal is a note over the Home tab, which only they see.
  app.action(ACTIONS.driftShow, async ({ ack, action, body, client, logger }: Args) => {
    await ack();
    const note = async (text: string) => {
      const plainText = plain(text);
      await client.views.open({
        trigger_id: body.trigger_id,
        view: privateNoteModal('Drift', { text: plainText, blocks: [plainSection(plainText)] }),
      });
    };
    const deps = runtime.deps();
    if (!deps) return void (await note(STARTING));
    try {
      const checkId = readDriftValue(action.value)?.checkId;
      const found =
        checkId === undefined
          ? undefined
          : await driftReportFor(deps, { slackUserId: body.user.id }, checkId);
      if (!found?.ok) {
        const why = found ? errorText(found.error) : 'This button could not be read. Run `/phone drift`.';
        return void (await note(why));
      }
      const check = found.value;
      const channel = await directMessageChannel(client, body.user.id);
      if (!channel) return void (await note('Your direct messages with the app could not be opened.'));
      const report = driftReportMessage(check);
      await client.chat.postMessage({ channel, text: report.text, blocks: report.blocks });
      await client.files.uploadV2({
        channel_id: channel,
        file: driftFile(check),
        filename: driftFileName(check),
        title: `Differences between ${check.system} and Switchboard`,
      });
    } catch (error) {
      logger.error('showing a drift report failed', error);
      await note(failureText(error)).catch(() => {});
    }
  });
  const names = (people: string[]) =>
    someOf(
      people.map((email) => showText(email)),
      10,
    );
  app.action(
    ACTIONS.driftKeep,
    listener(
      keepSwitchboards,
      (system, people) =>
        `:arrows_counterclockwise: ${system} is being given Switchboard's values again for ${names(people)}. See how it goes with \`/phone sync\`.`,
    ),
  );
  app.action(
    ACTIONS.driftTake,
    listener(
      takePhoneSystems,
      (system, people) =>
        `:white_check_mark: Switchboard took ${system}'s values for ${names(people)}. Their history shows each change.`,
    ),
  );
}
