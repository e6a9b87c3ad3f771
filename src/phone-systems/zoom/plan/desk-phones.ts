import type { Line } from '../../../domain/desired-line.ts';
import { assignDeskPhone, createDeskPhone, unassignDeskPhone, type ZoomCall } from './calls.ts';
import type { ZoomContext, ZoomPhoneSettings } from './snapshot.ts';

/** The brands Zoom Phone lists devices under, keyed by how a model name may start. */
const BRANDS: Record<string, string> = {
  algo: 'algo',
  audiocodes: 'audioCodes',
  cisco: 'cisco',
  cyberdata: 'cyberData',
  grandstream: 'grandstream',
  poly: 'poly',
  polycom: 'poly',
  yealink: 'yealink',
};

/** Twelve upper-case hex digits, however Zoom or a person spelt the address. */
export const macKey = (mac: string) => mac.replace(/[^0-9a-f]/gi, '').toUpperCase();

/**
 * Desk phones are matched by MAC address. One the person no longer has is taken off their extension, not deleted
 * from the account; one the account already has is put on their extension; a new one is added to the account
 * with the person's extension, which needs its brand: taken from the first word of the model ("Yealink T54W").
 * Removals come first, as Zoom holds few desk phones per person.
 */
export function deskPhoneCalls(
  line: Line,
  person: { extensionId: string | null; siteId: string; displayName: string },
  settings: ZoomPhoneSettings,
  context: ZoomContext,
): { calls: ZoomCall[]; notes: string[] } {
  const { extensionId } = person;
  const wanted = new Set(line.deskPhones.map((phone) => macKey(phone.mac)));
  const held = settings.deskPhones.filter((device) => device.mac !== null);
  const heldMacs = new Set(held.map((device) => macKey(device.mac ?? '')));
  if (extensionId === null) {
    const differs = wanted.size !== heldMacs.size || [...wanted].some((mac) => !heldMacs.has(mac));
    const note = 'Desk phones were not changed: Zoom Phone did not say which extension the line has.';
    return { calls: [], notes: differs ? [note] : [] };
  }
  const calls = held
    .filter((device) => !wanted.has(macKey(device.mac ?? '')))
    .map((device) => unassignDeskPhone(device.id, extensionId, device.mac ?? ''));
  const notes: string[] = [];
  for (const phone of line.deskPhones) {
    const mac = macKey(phone.mac);
    if (heldMacs.has(mac)) continue;
    const known = context.devices[mac];
    if (known) {
      calls.push(assignDeskPhone(known.id, extensionId, mac));
      continue;
    }
    const brand = BRANDS[phone.model.trim().split(/\s+/)[0]?.toLowerCase() ?? ''];
    if (!brand) {
      notes.push(
        `The desk phone ${mac} (${phone.model}) is not in Zoom Phone, and its brand cannot be told from the ` +
          'model; add it in the Zoom Phone portal, or name the model with its brand first (for example ' +
          '"Yealink T54W").',
      );
      continue;
    }
    calls.push(
      createDeskPhone(extensionId, {
        mac,
        brand,
        model: phone.model.trim().slice(0, 50),
        displayName: person.displayName.slice(0, 255),
        siteId: person.siteId,
      }),
    );
  }
  return { calls, notes };
}
