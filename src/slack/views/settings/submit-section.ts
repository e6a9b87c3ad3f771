import type { App } from '@slack/bolt';
import type { DomainError } from '../../../domain/errors.ts';
import type { Result } from '../../../domain/result.ts';
import { changeAudience } from '../../../services/audience.ts';
import type { Actor, Deps } from '../../../services/context.ts';
import { whileCurrent } from '../../../services/settings/core.ts';
import { settingsForm } from '../../../services/settings/forms.ts';
import type { Message } from '../../blocks/message.ts';
import { announce } from '../../deliver.ts';
import { type Errors, onSubmission, type SubmissionArgs } from '../../listener.ts';
import { slackNames } from '../../names.ts';
import { formErrorText } from '../../replies.ts';
import type { Runtime } from '../../runtime.ts';
import { decodeFormMetadata } from './metadata.ts';
import { summaryView } from './sections.ts';

type Args = SubmissionArgs;
export type SectionRef = { kind: 'directory'; id: number; raw: string };
export type { Errors };
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
 * Saving one section of the settings form: the change runs only if nobody changed the user since the form was
 * opened; errors show under the field; on success the form closes, the summary underneath is redrawn and the
 * channel told.
 */
export function registerSectionSubmit<I, R>(app: App, runtime: Runtime, section: SectionSubmit<I, R>): void {
  onSubmission(app, runtime, {
    callbackId: section.callbackId,
    name: `saving ${section.what}`,
    generalBlock: section.generalBlock,
    run: async ({ deps, actor, args }) => {
      const { view, client, context, logger } = args;
      const metadata = decodeFormMetadata(view.private_metadata);
      if (!metadata) {
        return {
          errors: {
            [section.generalBlock]: 'This form could not be read; close it and open the settings again.',
          },
        };
      }
      const read = section.read(view.state.values);
      if (!read.ok) return { errors: read.errors };
      const { directoryUserId: id, channelId } = metadata;
      const ref: SectionRef = { kind: 'directory', id, raw: `#${id}` };
      const snapshot = { version: metadata.version, openedAt: metadata.openedAt };
      const current = <T>(change: () => Promise<T>) => whileCurrent(snapshot, change);
      const botToken = context.botToken ?? '';
      const saved = await section.save(deps, actor, ref, read.input, { client, botToken, current });
      if (!saved.ok) {
        const names = await slackNames(client, saved.error);
        const say: Say = (error) => formErrorText(error, names);
        return {
          errors: section.errorBlocks?.(saved.error, say) ?? { [section.generalBlock]: say(saved.error) },
        };
      }
      return {
        close: true,
        after: async () => {
          const message = section.message(actor.slackUserId, saved.value);
          const summaryViewId = view.previous_view_id ?? undefined;
          await afterSettingsChange(
            deps,
            { client, logger },
            { actor, ref, summaryViewId, channelId, message },
          );
        },
      };
    },
  });
}

/** A change made in the settings form, as the form knows it: who, whose settings, and where it was opened. */
export type SettingsChange = {
  actor: Actor;
  ref: SectionRef;
  /** The summary under the section or list, redrawn so that it shows the new values and their version. */
  summaryViewId: string | undefined;
  channelId: string | undefined;
  /** What the change says in the channel; undefined when nothing changed. */
  message: Message | undefined;
};

/** After a change in the settings form: the summary underneath redrawn, and the change announced. */
export async function afterSettingsChange(
  deps: Deps,
  { client, logger }: Pick<SubmissionArgs, 'client' | 'logger'>,
  { actor, ref, summaryViewId, channelId, message }: SettingsChange,
): Promise<void> {
  const form = summaryViewId ? await settingsForm(deps, actor, ref) : undefined;
  if (summaryViewId && form?.ok) {
    await client.views
      .update({ view_id: summaryViewId, view: summaryView(form.value, channelId, deps.clock.now()) })
      .catch((error: unknown) => logger.warn(`Could not refresh the settings summary: ${String(error)}`));
  }
  if (!message) return;
  const audience = await changeAudience(deps, actor);
  await announce(client, audience, { channelId, actor: actor.slackUserId }, message, logger);
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
