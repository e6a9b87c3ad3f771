import { z } from 'zod';
import type {
  AccountLine,
  AccountQueue,
  AccountRead,
  AccountReadProgress,
  AccountReceptionist,
  PhoneAccount,
} from '../../services/phone-system.ts';
import type { ZoomClient } from './client.ts';
import { settle, type ZoomRefusal } from './errors.ts';
import { accountSettingsOf } from './plan/account-settings.ts';
import { readSnapshot } from './plan/read-snapshot.ts';

type Raw = { data?: unknown; error?: unknown; response: Response };

/** The largest pages Zoom's documents allow: 100 phone users or numbers, 300 sites. */
const USERS_PAGE = 100;
const NUMBERS_PAGE = 100;
const SITES_PAGE = 300;
const QUEUES_PAGE = 100;
const RECEPTIONISTS_PAGE = 100;
const ADDRESSES_PAGE = 300;
const RULES_PAGE = 300;
/** People whose settings are read at once; the client's limiter keeps the pace within Zoom's limits. */
const SETTINGS_READERS = 16;

const text = z.string().optional().nullable();

const siteSchema = z.object({
  id: z.string(),
  name: z.string(),
  site_code: z.union([z.string(), z.number()]).optional(),
});
const planSchema = z.object({ type: z.number(), name: text, subscribed: z.number().optional().nullable() });
const numberSchema = z.object({
  number: z.string(),
  assignee: z.object({ id: text, type: text }).optional().nullable(),
});
const queueSchema = z.object({
  id: z.string(),
  name: z.string(),
  extension_number: z.union([z.number(), z.string()]).optional().nullable(),
  site: z.object({ id: text, name: text }).optional().nullable(),
});
const addressSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  is_default: z.boolean().optional().nullable(),
  site: z.object({ id: text }).optional().nullable(),
  owner: z.object({ id: text }).optional().nullable(),
});
const receptionistSchema = z.object({
  id: z.string(),
  name: z.string(),
  extension_number: z.union([z.number(), z.string()]).optional().nullable(),
  site: z.object({ id: text, name: text }).optional().nullable(),
});
const ivrSchema = z.object({
  key_actions: z
    .array(z.object({ key: text, target: z.object({ extension_id: text }).optional().nullable() }))
    .optional()
    .nullable(),
});
const memberSchema = z.object({ level: text, extension_id: text });
const lineSchema = z.object({
  id: z.string(),
  extension_id: text,
  email: z.string(),
  name: text,
  extension_number: z.union([z.number(), z.string()]).optional().nullable(),
  site: z.object({ id: text, name: text }).optional().nullable(),
  calling_plans: z
    .array(z.object({ type: z.number() }))
    .optional()
    .nullable(),
  phone_numbers: z
    .array(z.object({ number: z.string() }))
    .optional()
    .nullable(),
  status: text,
});

/**
 * Reads a Zoom Phone account in Switchboard's words with Zoom's listings: sites, calling plans, numbers, then phone
 * users a page of 100 at a time (a MEDIUM call each: 10,000 people are 100 calls), then call queues and each
 * queue's members. With `settings`, each person's settings too: their line and settings (two LIGHT calls) and
 * their block rules (a MEDIUM call), after one listing of the emergency addresses to tell sites' defaults.
 * A refusal of any page ends the read with Zoom's reason; nothing is written.
 */
