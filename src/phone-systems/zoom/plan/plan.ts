import type { DesiredLine, Line } from '../../../domain/desired-line.ts';
import { blockedCalls } from './blocked.ts';
import {
  addAssistant,
  addNumbers,
  addPlans,
  allowCallerId,
  createPersonalAddress,
  NUMBERS_PER_CALL,
  removeAssistant,
  removeNumber,
  removePlan,
  type SettingsBody,
  setActivation,
  setPhoneFeature,
  setVoicemailPin,
  updatePhoneUser,
  updateSettings,
  type ZoomCall,
} from './calls.ts';
import { deskPhoneCalls } from './desk-phones.ts';
import { sameHours, toZoomHours } from './hours.ts';
import { notApplied } from './not-applied.ts';
import { type Refusal, refuse, wait, type ZoomPlan } from './outcome.ts';
import type {
  ZoomAccountNumber,
  ZoomAddress,
  ZoomContext,
  ZoomPhoneSettings,
  ZoomPhoneUser,
  ZoomSite,
  ZoomSnapshot,
} from './snapshot.ts';

/** Zoom keeps at most this many direct numbers on one phone user. */
export const MAX_NUMBERS_PER_USER = 10;

const inSync: ZoomPlan = { kind: 'calls', calls: [], complete: true, notes: [] };

/**
 * The smallest ordered list of Zoom requests that makes Zoom hold `desired` for this person, given what Zoom holds
 * (`snapshot`) and the account's sites, plans and numbers (`context`). Everything that can be refused is checked
 * before the first request, so a refused line is never half made. The order follows what Zoom enforces: the
 * license first, then nothing until Zoom has created the line; site and extension together; plans added before
 * any is removed (a phone user keeps at least one); numbers removed before any is added (the per-user limit);
 * activation once plans are in place; a caller-ID number allowed before it is chosen; desk phones, block rules
 * and assistants removed before added; the emergency address last.
 */
export function planReconcile(desired: DesiredLine, snapshot: ZoomSnapshot, context: ZoomContext): ZoomPlan {
  const { user } = snapshot;
  const { line } = desired;
  if (line === null) {
    if (user && (user.phoneFeature || snapshot.phoneUser)) {
      return { kind: 'calls', calls: [setPhoneFeature(user.id, false)], complete: true, notes: [] };
    }
    return inSync;
  }
  if (!user) {
    return refuse(
      'ZOOM_USER_MISSING',
      `Zoom has no user with the email ${desired.email}. Add them to the Zoom account, or correct their email in ` +
        'Switchboard, then sync again.',
    );
  }
  if (user.status !== 'active') {
    const why =
      user.status === 'pending'
        ? 'has not yet accepted the invitation to the Zoom account'
        : 'is deactivated in the Zoom account';
    return refuse(
      'ZOOM_USER_NOT_ACTIVE',
      `${desired.email} ${why}, and Zoom Phone only gives lines to active users. Ask them to accept it, or ` +
        'activate them in Zoom, then sync again.',
    );
  }
  const resolved = resolve(desired.email, line, snapshot.phoneUser, context);
  if ('kind' in resolved) return resolved;
  if (!user.phoneFeature) {
    return { kind: 'calls', calls: [setPhoneFeature(user.id, true)], complete: false, notes: [] };
  }
  const { phoneUser, settings } = snapshot;
  if (!phoneUser || !settings) {
    return wait(
      'PHONE_USER_NOT_CREATED',
      `Zoom Phone is still creating the line for ${desired.email}; it is tried again shortly.`,
    );
  }
  const ids = new Set([user.id, phoneUser.phoneUserId, phoneUser.extensionId].filter((id) => id !== null));
  const held = resolved.numbers.find(
    (number) => number.assigneeIds.length > 0 && !number.assigneeIds.some((id) => ids.has(id)),
  );
  if (held && !phoneUser.numbers.some((own) => own.id === held.id)) {
    return wait(
      'NUMBER_HELD_ELSEWHERE',
      `The number ${held.number} is still assigned to someone else in Zoom Phone; it is given to ` +
        `${desired.email} once it is free.`,
    );
  }

  const calls: ZoomCall[] = [];
  calls.push(...profileCalls(user.id, line, phoneUser, resolved.site));
  calls.push(...planCalls(user.id, line, phoneUser));
  calls.push(...numberCalls(user.id, resolved.numbers, phoneUser));
  const status = line.status === 'active' ? 'activate' : 'deactivate';
  if (phoneUser.status !== null && phoneUser.status !== status) calls.push(setActivation(user.id, status));
  // An adopted line's settings are Zoom's until Switchboard takes them: nothing of them is planned.
  if (line.settingsInPhoneSystem) return { kind: 'calls', calls, complete: true, notes: [] };
  const notes = notApplied(line);

  const settingsPlan = settingsCalls(user.id, line, settings, context);
  calls.push(...settingsPlan.calls);
  notes.push(...settingsPlan.notes);
  if (line.settings.voicemailPin !== settings.pinCode) {
    calls.push(setVoicemailPin(user.id, line.settings.voicemailPin));
  }
  const person = {
    extensionId: phoneUser.extensionId,
    siteId: resolved.site.id,
    displayName: `${desired.firstName} ${desired.lastName}`.trim() || desired.email,
  };
  const deskPhones = deskPhoneCalls(line, person, settings, context);
  calls.push(...deskPhones.calls);
  notes.push(...deskPhones.notes);
  const blocked = blockedCalls(line, phoneUser.extensionId, snapshot.blockedRules);
  calls.push(...blocked.calls);
  notes.push(...blocked.notes);
  const delegation = delegationCalls(user.id, line, settings, context);
  calls.push(...delegation.calls);
  notes.push(...delegation.notes);

  const address = addressCalls(user.id, line, phoneUser, resolved.site, snapshot.personalAddresses, context);
  calls.push(...address.calls);
  notes.push(...address.notes);
  return { kind: 'calls', calls, complete: address.complete, notes };
}

