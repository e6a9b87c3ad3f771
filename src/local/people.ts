import { handleBareAck, handleSlashAck, handleViewSubmissionAck, wasLate } from './ack-handling.ts';
import { buildStateValues } from './block-kit/view-state.ts';
import type { Driver } from './driver.ts';
import { guessMimetype, toSlackFile } from './file-object.ts';
import { actionEntry, channelName, eventEnvelope, findElement, interactionBase } from './payloads.ts';
import type { ChannelRecord, FileRecord, InteractionSource, Store } from './store.ts';
import type {
  AckResult,
  ClickArgs,
  DeliverEventOptions,
  EventDelivery,
  InputValue,
  Message,
  RetryOptions,
  SayArgs,
  SayResult,
  SlashArgs,
  SubmitArgs,
  UploadFileArgs,
  UploadResult,
  View,
} from './types.ts';
import { toWireMessage } from './web-api/chat.ts';
import { toWireView } from './web-api/view-shape.ts';

/** What a person does in Slack, turned into the signed requests Slack sends to the app. */
export class People {
  constructor(
    private readonly store: Store,
    private readonly driver: Driver,
  ) {}

  private user(id: string): void {
    if (!this.store.users.has(id)) {
      throw new Error(`fake-slack: unknown user ${id}; seed it with addUser() first`);
    }
  }

  private channel(ref: string): ChannelRecord {
    const channel = this.store.resolveChannel(ref);
    if (!channel) throw new Error(`fake-slack: unknown channel ${ref}; seed it with addChannel() first`);
    return channel;
  }

  private topView(user: string, viewId: string): View {
    const stack = this.store.stack(user);
    const top = stack.at(-1);
    if (!top || top.id !== viewId) {
      const open = stack.map((v) => v.id).join(', ') || 'none';
      throw new Error(
        `fake-slack: ${viewId} is not the modal on top for ${user} (open, bottom first: ${open})`,
      );
    }
    return top;
  }

  /** The first message of the thread `threadTs` names; a reply or a message elsewhere is refused. */
  private threadRoot(channel: ChannelRecord, threadTs: string): Message {
    const root = this.store.findMessage(channel.id, threadTs);
    if (!root || (root.thread_ts !== undefined && root.thread_ts !== root.ts))
      throw new Error(`fake-slack: no thread ${threadTs} in ${channel.id} to reply in`);
    return root;
  }

  async slash(a: SlashArgs): Promise<AckResult> {
    this.user(a.user);
    const channel = this.channel(a.channel);
    const { identity } = this.store;
    const command = a.command ?? '/phone';
    // Slack sends the command without the thread; only where its answers show tells the thread apart.
    const thread = a.threadTs === undefined ? {} : { threadTs: this.threadRoot(channel, a.threadTs).ts };
    const ack = await this.driver.sendSlash({
      token: identity.verificationToken,
      team_id: identity.teamId,
      team_domain: identity.teamDomain,
      channel_id: channel.id,
      channel_name: channelName(channel),
      user_id: a.user,
      user_name: this.store.users.get(a.user)?.name ?? a.user,
      command,
      text: a.text,
      api_app_id: identity.appId,
      is_enterprise_install: 'false',
      response_url: this.store.issueResponseUrl({ channel: channel.id, user: a.user, ...thread }),
      trigger_id: this.store.issueTrigger(a.user),
    });
    handleSlashAck(this.store, { channel: channel.id, user: a.user, command, ...thread }, ack);
    return ack;
  }

