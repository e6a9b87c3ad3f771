import type { Clock } from './clock.ts';
import type { Ids } from './ids.ts';
import type { ApiCall, Ephemeral, Message, ResponsePost, SeedChannel, SeedUser, View } from './types.ts';
import type { ActiveFault } from './web-api/faults.ts';
import type { ActiveHold } from './web-api/holds.ts';
import type { ActiveLimit } from './web-api/rate-limits.ts';

/** Slack stops waiting for any acknowledgement after 3 seconds. */
export const ACK_DEADLINE_MS = 3000;

export type Identity = {
  teamId: string;
  teamDomain: string;
  botUserId: string;
  botId: string;
  appId: string;
  botToken: string;
  /** The app-level token (`xapp-…`) that may open Socket Mode connections, if the app uses Socket Mode. */
  appToken: string | undefined;
  verificationToken: string;
  baseUrl: string;
};

export type ChannelRecord = {
  id: string;
  name: string;
  isPrivate: boolean;
  isIm: boolean;
  /** undefined: every user is a member. */
  members?: Set<string>;
  botIsMember: boolean;
};

export type FileRecord = {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  user: string;
  created: number;
  bytes?: Buffer;
  /** Files uploaded through files.getUploadURLExternal stay invisible until files.completeUploadExternal. */
  completed: boolean;
  channels: string[];
};

/** What a response_url points back at, so `replace_original` / `delete_original` know what to change. */
export type InteractionSource =
  | { kind: 'message'; channel: string; ts: string }
  | { kind: 'ephemeral'; id: string };

export type ResponseUrlRecord = {
  issuedAt: number;
  uses: number;
  channel: string;
  user: string;
  source?: InteractionSource;
  /** The thread the command was typed in or the clicked message sits in: Slack answers there. */
  threadTs?: string;
};

export type TriggerRecord = { issuedAt: number; used: boolean; user: string };

export class Store {
  readonly users = new Map<string, SeedUser>();
  readonly channels = new Map<string, ChannelRecord>();
  private readonly dms = new Map<string, string>();
  private timelines = new Map<string, Message[]>();
  ephemerals: Ephemeral[] = [];
  modalStacks = new Map<string, View[]>();
  homeViews = new Map<string, View>();
  triggers = new Map<string, TriggerRecord>();
  responseUrls = new Map<string, ResponseUrlRecord>();
  files = new Map<string, FileRecord>();
  uploadTickets = new Map<string, string>();
  /** Times each file was served with the bot token. */
  downloads = new Map<string, number>();
  apiCalls: ApiCall[] = [];
  responses: ResponsePost[] = [];
  faults: ActiveFault[] = [];
  holds: ActiveHold[] = [];
  /** Rate limits in force, by method (none unless a test or the benchmark sets them). */
  rateLimits = new Map<string, ActiveLimit>();
  violations: string[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly identity: Identity,
    readonly ids: Ids,
    readonly clock: Clock,
    /** How long an acknowledgement may take before Slack gives up on it (see FakeSlackOptions). */
    readonly ackDeadlineMs: number = ACK_DEADLINE_MS,
  ) {}

  /**
   * Calls `listener` after each change a person could see (messages, ephemerals, views, violations), so that the
   * browser page can refresh; returns the function that stops it.
   */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Mutations made outside the store's own methods (chat.update, the view stacks) call this themselves. */
  notify(): void {
    for (const listener of this.listeners) listener();
  }

  reset(): void {
    this.timelines = new Map();
    this.ephemerals = [];
    this.modalStacks = new Map();
    this.homeViews = new Map();
    this.triggers = new Map();
    this.responseUrls = new Map();
    this.files = new Map();
    this.uploadTickets = new Map();
    this.downloads = new Map();
    this.apiCalls = [];
    this.responses = [];
    // Spent rather than dropped, so that a test holding a fault's handle sees it answers no more.
    for (const fault of this.faults) fault.left = 0;
    this.faults = [];
    for (const hold of this.holds) {
      hold.left = 0;
      hold.release();
    }
    this.holds = [];
    this.rateLimits = new Map();
    this.violations = [];
    this.notify();
  }

  addUser(user: SeedUser): void {
    this.users.set(user.id, { ...user });
    this.notify();
  }

  addChannel(c: SeedChannel): void {
    this.channels.set(c.id, {
      id: c.id,
      name: c.name,
      isPrivate: c.isPrivate ?? false,
      isIm: false,
      ...(c.members ? { members: new Set(c.members) } : {}),
      botIsMember: c.botIsMember ?? true,
    });
    this.notify();
  }

