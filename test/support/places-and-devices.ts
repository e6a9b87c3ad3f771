import { asc } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import {
  autoReceptionists,
  callQueueMembers,
  callQueues,
  deskPhones,
  dialPlan,
  emergencyAddresses,
  phoneUserSettings,
} from '../../db/schema/index.ts';

/**
 * The tables of emergency addresses, desk phones, call queues and auto receptionists, with every user's settings:
 * equal snapshots before and after a refused change mean it changed nothing there.
 */
export async function placesAndDevicesState(db: Database) {
  const [addresses, phones, settings, queues, members, receptionists, dial] = await Promise.all([
    db.select().from(emergencyAddresses).orderBy(asc(emergencyAddresses.id)),
    db.select().from(deskPhones).orderBy(asc(deskPhones.id)),
    db.select().from(phoneUserSettings).orderBy(asc(phoneUserSettings.phoneUserId)),
    db.select().from(callQueues).orderBy(asc(callQueues.id)),
    db
      .select()
      .from(callQueueMembers)
      .orderBy(asc(callQueueMembers.queueId), asc(callQueueMembers.phoneUserId)),
    db.select().from(autoReceptionists).orderBy(asc(autoReceptionists.id)),
    db.select().from(dialPlan).orderBy(asc(dialPlan.extension)),
  ]);
  return { addresses, phones, settings, queues, members, receptionists, dial };
}

export const sampleAddress = {
  line1: '1 Main St',
  city: 'San Francisco',
  state: 'CA',
  postalCode: '94105',
  country: 'US',
};

export const otherAddress = {
  line1: '500 Howard St',
  line2: 'Floor 3',
  city: 'San Francisco',
  state: 'CA',
  postalCode: '94105',
  country: 'us',
};
