import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { phoneUsers } from './phone-users.ts';
import { sites } from './sites.ts';

/**
 * Every extension dialled in the account, whoever answers it. Kept by database triggers on phone_users,
 * call_queues and auto_receptionists (migration 0003), so that no two of them, of any kind, share one.
 */
export const dialPlan = pgTable(
  'dial_plan',
  {
    extension: text('extension').primaryKey(),
    ownerKind: text('owner_kind', { enum: ['user', 'queue', 'receptionist'] }).notNull(),
    ownerId: integer('owner_id').notNull(),
  },
  (t) => [uniqueIndex('dial_plan_owner_unique').on(t.ownerKind, t.ownerId)],
);

export const callQueues = pgTable(
  'call_queues',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    extension: text('extension').notNull(),
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('call_queues_name_unique').on(sql`lower(${t.name})`),
    uniqueIndex('call_queues_extension_unique').on(t.extension),
    check('call_queues_extension_digits', sql`${t.extension} ~ '^[0-9]{2,7}$'`),
  ],
);

export const callQueueMembers = pgTable(
  'call_queue_members',
  {
    queueId: integer('queue_id')
      .notNull()
      .references(() => callQueues.id, { onDelete: 'cascade' }),
    phoneUserId: integer('phone_user_id')
      .notNull()
      .references(() => phoneUsers.id, { onDelete: 'cascade' }),
    isManager: boolean('is_manager').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.queueId, t.phoneUserId] }),
    index('call_queue_members_user_idx').on(t.phoneUserId),
  ],
);

export const autoReceptionists = pgTable(
  'auto_receptionists',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    extension: text('extension').notNull(),
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    operatorId: integer('operator_id').references(() => phoneUsers.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('auto_receptionists_name_unique').on(sql`lower(${t.name})`),
    uniqueIndex('auto_receptionists_extension_unique').on(t.extension),
    index('auto_receptionists_operator_idx').on(t.operatorId),
    check('auto_receptionists_extension_digits', sql`${t.extension} ~ '^[0-9]{2,7}$'`),
  ],
);
