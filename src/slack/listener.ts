import type {
  AllMiddlewareArgs,
  App,
  BlockButtonAction,
  Logger,
  SlackActionMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackViewMiddlewareArgs,
  types,
} from '@slack/bolt';
import type { DomainError } from '../domain/errors.ts';
import type { Err } from '../domain/result.ts';
import type { Actor, Deps } from '../services/context.ts';
import { type Message, plain, plainSection, textMessage } from './blocks/message.ts';
import { privateNoteModal } from './blocks/settings-changes.ts';
import { deliver } from './deliver.ts';
import { formError } from './names.ts';
import type { Outcome } from './outcome.ts';
import { errorText } from './replies.ts';
import { failureText, type Runtime, STARTING } from './runtime.ts';

export type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;
export type SubmissionArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs;
export type EventArgs<E extends string> = AllMiddlewareArgs & SlackEventMiddlewareArgs<E>;

/**
 * Bolt runs the matcher of every listener it has for every request, a `/phone` command included (about 9 µs
 * each here): every button goes through one Bolt listener and every form submission through another, each of which
 * finds its handler by action_id or callback_id in a table. An id nobody registered is left unanswered, as Bolt
 * leaves a request no listener matches.
 */
const buttonRoutes = new WeakMap<App, Map<string, (args: ButtonArgs) => Promise<void>>>();
const submissionRoutes = new WeakMap<App, Map<string, (args: SubmissionArgs) => Promise<void>>>();

/** The action_ids and callback_ids an app's buttons and forms are routed by. */
export function routedIds(app: App): { actions: string[]; views: string[] } {
  return {
    actions: [...(buttonRoutes.get(app)?.keys() ?? [])],
    views: [...(submissionRoutes.get(app)?.keys() ?? [])],
  };
}

export function routeButton(app: App, actionId: string, handle: (args: ButtonArgs) => Promise<void>): void {
  let routes = buttonRoutes.get(app);
  if (!routes) {
    const table = new Map<string, (args: ButtonArgs) => Promise<void>>();
    app.action<BlockButtonAction>({ type: 'block_actions' }, async (args) => {
      await table.get(args.action.action_id)?.(args);
    });
    buttonRoutes.set(app, table);
    routes = table;
  }
  if (routes.has(actionId)) throw new Error(`Two listeners for the button ${actionId}`);
  routes.set(actionId, handle);
}

function routeSubmission(
  app: App,
  callbackId: string,
  handle: (args: SubmissionArgs) => Promise<void>,
): void {
  let routes = submissionRoutes.get(app);
  if (!routes) {
    const table = new Map<string, (args: SubmissionArgs) => Promise<void>>();
    app.view({ type: 'view_submission' }, async (args) => {
      await table.get(args.view.callback_id)?.(args);
    });
    submissionRoutes.set(app, table);
    routes = table;
  }
  if (routes.has(callbackId)) throw new Error(`Two listeners for the form ${callbackId}`);
  routes.set(callbackId, handle);
}

/** Words for the person who clicked or submitted: a line of text, or a message with blocks. */
export type Say = (message: string | Message) => Promise<unknown>;

/**
 * What a listener answers: a line for the person alone, a refusal (worded where it is shown), an Outcome to
 * deliver, or nothing (it answered already, or there is nobody to answer).
 */
export type Answer = string | Err | Outcome | undefined;

/** Where the answers to a button go, and how a refusal is worded there. */
export type Surface = {
  say: Say;
  refusal: (error: DomainError) => string | Promise<string>;
  deliver?: (outcome: Outcome) => Promise<void>;
};

/** A refusal as a reply words it. */
export const warning = (error: DomainError): string => `:warning: ${errorText(error)}`;

