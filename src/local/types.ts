import type { Clock } from './clock.ts';

export type FakeSlackOptions = {
  /** Web API calls must carry it as `Authorization: Bearer` (or as the form field `token`). */
  botToken: string;
  /** The driver signs every request to the app with it. */
  signingSecret: string;
  /**
   * The app-level token (`xapp-…`) for Socket Mode: `apps.connections.open` with it returns a local `ws://` URL,
   * and while the app is connected there, everything reaches it over the socket instead of HTTP.
   */
  appToken?: string;
  /** The app's endpoint, e.g. `http://127.0.0.1:3999/slack/events`; may be set later with `setRequestUrl`. */
  requestUrl?: string;
  clock?: Clock;
  teamId?: string;
  port?: number;
  /**
   * How long the stand-in waits for an acknowledgement before it acts as Slack does when one is late (3 s, Slack's
   * own limit, unless set). Tests widen it: on a loaded machine any process can stall for seconds, and a test's
   * outcome must not depend on that.
   */
  ackDeadlineMs?: number;
  /**
   * What the page's "phone system" view shows, read afresh on each request: plain JSON with nothing secret in it.
   * The stand-in knows nothing of the phone system beyond this; without it the page has no such view.
   */
  phoneSystemView?: () => unknown;
  /** What the page's "SIP server" view shows (its state, the phones registered), read afresh on each request. */
  sipServerView?: () => Promise<unknown>;
};

export type AckResult = { status: number; body: string; json?: unknown; latencyMs: number };

export type InputValue =
  | { type: 'plain_text_input'; value: string }
  | { type: 'static_select'; selected_option: { value: string } | null }
  | { type: 'multi_users_select'; selected_users: string[] }
  | { type: 'users_select'; selected_user: string | null }
  | { type: string; [k: string]: unknown };

export type Message = {
  ts: string;
  channel: string;
  user?: string;
  bot_id?: string;
  app_id?: string;
  subtype?: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
  /** On a reply: who wrote the thread's first message. */
  parent_user_id?: string;
  files?: unknown[];
  edited?: { user: string; ts: string };
};

export type Ephemeral = {
  id: string;
  channel: string;
  user: string;
  text: string;
  blocks?: unknown[];
  ts: string;
  /** Shown in that thread only, as Slack shows an ephemeral message posted with `thread_ts`. */
  thread_ts?: string;
};
export type EphemeralRef = { ephemeralId: string };

/** A view as Slack stores it; `errors` is what the person sees under input blocks after `response_action: errors`. */
export type View = {
  id: string;
  hash: string;
  type: 'modal' | 'home';
  team_id: string;
  app_id: string;
  bot_id: string;
  callback_id?: string;
  private_metadata?: string;
  external_id?: string;
  title: unknown;
  blocks: unknown[];
  submit?: unknown;
  close?: unknown;
  state: { values: Record<string, Record<string, unknown>> };
  root_view_id: string | null;
  previous_view_id: string | null;
  notify_on_close: boolean;
  clear_on_close: boolean;
  errors?: Record<string, string>;
};

export type ApiCall = {
  method: string;
  args: Record<string, unknown>;
  ok: boolean;
  error?: string;
  /** The HTTP status of the answer: 200, ok or not, unless a fault answered 429 or 5xx (see `failCalls`). */
  status: number;
  at: number;
};

/**
 * What Slack answers instead of running a Web API call: a rate limit, HTTP 429 with `Retry-After` (whole
 * seconds) and `{"ok":false,"error":"ratelimited"}`, or an outage, a bare HTTP 5xx. These are the only answers
 * with a status other than 200; every other failure is HTTP 200 with `ok: false`.
 */
export type FaultAnswer = { status: 429; retryAfterSeconds: number } | { status: 500 | 502 | 503 | 504 };

/** Which Web API calls `failCalls` answers with a fault, and how many of them. */
export type CallFault = {
  /** The method, e.g. `chat.update`. */
  method: string;
  answer: FaultAnswer;
  /** How many matching calls get the answer before the method works again: 1 by default, or `Infinity`. */
  times?: number;
  /** Only calls whose arguments pass get the answer, e.g. the chat.update of one message. */
  when?: (args: Record<string, unknown>) => boolean;
};

/** Which Web API calls `holdCalls` runs but answers only once released, and how many of them. */
export type CallHold = {
  method: string;
  /** How many matching calls are held: 1 by default, or `Infinity`. */
  times?: number;
  /** Only calls whose arguments pass are held, e.g. the chat.postMessage in one thread. */
  when?: (args: Record<string, unknown>) => boolean;
};

/** A hold in force: how many calls wait for their answer now, and the release of all of them. */
export type HoldHandle = { holding(): number; release(): void };

/** A fault in force: how many more calls it will answer, and a way to lift it before they are spent. */
export type FaultHandle = { remaining(): number; lift(): void };

/** One answer the app posted to a response_url Slack gave one person, with the JSON body as sent. */
export type ResponsePost = { user: string; channel: string; body: Record<string, unknown>; at: number };

export type SeedUser = {
  id: string;
  name: string;
  realName: string;
  /** The name Slack shows and completes after `@` when set (profile.display_name); the handle otherwise. */
  displayName?: string;
  email?: string;
  tz?: string;
  isBot?: boolean;
  deleted?: boolean;
  /**
   * A member of another organization seen through a shared channel (Slack Connect): users.info gives their own
   * team's id, and `stranger` marks one who shares no channel with the person asking.
   */
  externalTeamId?: string;
  stranger?: boolean;
};

/** `members` absent means everybody is in the channel; `botIsMember: false` models an app not yet invited. */
export type SeedChannel = {
  id: string;
  name: string;
  isPrivate?: boolean;
  members?: string[];
  botIsMember?: boolean;
};