  /** Where the clicked element lives, and the payload fields that say so. */
  private locate(a: ClickArgs): {
    blocks: unknown[];
    fields: Record<string, unknown>;
    source?: InteractionSource;
    threadTs?: string;
  } {
    const { store } = this;
    if (a.viewId) {
      const found = store.findView(a.viewId);
      if (!found) throw new Error(`fake-slack: no open view ${a.viewId}`);
      const { view } = found;
      return {
        blocks: view.blocks,
        fields: { container: { type: 'view', view_id: view.id }, view: toWireView(view), state: view.state },
      };
    }
    if (a.message && 'ephemeralId' in a.message) {
      const id = a.message.ephemeralId;
      const ephemeral = store.ephemerals.find((e) => e.id === id && e.user === a.user);
      if (!ephemeral) throw new Error(`fake-slack: ${a.user} sees no ephemeral message ${id}`);
      const channel = this.channel(ephemeral.channel);
      return {
        blocks: (a.seen ?? ephemeral).blocks ?? [],
        fields: {
          container: {
            type: 'message',
            message_ts: ephemeral.ts,
            channel_id: channel.id,
            is_ephemeral: true,
          },
          channel: { id: channel.id, name: channelName(channel) },
          state: { values: {} },
        },
        source: { kind: 'ephemeral', id },
        ...(ephemeral.thread_ts ? { threadTs: ephemeral.thread_ts } : {}),
      };
    }
    if (!a.message) {
      throw new Error('fake-slack: click() needs message (channel + ts, or ephemeralId) or viewId');
    }
    const channel = this.channel(a.message.channel);
    const message = store.findMessage(channel.id, a.message.ts);
    if (!message) throw new Error(`fake-slack: no message ${a.message.ts} in ${channel.id}`);
    const shown = a.seen ? { ...message, text: a.seen.text, blocks: a.seen.blocks ?? [] } : message;
    return {
      blocks: shown.blocks ?? [],
      fields: {
        container: { type: 'message', message_ts: message.ts, channel_id: channel.id, is_ephemeral: false },
        channel: { id: channel.id, name: channelName(channel) },
        message: toWireMessage(store, shown),
        state: { values: {} },
      },
      source: { kind: 'message', channel: channel.id, ts: message.ts },
      // A reply's buttons answer in its thread; a thread's first message answers in the channel.
      ...(message.thread_ts && message.thread_ts !== message.ts ? { threadTs: message.thread_ts } : {}),
    };
  }

  async click(a: ClickArgs): Promise<AckResult> {
    this.user(a.user);
    if (a.viewId) this.fillIn(a);
    else if (a.values) throw new Error('fake-slack: click() takes values only for a view');
    const { blocks, fields, source, threadTs } = this.locate(a);
    const found = findElement(blocks, a.actionId, a.blockId);
    if (!found) throw new Error(`fake-slack: nothing with action_id "${a.actionId}" to click there`);
    const channel = (fields.channel as { id: string } | undefined)?.id;
    const responseUrl =
      channel && source
        ? {
            response_url: this.store.issueResponseUrl({
              channel,
              user: a.user,
              source,
              ...(threadTs ? { threadTs } : {}),
            }),
          }
        : {};
    const ack = await this.driver.sendInteraction({
      ...interactionBase(this.store, 'block_actions', a.user),
      trigger_id: this.store.issueTrigger(a.user),
      ...fields,
      ...responseUrl,
      actions: [actionEntry(this.store, a, found.blockId, found.element)],
    });
    handleBareAck(this.store, 'block_actions', ack);
    return ack;
  }

  /**
   * A choice in a modal: what the person entered so far (`values`) and the choice itself become the view's state,
   * which Slack sends with the block_actions and keeps across a views.update. An element of an input block sends
   * block_actions only when the block asks with `dispatch_action: true`; otherwise its value waits for the submit.
   */
  private fillIn(a: ClickArgs): void {
    const found = this.store.findView(a.viewId ?? '');
    if (!found) throw new Error(`fake-slack: no open view ${a.viewId}`);
    const { view } = found;
    const element = findElement(view.blocks, a.actionId, a.blockId);
    if (!element) throw new Error(`fake-slack: nothing with action_id "${a.actionId}" to click there`);
    const block = view.blocks.find(
      (b) =>
        typeof b === 'object' && b !== null && (b as { block_id?: unknown }).block_id === element.blockId,
    ) as { type?: string; dispatch_action?: boolean } | undefined;
    const given = { ...a.values };
    if (block?.type === 'input') {
      if (block.dispatch_action !== true) {
        throw new Error(
          `fake-slack: input block "${element.blockId}" has no dispatch_action: true, so Slack sends no block_actions when "${a.actionId}" changes; its value comes with the submission`,
        );
      }
      const type = String(element.element.type);
      if (a.selectedOption) {
        const option = actionEntry(this.store, a, element.blockId, element.element);
        const field =
          type === 'checkboxes' || type.startsWith('multi_') ? 'selected_options' : 'selected_option';
        given[element.blockId] = { [a.actionId]: { type, [field]: option[field] } as InputValue };
      }
    }
    view.state = {
      values: buildStateValues(view.id, view.blocks, given, { kept: view.state.values, draft: true }),
    };
  }