/** A reply beside the message the button was on, through its response_url: only the clicker sees it. */
export function beside(args: ButtonArgs): Surface {
  const { respond, client, logger, body } = args;
  return {
    say: (message) =>
      respond({ response_type: 'ephemeral', replace_original: false, ...textOrMessage(message) }),
    refusal: warning,
    deliver: (outcome) => deliver(outcome, { respond, client, logger, triggerId: body.trigger_id }),
  };
}

/** A note as everything inside a form is written: plain text (see formErrorText). */
const plainNote = (message: string | Message): Message => {
  const text = plain(typeof message === 'string' ? message : message.text);
  return { text, blocks: [plainSection(text)] };
};

/**
 * A small modal only the clicker sees, for a button with no response_url (the Home tab, a modal): pushed on top of
 * a modal, opened over anything else. Its text is plain unless `note` says otherwise; a refusal names people as
 * Slack names them.
 */
export function noteModal(title: string, note: (message: string | Message) => Message = plainNote) {
  return ({ body, client }: ButtonArgs): Surface => ({
    say: async (message) => {
      const view = privateNoteModal(title, note(message));
      if (body.view?.type === 'modal') await client.views.push({ trigger_id: body.trigger_id, view });
      else await client.views.open({ trigger_id: body.trigger_id, view });
    },
    refusal: async (error) => `:warning: ${await formError(client, error)}`,
  });
}

/** The same surface, with every line of text sent as a message with blocks (as the prompt beside it has). */
export const inBlocks = (surface: Surface): Surface => ({
  ...surface,
  say: (message) => surface.say(asMessage(message)),
});

/** The message the button was on, replaced by a line of text (a prompt that can no longer be answered). */
export const replaceWith = async ({ respond }: ButtonArgs, text: string): Promise<undefined> => {
  await respond({ replace_original: true, text });
  return undefined;
};

/** A Cancel button: it replaces its prompt with `text`, and needs nothing of the app, so it works while it starts. */
export function onCancel(app: App, actionId: string, text: string): void {
  routeButton(app, actionId, async (args: ButtonArgs) => {
    await args.ack();
    await replaceWith(args, text);
  });
}

export type Click = { deps: Deps; actor: Actor; args: ButtonArgs; say: Say };

export type ButtonListener = {
  /** Names the listener in the log: "<name> failed". */
  name: string;
  /** Where answers go; a reply beside the message unless said otherwise. */
  surface?: (args: ButtonArgs) => Surface;
  /** While the app starts, the clicker is told so, or (where the button never answered then) nothing happens. */
  whileStarting?: 'tell' | 'silent';
  /** The words of an unexpected failure; ":x: " and the failure text unless said otherwise. */
  failed?: (error: unknown) => string;
  run: (click: Click) => Promise<Answer>;
};

/**
 * A button: acknowledged at once; answered "still starting" until the app is ready; its answer sent where the
 * surface sends it; an unexpected failure logged under the listener's name and told to the clicker as such.
 * Who may do what is the services' to decide (they audit a refusal); a refusal comes back as an Err.
 */
export function onButton(app: App, runtime: Runtime, actionId: string, listener: ButtonListener): void {
  routeButton(app, actionId, async (args: ButtonArgs) => {
    await args.ack();
    const surface = (listener.surface ?? beside)(args);
    const deps = runtime.deps();
    if (!deps) {
      if (listener.whileStarting !== 'silent') await surface.say(STARTING);
      return;
    }
    try {
      const answer = await listener.run({
        deps,
        actor: { slackUserId: args.body.user.id },
        args,
        say: surface.say,
      });
      await send(surface, answer);
    } catch (error) {
      args.logger.error(`${listener.name} failed`, error);
      const text = listener.failed?.(error) ?? `:x: ${failureText(error)}`;
      await surface.say(text).catch(() => {});
    }
  });
}

async function send(surface: Surface, answer: Answer): Promise<void> {
  if (answer === undefined) return;
  if (typeof answer === 'string') return void (await surface.say(answer));
  if ('ok' in answer) return void (await surface.say(await surface.refusal(answer.error)));
  if (surface.deliver) return surface.deliver(answer);
  // A surface without a response_url shows only the reply of an outcome.
  if (answer.ephemeral) await surface.say(answer.ephemeral);
}