export async function readZoomAccount(
  client: ZoomClient,
  progress: (read: AccountReadProgress) => void = () => {},
  options: { settings?: boolean } = {},
): Promise<AccountRead> {
  try {
    const sites = (
      await pages('sites', (next_page_token) =>
        client.phone.GET('/phone/sites', {
          params: { query: { page_size: SITES_PAGE, ...(next_page_token ? { next_page_token } : {}) } },
        }),
      )
    ).map((raw) => siteSchema.parse(raw));
    const planAnswer = settle(await client.phone.GET('/phone/calling_plans'));
    if (!planAnswer.ok) throw new Refused('list calling plans', planAnswer.refusal);
    const plans = z
      .object({ calling_plans: z.array(planSchema).optional().nullable() })
      .parse(planAnswer.data ?? {})
      .calling_plans?.map((plan) => ({
        code: plan.type,
        name: plan.name ?? String(plan.type),
        subscribed: plan.subscribed ?? 0,
      }));
    const numbers = (
      await pages('phone_numbers', (next_page_token) =>
        client.phone.GET('/phone/numbers', {
          params: {
            query: { type: 'all', page_size: NUMBERS_PAGE, ...(next_page_token ? { next_page_token } : {}) },
          },
        }),
      )
    ).map((raw) => numberSchema.parse(raw));
    const lines: AccountLine[] = [];
    const people: { userId: string; extensionId: string | null }[] = [];
    const emailById = new Map<string, string>();
    const emailByExtensionId = new Map<string, string>();
    await pages(
      'users',
      (next_page_token) =>
        client.phone.GET('/phone/users', {
          params: { query: { page_size: USERS_PAGE, ...(next_page_token ? { next_page_token } : {}) } },
        }),
      (items, total) => {
        for (const raw of items) {
          const line = lineSchema.parse(raw);
          emailById.set(line.id, line.email);
          if (line.extension_id) emailByExtensionId.set(line.extension_id, line.email);
          lines.push(lineOf(line));
          people.push({ userId: line.id, extensionId: line.extension_id ?? null });
        }
        progress({ lines: lines.length, total, settings: options.settings === true });
      },
    );
    if (options.settings) await readSettings(lines, people, emailByExtensionId);
    // Call queues, then each one's members (a call each): people by the extension their line rings on.
    const queues: AccountQueue[] = [];
    const listed = await pages('call_queues', (next_page_token) =>
      client.phone.GET('/phone/call_queues', {
        params: { query: { page_size: QUEUES_PAGE, ...(next_page_token ? { next_page_token } : {}) } },
      }),
    );
    for (const raw of listed) {
      const queue = queueSchema.parse(raw);
      const answer = settle(
        await client.phone.GET('/phone/call_queues/{callQueueId}/members', {
          params: { path: { callQueueId: queue.id } },
        }),
      );
      if (!answer.ok) throw new Refused(`list the members of call queue ${queue.name}`, answer.refusal);
      const members = z
        .object({ call_queue_members: z.array(memberSchema).optional().nullable() })
        .parse(answer.data ?? {})
        .call_queue_members?.flatMap((member) => {
          const email = member.extension_id ? emailByExtensionId.get(member.extension_id) : undefined;
          return member.level === 'user' && email ? [email] : [];
        });
      queues.push({
        name: queue.name,
        extension:
          queue.extension_number === null || queue.extension_number === undefined
            ? ''
            : String(queue.extension_number),
        site: queue.site?.name ?? '',
        members: members ?? [],
      });
    }
    // Auto receptionists, then each one's key map: the operator is whoever the 0 key reaches, when it is a person.
    const receptionists: AccountReceptionist[] = [];
    const listedReceptionists = await pages('auto_receptionists', (next_page_token) =>
      client.phone.GET('/phone/auto_receptionists', {
        params: { query: { page_size: RECEPTIONISTS_PAGE, ...(next_page_token ? { next_page_token } : {}) } },
      }),
    );
    for (const raw of listedReceptionists) {
      const receptionist = receptionistSchema.parse(raw);
      const answer = settle(
        await client.phone.GET('/phone/auto_receptionists/{autoReceptionistId}/ivr', {
          params: { path: { autoReceptionistId: receptionist.id } },
        }),
      );
      if (!answer.ok)
        throw new Refused(`read the keys of auto receptionist ${receptionist.name}`, answer.refusal);
      const zero = ivrSchema.parse(answer.data ?? {}).key_actions?.find((action) => action.key === '0');
      const operatorExtension = zero?.target?.extension_id;
      receptionists.push({
        name: receptionist.name,
        extension:
          receptionist.extension_number === null || receptionist.extension_number === undefined
            ? ''
            : String(receptionist.extension_number),
        site: receptionist.site?.name ?? '',
        operator: operatorExtension ? (emailByExtensionId.get(operatorExtension) ?? null) : null,
      });
    }
    const account: PhoneAccount = {
      sites: sites.map((site) => ({
        name: site.name,
        code: site.site_code === undefined ? null : String(site.site_code),
      })),
      plans: plans ?? [],
      numbers: numbers.map((n) => ({
        number: n.number,
        holder: n.assignee?.type === 'user' && n.assignee.id ? (emailById.get(n.assignee.id) ?? null) : null,
      })),
      lines,
      queues,
      receptionists,
    };
    return { ok: true, account };
  } catch (error) {
    if (error instanceof Refused) {
      return { ok: false, reason: `Zoom Phone refused to ${error.purpose}: ${error.refusal.message}` };
    }
    if (error instanceof z.ZodError) {
      const first = error.issues[0];
      return {
        ok: false,
        reason: `Zoom Phone answered in a shape Switchboard does not know (${first?.path.join('.') ?? ''}: ${first?.message ?? ''}).`,
      };
    }
    throw error;
  }

  /** Each person's settings, a few people at a time; a person whose line is gone meanwhile keeps none. */
  async function readSettings(
    lines: AccountLine[],
    people: { userId: string; extensionId: string | null }[],
    emailByExtensionId: Map<string, string>,
  ): Promise<void> {
    const addresses = (
      await pages('emergency_addresses', (next_page_token) =>
        client.phone.GET('/phone/emergency_addresses', {
          params: { query: { page_size: ADDRESSES_PAGE, ...(next_page_token ? { next_page_token } : {}) } },
        }),
      )
    ).map((raw) => addressSchema.parse(raw));
    const siteDefaults = new Set(
      addresses.filter((a) => a.is_default && a.site?.id && !a.owner?.id).map((a) => a.id),
    );
    let next = 0;
    const readOne = async (index: number) => {
      const person = people[index];
      const line = lines[index];
      if (!person || !line) return;
      const path = { userId: person.userId };
      const phoneUser = await orNull(`read the line of ${line.email}`, () =>
        client.phone.GET('/phone/users/{userId}', { params: { path } }),
      );
      const phoneSettings =
        phoneUser === null
          ? null
          : await orNull(`read the settings of ${line.email}`, () =>
              client.phone.GET('/phone/users/{userId}/settings', { params: { path } }),
            );
      const extensionId = person.extensionId;
      const rules =
        phoneSettings === null || !extensionId
          ? []
          : await pages('extension_blocked_rules', (next_page_token) =>
              client.phone.GET('/phone/extension/{extensionId}/inbound_blocked/rules', {
                params: {
                  path: { extensionId },
                  query: { page_size: RULES_PAGE, ...(next_page_token ? { next_page_token } : {}) },
                },
              }),
            );
      const snapshot = readSnapshot({
        user: { id: person.userId, email: line.email },
        userSettings: null,
        phoneUser,
        phoneSettings,
        customizedNumbers: [],
        personalAddresses: [],
        blockedRules: [{ extension_blocked_rules: rules }],
      });
      const settings = accountSettingsOf(snapshot, siteDefaults, (id) => emailByExtensionId.get(id));
      if (settings) line.settings = settings;
    };
    const reader = async () => {
      for (let index = next++; index < lines.length; index = next++) await readOne(index);
    };
    await Promise.all(Array.from({ length: Math.min(SETTINGS_READERS, lines.length) }, reader));
  }

  /** One answer's body, `null` when Zoom says there is no such thing (404). */
  async function orNull(purpose: string, fetch: () => Promise<Raw>): Promise<unknown> {
    const raw = await fetch();
    if (raw.response.status === 404) return null;
    const answer = settle(raw);
    if (!answer.ok) throw new Refused(purpose, answer.refusal);
    return answer.data ?? {};
  }

  /** Every item of a listing's `key` array, page after page; `each` hears each page with the total Zoom gave. */
  async function pages(
    key: string,
    fetchPage: (token: string | undefined) => Promise<Raw>,
    each: (items: unknown[], total: number | null) => void = () => {},
  ): Promise<unknown[]> {
    const all: unknown[] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    for (;;) {
      const answer = settle(await fetchPage(token));
      if (!answer.ok) throw new Refused(`list ${key.replace('_', ' ')}`, answer.refusal);
      const page = (answer.data ?? {}) as Record<string, unknown>;
      const items = Array.isArray(page[key]) ? (page[key] as unknown[]) : [];
      all.push(...items);
      each(items, typeof page.total_records === 'number' ? page.total_records : null);
      const next = typeof page.next_page_token === 'string' ? page.next_page_token : '';
      if (!next || seen.has(next)) return all;
      seen.add(next);
      token = next;
    }
  }
}

function lineOf(raw: z.infer<typeof lineSchema>): AccountLine {
  return {
    email: raw.email,
    name: raw.name ?? '',
    status: raw.status === 'deactivate' ? 'inactive' : 'active',
    site: raw.site?.name ?? '',
    extension:
      raw.extension_number === null || raw.extension_number === undefined ? '' : String(raw.extension_number),
    plans: (raw.calling_plans ?? []).map((plan) => plan.type),
    numbers: (raw.phone_numbers ?? []).map((n) => n.number),
  };
}

class Refused extends Error {
  constructor(
    readonly purpose: string,
    readonly refusal: ZoomRefusal,
  ) {
    super(refusal.message);
  }
}