  async submit(a: SubmitArgs): Promise<AckResult> {
    this.user(a.user);
    const view = this.topView(a.user, a.viewId);
    if (view.submit === undefined) throw new Error(`fake-slack: view ${view.id} has no submit button`);
    view.state = { values: buildStateValues(view.id, view.blocks, a.values, { kept: view.state.values }) };
    delete view.errors;
    const ack = await this.driver.sendInteraction({
      ...interactionBase(this.store, 'view_submission', a.user),
      trigger_id: this.store.issueTrigger(a.user),
      view: toWireView(view),
      response_urls: [],
    });
    handleViewSubmissionAck(this.store, a.user, view.id, ack);
    this.store.notify();
    return ack;
  }

  /** Close (or ×) on the top modal. Slack tells the app only when the view asked with `notify_on_close`. */
  async closeView(a: { user: string; viewId: string }): Promise<AckResult> {
    const view = this.topView(a.user, a.viewId);
    const stack = this.store.stack(a.user);
    if (view.clear_on_close) stack.length = 0;
    else stack.pop();
    this.store.notify();
    if (!view.notify_on_close) return { status: 0, body: '', latencyMs: 0 };
    const ack = await this.driver.sendInteraction({
      ...interactionBase(this.store, 'view_closed', a.user),
      view: toWireView(view),
      is_cleared: view.clear_on_close,
    });
    handleBareAck(this.store, 'view_closed', ack);
    return ack;
  }

  async deliverEvent(event: Record<string, unknown>, opts: DeliverEventOptions = {}): Promise<AckResult> {
    return (await this.deliver(event, opts)).ack;
  }

  /** Wraps an event in its envelope and sends it; the delivery returned can be sent again with `retryEvent`. */
  private async deliver(event: Record<string, unknown>, opts: DeliverEventOptions): Promise<EventDelivery> {
    const eventId = opts.eventId ?? this.store.ids.next('Ev');
    const envelope = eventEnvelope(this.store, event, eventId);
    const ack = await this.sendEnvelope(envelope, opts);
    return { eventId, envelope, ack };
  }

  /** A person opens the app's Home tab: Slack sends app_home_opened, returned for `retryEvent`. */
  openHome(user: string): Promise<EventDelivery> {
    this.user(user);
    const channel = this.store.dmChannel(user);
    return this.deliver(
      { type: 'app_home_opened', user, channel, tab: 'home', event_ts: this.store.ids.ts() },
      {},
    );
  }

  /**
   * Slack retries an event the app did not acknowledge in time (or answered with an error) with the very same
   * envelope, event_id included, numbering the attempt in `x-slack-retry-num`.
   */
  retryEvent(delivery: EventDelivery, opts: RetryOptions = {}): Promise<AckResult> {
    return this.sendEnvelope(delivery.envelope, { ...opts, retryNum: opts.retryNum ?? 1 });
  }

  private async sendEnvelope(envelope: Record<string, unknown>, opts: RetryOptions): Promise<AckResult> {
    const headers: Record<string, string> =
      opts.retryNum === undefined
        ? {}
        : {
            'x-slack-retry-num': String(opts.retryNum),
            'x-slack-retry-reason': opts.retryReason ?? 'http_timeout',
          };
    const ack = await this.driver.sendEvent(envelope, headers);
    wasLate(this.store, `event ${String((envelope.event as { type?: unknown }).type)}`, ack);
    return ack;
  }