export type Errors = Record<string, string>;
export type Submission = { deps: Deps; actor: Actor; args: SubmissionArgs };

/**
 * What a form answers in its acknowledgement: errors under its fields (it stays open), close it, or replace it by
 * the next form. After that, `after` may go on for longer than Slack's 3 seconds, its answer told to the submitter
 * by `tell`.
 */
export type Verdict =
  | { errors: Errors }
  | (({ close: true } | { update: types.ModalView }) & { after?: () => Promise<Answer>; tell?: Say });

export type SubmissionListener = {
  callbackId: string;
  /** Names the listener in the log: "<name> failed". */
  name: string;
  /** The block that shows what belongs to no one field: "still starting", an outage. */
  generalBlock: string;
  run: (submission: Submission) => Promise<Verdict>;
};

/**
 * A form's submission: "still starting" and unexpected failures under its general block, in plain text as a form
 * shows it; an Err after the form closed is worded as a reply, like a button's.
 */
export function onSubmission(app: App, runtime: Runtime, listener: SubmissionListener): void {
  routeSubmission(app, listener.callbackId, async (args: SubmissionArgs) => {
    const { ack, logger } = args;
    const general = (text: string) =>
      ack({ response_action: 'errors', errors: { [listener.generalBlock]: text } });
    const deps = runtime.deps();
    if (!deps) return void (await general(STARTING));
    let verdict: Verdict;
    try {
      verdict = await listener.run({ deps, actor: { slackUserId: args.body.user.id }, args });
    } catch (error) {
      logger.error(`${listener.name} failed`, error);
      return void (await general(failureText(error).replace(/`/g, '')));
    }
    if ('errors' in verdict) return void (await ack({ response_action: 'errors', errors: verdict.errors }));
    await ('update' in verdict ? ack({ response_action: 'update', view: verdict.update }) : ack());
    if (!verdict.after) return;
    const tell = verdict.tell ?? (async () => {});
    try {
      const answer = await verdict.after();
      if (typeof answer === 'string') await tell(answer);
      else if (answer && 'ok' in answer) await tell(warning(answer.error));
      else if (answer?.ephemeral) await tell(answer.ephemeral);
    } catch (error) {
      logger.error(`${listener.name} failed`, error);
      await tell(`:x: ${failureText(error)}`).catch(() => {});
    }
  });
}

export type EventListener<E extends string> = {
  /** Names the listener in the log: "<name> failed". */
  name: string;
  run: (deps: Deps, args: EventArgs<E>) => Promise<void>;
};

/**
 * An event nobody asked an answer to (Slack acknowledges it before any listener runs): ignored while the app
 * starts, and an unexpected failure only logged.
 */
export function onEvent<E extends string>(
  app: App,
  runtime: Runtime,
  event: E,
  listener: EventListener<E>,
): void {
  app.event(event, async (args: EventArgs<E>) => {
    const deps = runtime.deps();
    if (!deps) return void args.logger.debug(`${listener.name}: still starting, ${event} ignored`);
    await logFailure(args.logger, listener.name, () => listener.run(deps, args));
  });
}

/** Runs a listener's work; a failure is logged under its name and goes no further (Slack has nobody to tell). */
export async function logFailure(logger: Logger, name: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    logger.error(`${name} failed`, error);
  }
}

/** What a chat API call takes of a line of text (only text) or of a message (text and blocks). */
export const textOrMessage = (message: string | Message): { text: string; blocks?: Message['blocks'] } =>
  typeof message === 'string' ? { text: message } : message;

/** A line of text as a message with blocks, for a surface that shows only messages. */
export const asMessage = (message: string | Message): Message =>
  typeof message === 'string' ? textMessage(message) : message;
