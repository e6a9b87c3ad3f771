import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { DomainError } from '../../../domain/errors.ts';
import type { Result } from '../../../domain/result.ts';
import { changeAudience } from '../../../services/audience.ts';
import type { Deps } from '../../../services/context.ts';
import { whileCurrent } from '../../../services/settings/core.ts';
import type { Message } from '../../blocks/message.ts';
import { announce } from '../../deliver.ts';
import { slackNames } from '../../names.ts';
import { formErrorText } from '../../replies.ts';
import { failureText, type Runtime, STARTING } from '../../runtime.ts';
import { decodeFormMetadata } from './metadata.ts';
import { refreshSummary } from './submit-hours.ts';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs;
export type SectionRef = { kind: 'directory'; id: number; raw: string };
export type Errors = Record<string, string>;
/** A refusal as plain text for the form, people named as Slack names them. */
export type Say = (error: DomainError) => string;
export type Read<I> = { ok: true; input: I } | { ok: false; errors: Errors };
/**
 * What a save may need besides the form: Slack's client and the bot token (to download an uploaded file), and
 * `current`, which runs a change only if nobody changed the user since the form was opened.
 */
export type SaveContext = {
  client: Args['client'];
  botToken: string;
  current: <T>(change: () => Promise<T>) => Promise<T>;
};

/** One section of the settings form: how its values are read, saved, shown as errors and announced. */
export type SectionSubmit<I, R> = {
  callbackId: string;
  /** The block that shows what belongs to no one field (a stale form, an outage). */
  generalBlock: string;
  what: string;
  read: (values: Args['view']['state']['values']) => Read<I>;
  save: (
    deps: Deps,
    actor: { slackUserId: string },
    ref: SectionRef,
    input: I,
    ctx: SaveContext,
  ) => Promise<Result<R>>;
  /** The refusal under the fields at fault, in the words `say` gives; left out, it shows under the general block. */
  errorBlocks?: (error: DomainError, say: Say) => Errors | undefined;
  /** The channel message of a save; undefined when nothing changed (nothing is posted). */
  message: (actor: string, result: R) => Message | undefined;
};

/**
 * Saving one section of the settings form, as the business hours do: the change runs only if nobody changed the
 * user since the form was opened; errors show under the field; on success the form closes, the summary underneath
 * is redrawn and the channel told.
 */
export function registerSectionSubmit<I, R>(app: App, runtime: Runtime, section: SectionSubmit<I, R>): void {
  app.view(section.callbackId, async ({ ack, body, view, client, context, logger }: Args) => {
    const general = (text: string) =>
      ack({ response_action: 'errors', errors: { [section.generalBlock]: text } });
    const deps = runtime.deps();
    if (!deps) return void (await general(STARTING));
    const metadata = decodeFormMetadata(view.private_metadata);
    if (!metadata)
      return void (await general('This form could not be read; close it and open the settings again.'));
    const read = section.read(view.state.values);
    if (!read.ok) return void (await ack({ response_action: 'errors', errors: read.errors }));
    const actor = { slackUserId: body.user.id };
    const ref: SectionRef = {
      kind: 'directory',
      id: metadata.directoryUserId,
      raw: `#${metadata.directoryUserId}`,
    };
    let saved: Result<R>;
    try {
      const snapshot = { version: metadata.version, openedAt: metadata.openedAt };
      const current = <T>(change: () => Promise<T>) => whileCurrent(snapshot, change);
      saved = await section.save(deps, actor, ref, read.input, {
        client,
        botToken: context.botToken ?? '',
        current,
      });
    } catch (error) {
      logger.error(`saving ${section.what} failed`, error);
      return void (await general(failureText(error).replace(/`/g, '')));
    }
    if (!saved.ok) {
      const names = await slackNames(client, saved.error);
      const say: Say = (error) => formErrorText(error, names);
      const errors = section.errorBlocks?.(saved.error, say) ?? { [section.generalBlock]: say(saved.error) };
      return void (await ack({ response_action: 'errors', errors }));
    }
    await ack();
    await refreshSummary(runtime, client, actor, ref, view.previous_view_id ?? undefined, metadata.channelId);
    const message = section.message(actor.slackUserId, saved.value);
    if (message) {
      const audience = await changeAudience(deps, actor);
      await announce(
        client,
        audience,
        { channelId: metadata.channelId, actor: actor.slackUserId },
        message,
        logger,
      );
    }
  });
}

/** Each problem of a SETTINGS_INVALID under the block of its key; the rest under `fallback`. */
export function problemErrors(
  error: DomainError,
  blockOfKey: Record<string, string>,
  fallback: string,
  say: Say,
): Errors | undefined {
  if (error.code !== 'SETTINGS_INVALID') return undefined;
  const errors: Errors = {};
  for (const problem of error.problems) {
    const block = blockOfKey[problem.key] ?? fallback;
    const text = say({ code: 'SETTINGS_INVALID', problems: [problem] }).replace(
      /^Nothing was changed:\n• /,
      '',
    );
    errors[block] = errors[block] ? `${errors[block]} ${text}` : text;
  }
  return errors;
}

/** Messages of one save that changed several things, as one channel message. */
export function joinMessages(messages: (Message | undefined)[]): Message | undefined {
  const present = messages.filter((m): m is Message => m !== undefined);
  if (present.length === 0) return undefined;
  return { text: present.map((m) => m.text).join('\n'), blocks: present.flatMap((m) => m.blocks) };
}