type Resolved = { site: ZoomSite; numbers: ZoomAccountNumber[] };

/** Finds the site, plans and numbers the line names in the account, or says which one Zoom does not have. */
function resolve(
  email: string,
  line: Line,
  phoneUser: ZoomPhoneUser | null,
  context: ZoomContext,
): Resolved | Refusal {
  const site = context.sites.find((candidate) => sameName(candidate.name, line.site.name));
  if (!site) {
    return refuse(
      'SITE_UNKNOWN',
      `Zoom Phone has no site named "${line.site.name}" (the site of ${email}). Create that site in Zoom Phone, ` +
        "or move the person to one of Zoom's sites in Switchboard, then sync again.",
    );
  }
  if (line.site.code !== null && !sameCode(site.code, line.site.code)) {
    return refuse(
      'SITE_CODE_DIFFERS',
      `The site "${site.name}" has site code ${site.code ?? 'none'} in Zoom Phone but ${line.site.code} in ` +
        'Switchboard, so the extension would be wrong. Make the two site codes the same, then sync again.',
    );
  }
  const current = new Set(phoneUser?.planTypes ?? []);
  for (const plan of line.plans) {
    const known = context.plans.find((candidate) => candidate.type === plan.code);
    if (!known) {
      return refuse(
        'PLAN_UNKNOWN',
        `The calling plan ${plan.name} (code ${plan.code}) of ${email} is not one this Zoom account subscribes to. ` +
          'Choose one of the account’s plans in Switchboard, or subscribe to it in Zoom, then sync again.',
      );
    }
    if (!current.has(plan.code) && known.available !== null && known.available <= 0) {
      return refuse(
        'PLAN_NONE_LEFT',
        `No ${plan.name} calling plan is left in the Zoom account for ${email}. Free one or buy more in Zoom, ` +
          'then sync again.',
      );
    }
  }
  if (line.numbers.length > MAX_NUMBERS_PER_USER) {
    return refuse(
      'TOO_MANY_NUMBERS',
      `${email} has ${line.numbers.length} direct numbers, and Zoom Phone allows at most ${MAX_NUMBERS_PER_USER} ` +
        'per person. Remove some in Switchboard, then sync again.',
    );
  }
  const numbers: ZoomAccountNumber[] = [];
  for (const wanted of line.numbers) {
    const own = phoneUser?.numbers.find((number) => sameNumber(number.number, wanted));
    const known = context.numbers[wanted] ?? (own ? { ...own, assigneeIds: [] } : undefined);
    if (!known) {
      return refuse(
        'NUMBER_UNKNOWN',
        `The number ${wanted} of ${email} is not one of this Zoom account's phone numbers. Add the number to ` +
          'Zoom Phone, or choose another in Switchboard, then sync again.',
      );
    }
    numbers.push(known);
  }
  const callerId = line.settings.callerId;
  if (
    callerId.kind === 'number' &&
    !line.numbers.some((number) => sameNumber(number, callerId.number)) &&
    !context.numbers[callerId.number]
  ) {
    return refuse(
      'NUMBER_UNKNOWN',
      `The caller ID ${callerId.number} of ${email} is not one of this Zoom account's phone numbers. Choose one ` +
        "of the person's or the company's numbers as caller ID in Switchboard, then sync again.",
    );
  }
  return { site, numbers };
}