  /** The bot's DM with a user: one stable `D…` id per user, as conversations.open returns. */
  dmChannel(userId: string): string {
    const existing = this.dms.get(userId);
    if (existing) return existing;
    const id = `D${userId.replace(/^[UW]/, '')}`;
    this.dms.set(userId, id);
    this.channels.set(id, {
      id,
      name: userId,
      isPrivate: true,
      isIm: true,
      members: new Set([userId]),
      botIsMember: true,
    });
    this.notify();
    return id;
  }

  /** Accepts a channel id, a `#name`, or a user id (which means that user's DM with the bot). */
  resolveChannel(ref: string): ChannelRecord | undefined {
    if (/^[UW]/.test(ref) && this.users.has(ref)) return this.channels.get(this.dmChannel(ref));
    const byId = this.channels.get(ref);
    if (byId) return byId;
    const name = ref.replace(/^#/, '');
    return [...this.channels.values()].find((c) => !c.isIm && c.name === name);
  }

  isMember(channel: ChannelRecord, userId: string): boolean {
    if (userId === this.identity.botUserId) return channel.botIsMember;
    return channel.members === undefined || channel.members.has(userId);
  }

  timeline(channelId: string): Message[] {
    let list = this.timelines.get(channelId);
    if (!list) {
      list = [];
      this.timelines.set(channelId, list);
    }
    return list;
  }

  findMessage(channelId: string, ts: string): Message | undefined {
    return this.timeline(channelId).find((m) => m.ts === ts);
  }

  removeMessage(channelId: string, ts: string): void {
    this.timelines.set(
      channelId,
      this.timeline(channelId).filter((m) => m.ts !== ts),
    );
    this.notify();
  }

  postAsBot(channelId: string, content: { text: string; blocks?: unknown[]; thread_ts?: string }): Message {
    const message: Message = {
      ts: this.ids.ts(),
      channel: channelId,
      user: this.identity.botUserId,
      bot_id: this.identity.botId,
      app_id: this.identity.appId,
      text: content.text,
      ...(content.blocks ? { blocks: content.blocks } : {}),
      ...(content.thread_ts ? { thread_ts: content.thread_ts } : {}),
    };
    this.timeline(channelId).push(message);
    this.notify();
    return message;
  }

  postEphemeral(
    channel: string,
    user: string,
    content: { text: string; blocks?: unknown[]; thread_ts?: string },
  ): Ephemeral {
    const ts = this.ids.ts();
    const ephemeral: Ephemeral = {
      id: this.ids.next('EPH'),
      channel,
      user,
      ts,
      text: content.text,
      ...(content.blocks ? { blocks: content.blocks } : {}),
      ...(content.thread_ts ? { thread_ts: content.thread_ts } : {}),
    };
    this.ephemerals.push(ephemeral);
    this.notify();
    return ephemeral;
  }

  stack(userId: string): View[] {
    let stack = this.modalStacks.get(userId);
    if (!stack) {
      stack = [];
      this.modalStacks.set(userId, stack);
    }
    return stack;
  }

  findView(viewId: string): { view: View; user: string; where: 'modal' | 'home' } | undefined {
    for (const [user, stack] of this.modalStacks) {
      const view = stack.find((v) => v.id === viewId);
      if (view) return { view, user, where: 'modal' };
    }
    for (const [user, view] of this.homeViews) {
      if (view.id === viewId) return { view, user, where: 'home' };
    }
    return undefined;
  }

  findViewByExternalId(
    externalId: string,
  ): { view: View; user: string; where: 'modal' | 'home' } | undefined {
    const all = [...this.modalStacks.values()].flat().concat([...this.homeViews.values()]);
    const view = all.find((v) => v.external_id === externalId);
    return view ? this.findView(view.id) : undefined;
  }

  /** Replaces a stored view in place, wherever it lives (modal stack or Home tab). */
  replaceView(next: View): void {
    for (const stack of this.modalStacks.values()) {
      const index = stack.findIndex((v) => v.id === next.id);
      if (index >= 0) stack[index] = next;
    }
    for (const [user, view] of this.homeViews) {
      if (view.id === next.id) this.homeViews.set(user, next);
    }
    this.notify();
  }

  issueTrigger(user: string): string {
    const id = this.ids.triggerId();
    this.triggers.set(id, { issuedAt: this.clock.now(), used: false, user });
    return id;
  }

  issueResponseUrl(record: Omit<ResponseUrlRecord, 'issuedAt' | 'uses'>): string {
    const id = this.ids.secret();
    this.responseUrls.set(id, { ...record, issuedAt: this.clock.now(), uses: 0 });
    return `${this.identity.baseUrl}/response/${id}`;
  }

  recordViolation(where: string, messages: string[]): void {
    for (const message of messages) this.violations.push(`${where}: ${message}`);
    this.notify();
  }
}
