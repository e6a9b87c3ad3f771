import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type {
  BusinessHours,
  CallerId,
  ClosedHoursAction,
  ForwardNumber,
  HoldMusic,
  RingMode,
  Route,
  UnansweredAction,
} from '../../src/domain/settings.ts';
import { phoneUsers } from './phone-users.ts';
import { sites } from './sites.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/** Uploaded audio: greetings, closed-hours messages, hold music. Owned by a phone user, or by the account. */
export const audioFiles = pgTable(
  'audio_files',
  {
    id: serial('id').primaryKey(),
    phoneUserId: integer('phone_user_id').references(() => phoneUsers.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    format: text('format', { enum: ['wav', 'mp3'] }).notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audio_files_owner_idx').on(t.phoneUserId),
    check('audio_files_format', sql`${t.format} in ('wav', 'mp3')`),
    check('audio_files_size', sql`${t.bytes} > 0 and ${t.bytes} <= 10485760`),
  ],
);

/** Emergency addresses of the account: of a site (one of them its default), or personal to one phone user. */
export const emergencyAddresses = pgTable(
  'emergency_addresses',
  {
    id: serial('id').primaryKey(),
    siteId: integer('site_id').references(() => sites.id),
    phoneUserId: integer('phone_user_id').references(() => phoneUsers.id, { onDelete: 'cascade' }),
    line1: text('line1').notNull(),
    line2: text('line2'),
    city: text('city').notNull(),
    state: text('state').notNull(),
    postalCode: text('postal_code').notNull(),
    country: text('country').notNull(),
    isSiteDefault: boolean('is_site_default').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('emergency_addresses_site_idx').on(t.siteId),
    index('emergency_addresses_user_idx').on(t.phoneUserId),
    uniqueIndex('emergency_addresses_one_default_per_site').on(t.siteId).where(sql`${t.isSiteDefault}`),
    check('emergency_addresses_country', sql`${t.country} ~ '^[A-Z]{2}$'`),
  ],
);

/** Everything about how one phone user's calls are handled. One row per phone user, created with the license. */
export const phoneUserSettings = pgTable(
  'phone_user_settings',
  {
    phoneUserId: integer('phone_user_id')
      .primaryKey()
      .references(() => phoneUsers.id, { onDelete: 'cascade' }),
    businessHours: jsonb('business_hours').$type<BusinessHours>().notNull().default({ kind: 'always' }),
    ringMode: text('ring_mode').$type<RingMode>().notNull().default('simultaneous'),
    routes: jsonb('routes')
      .$type<Route[]>()
      .notNull()
      .default([{ kind: 'apps', enabled: true, ringSeconds: 20 }]),
    forwardNumbers: jsonb('forward_numbers').$type<ForwardNumber[]>().notNull().default([]),
    unanswered: jsonb('unanswered')
      .$type<UnansweredAction>()
      .notNull()
      .default({ action: 'voicemail', greetingId: null }),
    closedHours: jsonb('closed_hours')
      .$type<ClosedHoursAction>()
      .notNull()
      .default({ action: 'voicemail', greetingId: null }),
    holdMusic: jsonb('hold_music').$type<HoldMusic>().notNull().default({ kind: 'default' }),
    callerId: jsonb('caller_id').$type<CallerId>().notNull().default({ kind: 'hidden' }),
    areaCode: text('area_code'),
    language: text('language').notNull().default('en-US'),
    /** Secret: shown only to admins and the user, ephemerally; never in audit values, logs or exports. */
    voicemailPin: text('voicemail_pin').notNull().default('000000'),
    emergencyAddressId: integer('emergency_address_id').references(() => emergencyAddresses.id),
    userManagesEmergencyAddress: boolean('user_manages_emergency_address').notNull().default(false),
    /** Bumped by every change, so a form opened earlier can tell that someone else changed the user since. */
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('phone_user_settings_pin', sql`${t.voicemailPin} ~ '^[0-9]{1,6}$'`),
    check('phone_user_settings_ring_mode', sql`${t.ringMode} in ('simultaneous', 'sequential')`),
    check('phone_user_settings_area_code', sql`${t.areaCode} ~ '^[0-9]{1,5}$'`),
  ],
);

/** A desk phone: model and MAC (12 upper-case hex digits), unique in the account; at most 3 per user. */
export const deskPhones = pgTable(
  'desk_phones',
  {
    id: serial('id').primaryKey(),
    phoneUserId: integer('phone_user_id')
      .notNull()
      .references(() => phoneUsers.id, { onDelete: 'cascade' }),
    mac: text('mac').notNull(),
    model: text('model').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('desk_phones_mac_unique').on(t.mac),
    index('desk_phones_user_idx').on(t.phoneUserId),
    check('desk_phones_mac', sql`${t.mac} ~ '^[0-9A-F]{12}$'`),
  ],
);

/** `assistantId` may answer the calls of `ownerId`. */
export const delegations = pgTable(
  'delegations',
  {
    ownerId: integer('owner_id')
      .notNull()
      .references(() => phoneUsers.id, { onDelete: 'cascade' }),
    assistantId: integer('assistant_id')
      .notNull()
      .references(() => phoneUsers.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.ownerId, t.assistantId] }),
    index('delegations_assistant_idx').on(t.assistantId),
    check('delegations_not_self', sql`${t.ownerId} <> ${t.assistantId}`),
  ],
);

/** Numbers (E.164) and prefixes (digits, optionally with +) blocked for one user. */
export const blockedNumbers = pgTable(
  'blocked_numbers',
  {
    phoneUserId: integer('phone_user_id')
      .notNull()
      .references(() => phoneUsers.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['number', 'prefix'] }).notNull(),
    value: text('value').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.phoneUserId, t.value] }),
    check('blocked_numbers_value', sql`${t.value} ~ '^\\+?[0-9]{1,15}$'`),
  ],
);

export type PhoneUserSettingsRow = typeof phoneUserSettings.$inferSelect;