/** The site and the extension change in one request: the complete extension depends on the site's code. */
function profileCalls(userId: string, line: Line, phoneUser: ZoomPhoneUser, site: ZoomSite): ZoomCall[] {
  const body: { site_id?: string; extension_number?: string } = {};
  const purposes: string[] = [];
  if (phoneUser.siteId !== site.id) {
    body.site_id = site.id;
    purposes.push(`move to site ${site.name}`);
  }
  if (phoneUser.extensionNumber !== line.extension) {
    body.extension_number = line.extension;
    purposes.push(`set extension ${line.extension}`);
  }
  return purposes.length === 0 ? [] : [updatePhoneUser(userId, body, purposes.join(' and '))];
}

function planCalls(userId: string, line: Line, phoneUser: ZoomPhoneUser): ZoomCall[] {
  const wanted = line.plans.map((plan) => plan.code);
  const missing = wanted.filter((type) => !phoneUser.planTypes.includes(type));
  // A line without plans keeps Zoom's: Zoom refuses to remove a phone user's last plan.
  const extra = wanted.length === 0 ? [] : phoneUser.planTypes.filter((type) => !wanted.includes(type));
  return [
    ...(missing.length > 0 ? [addPlans(userId, missing)] : []),
    ...extra.map((type) => removePlan(userId, type)),
  ];
}

function numberCalls(userId: string, wanted: ZoomAccountNumber[], phoneUser: ZoomPhoneUser): ZoomCall[] {
  const extra = phoneUser.numbers.filter(
    (own) => !wanted.some((number) => sameNumber(number.number, own.number)),
  );
  const missing = wanted.filter(
    (number) => !phoneUser.numbers.some((own) => sameNumber(own.number, number.number)),
  );
  const calls = extra.map((number) => removeNumber(userId, number));
  for (let start = 0; start < missing.length; start += NUMBERS_PER_CALL) {
    calls.push(addNumbers(userId, missing.slice(start, start + NUMBERS_PER_CALL)));
  }
  return calls;
}

function settingsCalls(
  userId: string,
  line: Line,
  settings: ZoomPhoneSettings,
  context: ZoomContext,
): { calls: ZoomCall[]; notes: string[] } {
  const wanted = line.settings;
  const body: SettingsBody = {};
  const purposes: string[] = [];
  const calls: ZoomCall[] = [];
  const notes: string[] = [];
  // An unset area code is left to Zoom, which derives one from the site.
  if (wanted.areaCode !== null && wanted.areaCode !== settings.areaCode) {
    body.area_code = wanted.areaCode;
    purposes.push(`set area code ${wanted.areaCode}`);
  }
  if (wanted.language !== settings.audioPromptLanguage) {
    body.audio_prompt_language = wanted.language;
    purposes.push(`set prompt language ${wanted.language}`);
  }
  const music = wanted.holdMusic;
  if (music.kind === 'audio') {
    notes.push(
      'Uploaded hold music is not in Zoom Phone yet, so the hold music there was left as it is; choose the ' +
        'default music or none, or upload the audio in the Zoom Phone portal.',
    );
  } else {
    const id = music.kind === 'default' ? '' : '0';
    if ((settings.musicOnHoldId ?? '') !== id) {
      body.music_on_hold_id = id;
      purposes.push(music.kind === 'default' ? 'use the default hold music' : 'turn hold music off');
    }
  }
  const callerId = wanted.callerId;
  const shown = settings.outboundCallerNumber ?? '';
  if (callerId.kind === 'hidden' && shown !== '') {
    body.outbound_caller_id = '';
    purposes.push('hide the caller ID');
  }
  if (callerId.kind === 'number' && !sameNumber(shown, callerId.number)) {
    const own = line.numbers.some((number) => sameNumber(number, callerId.number));
    const offered = settings.callerIdChoices.some((number) => sameNumber(number, callerId.number));
    const account = context.numbers[callerId.number];
    const listed = account !== undefined && settings.customizedCallerIdNumberIds.includes(account.id);
    // `resolve` refused a caller ID that is neither the person's number nor one the account has.
    if (!own && !offered && !listed && account) calls.push(allowCallerId(userId, account));
    body.outbound_caller_id = callerId.number;
    purposes.push(`show ${callerId.number} as caller ID`);
  }
  const hours = toZoomHours(wanted.businessHours);
  if (!sameHours(settings.businessHours, hours)) {
    body.business_hours_settings = hours;
    purposes.push(wanted.businessHours.kind === 'always' ? 'open around the clock' : 'set business hours');
  }
  if (purposes.length > 0) calls.push(updateSettings(userId, body, purposes.join(', ')));
  return { calls, notes };
}