export type SlashArgs = {
  user: string;
  channel: string;
  text: string;
  command?: string;
  /**
   * Typed in this thread's reply box. Slack's payload says nothing of the thread (no thread_ts), but what the app
   * answers through the ack or the command's response_url shows in the thread.
   */
  threadTs?: string;
};

export type ClickArgs = {
  user: string;
  actionId: string;
  value?: string;
  blockId?: string;
  message?: { channel: string; ts: string } | EphemeralRef;
  viewId?: string;
  selectedUsers?: string[];
  selectedOption?: { value: string; text?: string };
  /** For a choice in a modal: what the person has entered in the form so far, as for `submit`. */
  values?: Record<string, Record<string, InputValue>>;
  /**
   * The message as the person's Slack still shows it, when the app has changed it since (a second device, or a
   * client that has not refreshed yet): the click is on that copy's buttons, which Slack sends all the same.
   */
  seen?: Message | Ephemeral;
};

export type SubmitArgs = { user: string; viewId: string; values: Record<string, Record<string, InputValue>> };

export type DeliverEventOptions = { retryNum?: number; retryReason?: string; eventId?: string };

/** How Slack marks a retry: `x-slack-retry-num` (1 to 3) and `x-slack-retry-reason`. */
export type RetryOptions = { retryNum?: number; retryReason?: string };

/** One Events API request as the stand-in sent it, to be sent again with `retryEvent`. */
export type EventDelivery = { eventId: string; envelope: Record<string, unknown>; ack: AckResult };

/** What an upload left: the file, its file_share message, and the two events Slack sent (message first). */
export type UploadResult = { fileId: string; ts: string; deliveries: EventDelivery[] };

export type UploadFileArgs = {
  user: string;
  channel: string;
  filename: string;
  content: Buffer | string;
  comment?: string;
  mimetype?: string;
  /** A reply in this message's thread, as when the file is dropped into Slack's thread pane. */
  threadTs?: string;
};

/** A plain message a person posts, in the channel or as a reply in a thread. */
export type SayArgs = { user: string; channel: string; text: string; threadTs?: string };

/** The message posted, and the `message` event Slack sent the app (none when the app is not in the channel). */
export type SayResult = { ts: string; delivery: EventDelivery | undefined };

export type SignMode = 'valid' | 'wrong-secret' | 'stale' | 'none';

export type SendRawArgs = {
  body: string;
  contentType: string;
  headers?: Record<string, string>;
  sign?: SignMode;
};

export interface FakeSlack {
  readonly apiUrl: string;
  readonly baseUrl: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly teamId: string;
  readonly appId: string;
  setRequestUrl(url: string): void;
  stop(): Promise<void>;
  reset(): void;

  addUser(u: SeedUser): void;
  addChannel(c: SeedChannel): void;

  slash(a: SlashArgs): Promise<AckResult>;
  click(a: ClickArgs): Promise<AckResult>;
  submit(a: SubmitArgs): Promise<AckResult>;
  closeView(a: { user: string; viewId: string }): Promise<AckResult>;
  deliverEvent(event: Record<string, unknown>, opts?: DeliverEventOptions): Promise<AckResult>;
  uploadFile(a: UploadFileArgs): Promise<UploadResult>;
  /** A person posts a plain message (text as Slack's client sends it: `<@U…>` mentions, `&amp;` escapes). */
  say(a: SayArgs): Promise<SayResult>;
  /** The person opens the app's Home tab; the app_home_opened delivery can be sent again with `retryEvent`. */
  openHome(user: string): Promise<EventDelivery>;
  /** Slack's retry of an event already delivered: the same envelope and event_id, with the retry headers. */
  retryEvent(delivery: EventDelivery, opts?: RetryOptions): Promise<AckResult>;
  sendRaw(a: SendRawArgs): Promise<AckResult>;

  messages(channel: string): Message[];
  ephemerals(user: string, channel?: string): Ephemeral[];
  /**
   * Every answer the app sent through the response_urls of `user`'s commands and clicks (of everyone's without
   * a user), oldest first: what a later `replace_original` showed instead does not erase it.
   */
  responses(user?: string): ResponsePost[];
  dmChannel(user: string): string;
  openViews(user: string): View[];
  homeView(user: string): View | undefined;
  apiCalls(method?: string): ApiCall[];
  /**
   * Makes Slack answer Web API calls with a rate limit or an outage instead of running them, e.g.
   * `failCalls({ method: 'chat.update', times: 2, answer: { status: 429, retryAfterSeconds: 1 } })`. The calls
   * are journaled in `apiCalls` with their status; `reset()` lifts every fault.
   */
  failCalls(fault: CallFault): FaultHandle;
  /**
   * Makes Slack run Web API calls but keep their answers until `release()`, as on a slow network, e.g. the
   * chat.postMessage of one thread: the message is posted, and the app waits for Slack's answer.
   */
  holdCalls(hold: CallHold): HoldHandle;
  /**
   * Limits a Web API method as Slack does (a token bucket per method: `perMinute`, bursts of `burst`): a call over
   * the limit gets HTTP 429, `ratelimited` and Retry-After. Off by default, for speed; lifted by `reset()`.
   */
  limitRate(method: string, limit: { perMinute: number; burst: number }): void;
  /** The bytes of a file uploaded to the workspace (by a person or by the app), once its upload is complete. */
  fileContent(fileId: string): Buffer | undefined;
  /** How many times a file's bytes were served to a request carrying the bot token. */
  fileDownloads(fileId: string): number;
  /** Open Socket Mode connections from the app. */
  socketConnections(): number;
  violations(): string[];
  waitFor<T>(probe: () => T | undefined | false, opts?: { timeoutMs?: number }): Promise<T>;
}