  /** Who a reply is under: the thread's ts and the root's author, in the timeline and in the event. */
  private replyTo(channel: ChannelRecord, threadTs: string | undefined) {
    if (threadTs === undefined) return {};
    const root = this.threadRoot(channel, threadTs);
    return { thread_ts: root.ts, ...(root.user ? { parent_user_id: root.user } : {}) };
  }

  private channelType(channel: ChannelRecord): string {
    return channel.isIm ? 'im' : channel.isPrivate ? 'group' : 'channel';
  }

  /**
   * A person posts a plain message: it joins the timeline, and the app, subscribed to `message.*`, hears of it when
   * it is in the channel, as Slack sends channel events only to the apps that are members.
   */
  async say(a: SayArgs): Promise<SayResult> {
    this.user(a.user);
    const channel = this.channel(a.channel);
    const { store } = this;
    const thread = this.replyTo(channel, a.threadTs);
    const ts = store.ids.ts();
    store.timeline(channel.id).push({ ts, channel: channel.id, user: a.user, text: a.text, ...thread });
    store.notify();
    if (!channel.botIsMember) return { ts, delivery: undefined };
    const event = {
      type: 'message',
      text: a.text,
      user: a.user,
      ts,
      ...thread,
      channel: channel.id,
      channel_type: this.channelType(channel),
      event_ts: ts,
    };
    return { ts, delivery: await this.deliver(event, {}) };
  }

  private storeFile(a: Omit<UploadFileArgs, 'channel' | 'comment'>, channels: string[]): FileRecord {
    const file: FileRecord = {
      id: this.store.ids.next('F'),
      name: a.filename,
      title: a.filename,
      mimetype: a.mimetype ?? guessMimetype(a.filename),
      user: a.user,
      created: Math.floor(this.store.clock.now() / 1000),
      bytes: Buffer.isBuffer(a.content) ? a.content : Buffer.from(a.content, 'utf8'),
      completed: true,
      channels,
    };
    this.store.files.set(file.id, file);
    return file;
  }

  /**
   * A file a person picks in a modal's `file_input`: Slack uploads it before the submit, shares it nowhere, and
   * puts its file object in `view.state`, so this returns what `values` should carry for it.
   */
  pickFile(a: Omit<UploadFileArgs, 'channel' | 'comment'>): Record<string, unknown> {
    this.user(a.user);
    return toSlackFile(this.store, this.storeFile(a, []));
  }

  /**
   * A person drops a file into a channel: Slack posts a file_share message and sends two independent events, a
   * `message` (subtype file_share) and a `file_shared`, returned in that order for `retryEvent`.
   */
  async uploadFile(a: UploadFileArgs): Promise<UploadResult> {
    this.user(a.user);
    const channel = this.channel(a.channel);
    const { store } = this;
    const thread = this.replyTo(channel, a.threadTs);
    const file = this.storeFile(a, [channel.id]);
    const files = [toSlackFile(store, file)];
    const ts = store.ids.ts();
    const text = a.comment ?? '';
    store
      .timeline(channel.id)
      .push({ ts, channel: channel.id, user: a.user, subtype: 'file_share', text, files, ...thread });
    store.notify();
    const message = await this.deliver(
      {
        type: 'message',
        subtype: 'file_share',
        text,
        files,
        upload: true,
        user: a.user,
        display_as_bot: false,
        ts,
        ...thread,
        channel: channel.id,
        channel_type: this.channelType(channel),
        event_ts: ts,
      },
      {},
    );
    const shared = await this.deliver(
      {
        type: 'file_shared',
        channel_id: channel.id,
        file_id: file.id,
        user_id: a.user,
        file: { id: file.id },
        event_ts: ts,
      },
      {},
    );
    return { fileId: file.id, ts, deliveries: [message, shared] };
  }
}