function delegationCalls(
  userId: string,
  line: Line,
  settings: ZoomPhoneSettings,
  context: ZoomContext,
): { calls: ZoomCall[]; notes: string[] } {
  const notes: string[] = [];
  const wanted: { email: string; extensionId: string }[] = [];
  for (const email of line.assistants) {
    const extensionId = context.assistantExtensionIds[email.toLowerCase()];
    if (extensionId) wanted.push({ email, extensionId });
    else {
      notes.push(
        `${email} has no Zoom Phone line, so they cannot answer calls for this person yet; it is set once ` +
          'they have one.',
      );
    }
  }
  const current = settings.assistantExtensionIds;
  // Removed first: Zoom holds a limited number of assistants per person.
  const calls = current
    .filter((id) => !wanted.some((assistant) => assistant.extensionId === id))
    .map((id) => removeAssistant(userId, id));
  for (const assistant of wanted) {
    if (!current.includes(assistant.extensionId)) {
      calls.push(addAssistant(userId, assistant.extensionId, assistant.email));
    }
  }
  return { calls, notes };
}

/**
 * A personal address Zoom already has is assigned by its id; a new one is created first, and assigned on the next
 * plan, once its id is known. No personal address means the site's default.
 */
function addressCalls(
  userId: string,
  line: Line,
  phoneUser: ZoomPhoneUser,
  site: ZoomSite,
  personal: ZoomAddress[],
  context: ZoomContext,
): { calls: ZoomCall[]; notes: string[]; complete: boolean } {
  const wanted = line.emergencyAddress;
  const currentId = phoneUser.emergencyAddress?.id ?? null;
  if (wanted === null) {
    const siteDefault = context.siteDefaultAddressIds[site.id];
    if (!siteDefault || siteDefault === currentId) return { calls: [], notes: [], complete: true };
    return {
      calls: [
        updatePhoneUser(userId, { emergency_address_id: siteDefault }, "use the site's emergency address"),
      ],
      notes: [],
      complete: true,
    };
  }
  if (phoneUser.emergencyAddress && sameAddress(phoneUser.emergencyAddress, wanted)) {
    return { calls: [], notes: [], complete: true };
  }
  const existing = personal.find((address) => sameAddress(address, wanted));
  if (existing) {
    return {
      calls: [
        updatePhoneUser(userId, { emergency_address_id: existing.id }, 'set the personal emergency address'),
      ],
      notes: [],
      complete: true,
    };
  }
  return { calls: [createPersonalAddress(userId, wanted)], notes: [], complete: false };
}

const squash = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();
const sameName = (a: string, b: string) => squash(a) === squash(b);
const digits = (text: string) => text.replace(/[^\d+]/g, '');
const sameNumber = (a: string, b: string) => digits(a) === digits(b);
const sameCode = (zoom: string | null, wanted: string) =>
  zoom !== null && (zoom === wanted || (/^\d+$/.test(wanted) && Number(zoom) === Number(wanted)));

function sameAddress(zoom: ZoomAddress, wanted: NonNullable<Line['emergencyAddress']>): boolean {
  return (
    squash(zoom.line1) === squash(wanted.line1) &&
    squash(zoom.line2 ?? '') === squash(wanted.line2 ?? '') &&
    squash(zoom.city) === squash(wanted.city) &&
    squash(zoom.stateCode) === squash(wanted.state) &&
    squash(zoom.zip) === squash(wanted.postalCode) &&
    squash(zoom.country) === squash(wanted.country)
  );
}
