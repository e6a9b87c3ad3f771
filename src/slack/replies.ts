import type { DomainError } from '../domain/errors.ts';
import type { ChargedKind } from '../domain/phone-numbers.ts';
import { downloadFailureText, sizeText, useText } from './audio-text.ts';
import { adminNames, listing, MRKDWN, plainStyle, QUOTED_LENGTH, type Style, someOf } from './format.ts';
import { forwardDescriptionText, hoursErrorText, routesErrorText } from './replies-call-handling.ts';
import { identityErrorText } from './replies-identity.ts';
import { importErrorText } from './replies-imports.ts';
import { placesAndDevicesText } from './replies-places-and-devices.ts';
import { settingsErrorText } from './replies-settings.ts';

const suggest = (suggestions: string[], code: Style['code']) =>
  suggestions.length > 0
    ? ` Free nearby: ${suggestions.map(code).join(', ')}.`
    : ' No free extension is close to it.';

/** A site as a command option: quoted when its name has a space. */
const siteOption = (name: string) => (/\s/.test(name) ? `site:"${name}"` : `site:${name}`);

/** Whom a non-admin can ask for access, by name: a command they cannot run would not tell them. */
function askAdmins(admins: { first: string[]; total: number } | undefined, s: Style): string {
  if (!admins || admins.total === 0) {
    return `There is none yet: whoever runs Switchboard names the first in its configuration (${s.code('ADMIN_USER_IDS')}).`;
  }
  return `Ask ${adminNames(admins, s)} if you need access.`;
}

/**
 * The one place where an error code becomes words for a person in Slack: what happened, and what to do next.
 * Messages take the default style (mrkdwn); forms take plain text through `formErrorText`.
 */
export function errorText(error: DomainError, s: Style = MRKDWN): string {
  const { code, input, mention, text, who } = s;
  const e = s.escape;
  switch (error.code) {
    case 'NOT_ADMIN':
      return `Only phone admins can use ${code(`/phone ${error.action}`)}. ${askAdmins(error.admins, s)} Anyone can use ${code('/phone me')} and ${code('/phone help')}.`;
    case 'NO_USERS':
      return `Name at least one person: a mention, an email or an extension, e.g. ${code('/phone assign @ada')}.`;
    case 'TOO_MANY_USERS':
      return `That names ${error.requested} people; one command handles at most ${error.max}. Split the list, or use a CSV import for larger batches.`;
    case 'USER_NOT_FOUND':
      return `Nobody matches ${input(error.input)}. Use a mention, the email of someone in the directory, or the extension of a phone user; add a new person with ${code(e('/phone user add <email> <first> <last>'))}.`;
    case 'SLACK_USER_NOT_FOUND':
      return `${mention(error.slackUserId)} is not an active member of this workspace, so they cannot be added. Check the mention, or add them by email with ${code('/phone user add')}.`;
    case 'SLACK_USER_IS_BOT':
      return `${mention(error.slackUserId)} is a bot; only people can hold phone licenses.`;
    case 'SLACK_USER_EXTERNAL':
      return `${mention(error.slackUserId)} is a member of another organization, reached through a shared channel (Slack Connect), so they cannot hold one of this account's phone licenses. Nothing was assigned. Their own organization's phone admins can give them a line; leave them out and run the command again.`;
    case 'SLACK_PROFILE_NO_EMAIL':
      return `The profile of ${mention(error.slackUserId)} has no email, which the directory needs. Add them with ${code(e('/phone user add <email> <first> <last>'))} instead.`;
    case 'NOT_A_PHONE_USER':
      return `${who(error.user)} is not a phone user (no phone license). Give them one with ${code('/phone assign')}.`;
    case 'ALREADY_PHONE_USER':
      return `Nothing was assigned: ${someOf(error.users.map((u) => `${who(u.user)} (ext ${u.extension})`))} already ${error.users.length === 1 ? 'has' : 'have'} a phone license. Leave them out and try again.`;
    case 'NO_LICENSE_LEFT':
      return `Not enough phone licenses: ${error.used} of ${error.total} are in use and this needs ${error.requested}. Free some with ${code('/phone remove')}, or raise the total with ${code(`/phone licenses ${error.used + error.requested}`)} once more are bought.`;
    case 'LICENSE_TOTAL_INVALID':
      return `${input(error.input)} is not a license count. Give a whole number, e.g. ${code('/phone licenses 250')}.`;
    case 'LICENSE_TOTAL_BELOW_USED':
      return `The total cannot be ${error.requested}: ${error.used} licenses are in use. Remove licenses first, or set a total of at least ${error.used}.`;
    case 'REMOVAL_CHANGED':
      return `Nothing was removed: what removing ${listing(error.users.map(who))} would end changed since you were asked (a call queue, an operator role or a delegation). Run ${code('/phone remove')} again to see it.`;
    case 'EXTENSION_INVALID':
      return `Extension ${input(error.input)} is not valid: use ${error.minDigits} to ${error.maxDigits} digits${error.siteCodes ? ' (the short extension, without the site code)' : ''}, e.g. ${code('4102')}.`;
    case 'EXTENSION_ALL_ZEROS':
      return `${error.first ? 'First extension' : 'Extension'} ${input(error.input)} is all zeros, and phones read a leading 0 as the operator or the way out (${code('00')} starts an international call), so it could not be dialled. Choose one with another digit, e.g. ${code(error.first ? 'first:1000' : '1000')}.`;
    case 'EXTENSION_TAKEN':
      return `Extension ${code(error.extension)} is taken by ${who(error.holder)}.${suggest(error.suggestions, code)}`;
    case 'EXTENSION_RESERVED':
      return `Extension ${code(error.extension)} is reserved (see ${code('/phone reserved')}).${suggest(error.suggestions, code)}`;
    case 'EXTENSION_RANGE_FULL':
      return `Site ${e(error.site)} has no free extension left from its first extension up. Free some, or give the site a lower first extension.`;
    case 'EXTENSION_UNCHANGED':
      return `The extension is already ${code(error.extension)}; nothing changed.`;
    case 'SITE_NOT_FOUND':
      return `There is no site called ${input(error.input)}. Sites: ${someOf(error.known.map((s) => code(e(s))))}. Add one with ${code(e('/phone site add <name>'))}.`;
    case 'SITE_NAME_INVALID':
      return `${input(error.input)} cannot be a site name: use 1 to 64 printable characters, quoted if it has spaces.`;
    case 'SITE_EXISTS':
      return `A site called ${input(error.name)} already exists (names ignore case). Pick another name.`;
    case 'SITE_COUNTRY_INVALID':
      return `${input(error.input)} is not a country code. Give the two letters of ISO 3166, e.g. ${code('country:GB')} or ${code('country:US')}.`;
    case 'SITE_CODE_INVALID':
      return `Site code ${input(error.input)} is not valid: use 1 or 2 digits not starting with 0, e.g. ${code('code:2')}.`;
    case 'SITE_CODE_TAKEN':
      return `Site code ${code(error.siteCode)} is already used by ${e(error.site)}. Pick another code.`;
    case 'SITE_CODE_REQUIRED':
      return `With site codes on, every site needs a code. Missing for: ${someOf(error.sites.map((s) => code(e(s))))}. Give ${error.sites.length === 1 ? 'it' : 'each'} a code: ${code(e('code:<digits>'))} when adding a site, ${code(e('/phone site edit <name> code:<digits>'))} for an existing one.`;
    case 'SITE_FIRST_EXTENSION_INVALID': {
      const which = error.site ? ` of ${text(error.site)}` : '';
      const edit = `/phone site edit "${error.site}" first:100`;
      const fix = error.site ? ` Change it with ${input(edit, QUOTED_LENGTH + 40)}.` : '';
      return `First extension ${input(error.input)}${which} is not valid: use ${error.minDigits} to ${error.maxDigits} digits, e.g. ${code('first:2000')}.${fix}`;
    }
    case 'SITE_CODES_UNCHANGED':
      return `Site codes are already ${error.enabled ? 'on' : 'off'}; nothing changed.`;
    case 'SITE_CODES_EXTENSION_TOO_LONG':
      return `Site codes need short extensions of 2 to 5 digits, and these are longer: ${listing(error.users.slice(0, 10).map((u) => `${who(u.user)} (${u.extension})`))}${error.users.length > 10 ? ` and ${error.users.length - 10} more` : ''}. Change them with ${code('/phone ext')} first.`;
    case 'SITE_CODES_EXTENSION_CONFLICT':
      return `Switching would give two people the same extension: ${listing(error.extensions.slice(0, 10).map(code))}. Change one of each pair with ${code('/phone ext')} first.`;
    case 'SAME_SITE':
      return `${who(error.user)} is already in ${e(error.site)}; nothing changed.`;
    case 'PLAN_NOT_FOUND':
      return `There is no calling plan ${input(error.input)}. Use a code, short or long name from ${code('/phone plans')}, e.g. ${code('US/CA Unlimited')} or ${code('200')}.`;
    case 'PLAN_NONE_LEFT':
      return `Not enough ${e(error.plan)} plans: ${error.used} of ${error.inventory} are in use and this needs ${error.requested}. Raise the count with ${code(`/phone plans set ${error.plan} ${error.used + error.requested}`)} once more are bought.`;
    case 'PLAN_ALREADY_HELD':
      return `${who(error.user)} already has ${e(error.plan)}; nothing changed.`;
    case 'PLAN_NOT_HELD':
      return `${who(error.user)} does not have ${e(error.plan)}. See their plans with ${code('/phone show')}.`;
    case 'NO_PLANS_HELD':
      return `${who(error.user)} has no calling plan to remove.`;
    case 'PLAN_COUNT_INVALID':
      return `${input(error.input)} is not a count. Give a whole number, e.g. ${code('/phone plans set "US/CA Unlimited" 50')}.`;
    case 'PLAN_COUNT_BELOW_USED':
      return `${e(error.plan)} cannot be set to ${error.requested}: ${error.used} are in use. Remove the plan from people first, or set at least ${error.used}.`;
    case 'NUMBER_INVALID':
      return error.reason === 'not_national' && error.country
        ? `${input(error.input)} is not a phone number of ${countryName(error.country)}, where a number without + is read. Write a number of another country with + and its country code, e.g. ${code('+442079460958')}.`
        : `${input(error.input)} is not a valid phone number: ${numberReason(error.reason)} Write it in international format, e.g. ${code('+14155550100')}.`;
    case 'ROUTE_FROM_INVALID':
      return error.problem.kind === 'no_extension'
        ? `${code('from:')} ${input(error.input)} is no extension of the account. Give the caller's extension, or an outside number with its country code, e.g. ${code('from:+14155550100')}.`
        : `${code('from:')} ${errorText(error.problem.error, s)}`;
    case 'NUMBER_RANGE_INVALID':
      return error.reason === 'order'
        ? `The range ${input(error.from)}..${input(error.to)} runs backwards; put the lower number first.`
        : `Both ends of a range need the same number of digits: ${input(error.from)}..${input(error.to)}.`;
    case 'NUMBER_RANGE_TOO_LARGE':
      return `That range holds ${error.count} numbers; add at most ${error.max} at once.`;
    case 'NUMBER_NOT_IN_INVENTORY':
      return `${code(error.number)} is not in the account's numbers. Add it with ${code(`/phone numbers add ${error.number}`)} first.`;
    case 'NUMBER_ALREADY_IN_INVENTORY':
      return `Nothing was added: ${listing(error.numbers.slice(0, 10).map(code))}${error.numbers.length > 10 ? ` and ${error.numbers.length - 10} more` : ''} ${error.numbers.length === 1 ? 'is' : 'are'} already in the inventory.`;
    case 'REVERT_NOTHING':
      return `Nobody under this change is refused by the phone system any more (retried, changed again or reverted already): nothing was reverted. See ${code('/phone sync')}.`;
    case 'PHONE_SYSTEM_NONE':
      return `No phone system is connected, so there is nothing to ${error.what}. Set ${code('PHONE_SYSTEM=zoom')} and the Zoom credentials (see the README) and restart Switchboard.`;
    case 'PHONE_SYSTEM_NO_ACCOUNT':
      return `${e(error.system)} routes calls from Switchboard's own tables, so it keeps no account of its own to ${error.what}: every change made here applies from the next call.`;
    case 'SIP_NOT_CONNECTED':
      return `SIP passwords are for Switchboard's own SIP server, and it is not the account's phone system. Set ${code('PHONE_SYSTEM=kamailio')} (see the README, "SIP server") and restart Switchboard.`;
    case 'SIP_NO_CHAT_ACCOUNT':
      return `${who(error.user)} has no Slack account linked, so a SIP password could not be shown to them alone; nothing was changed. Link them to their Slack account first; they can then also set their own with ${code('/phone sip password @<their name>')}.`;
    case 'SIP_USERNAME_HELD':
      return error.deskPhone === null
        ? `Nothing was changed: the SIP username ${code(error.username)} is still the one ${who(error.holder)}'s apps sign in with (it was their extension when their SIP password was made; they have ${code(error.holderExtension)} now). ${code(`/phone sip password ${error.holderExtension}`)}, run by them or a phone admin, gives their apps their current extension as username and a new password, shown to them alone; then run this again.`
        : `Nothing was changed: the SIP username ${code(error.username)} is the desk phone ${code(error.deskPhone)} of ${who(error.holder)}. Remove it from them first with ${code(`/phone phone remove ${error.holderExtension} ${error.deskPhone}`)}, then run this again.`;
    case 'SETTINGS_IN_PHONE_SYSTEM':
      return `Nothing was changed: the line of ${e(error.email)} was adopted from the phone system, and Switchboard has not taken its settings, so it leaves them there. Change them in the phone system's own portal; the line itself (extension, site, plans, numbers, status) is managed here as usual.`;
    case 'ADOPTION_READ_FAILED':
      return `${e(error.system)} could not be read, so nothing was adopted: ${text(error.reason)} Check the connection with ${code('/phone sync')} and try again.`;
    case 'ADOPTION_NAME_NEEDED':
      return `the phone system gives ${text(error.email)} no ${error.missing.join(' and ')}, which Switchboard's directory needs. Add it there and adopt again, or add them here with ${code(e('/phone user add <email> <first> <last>'))} first.`;
    case 'ADOPTION_SETTING_KEPT':
      return `${settingKeptText(error, s)} Switchboard cannot hold that, so this person's settings stay in the phone system; change them there, or change that setting there and adopt again.`;
    case 'ADOPTION_NOT_FOUND':
      return `That adoption preview is gone. Run ${code('/phone adopt')} for a new one.`;
    case 'ADOPTION_CLOSED':
      return error.status === 'applied'
        ? 'This account was adopted already from this preview: nothing more was changed.'
        : `This preview was cancelled or replaced by a newer one: nothing was adopted. Run ${code('/phone adopt')} again.`;
    case 'ADOPTION_NOTHING':
      return `Nothing to adopt: Switchboard already holds every line of this preview that its rules accept. See the file for the ones they refuse.`;
    case 'DRIFT_BUSY':
      return `A drift check is reading the phone system right now; its report comes when it is done. See the latest with ${code('/phone drift')} in a minute.`;
    case 'DRIFT_READ_FAILED':
      return `${e(error.system)} could not be read, so nothing was compared: ${text(error.reason)} Check the connection with ${code('/phone sync')} and try again.`;
    case 'DRIFT_NOT_FOUND':
      return `That drift report is gone. Run ${code('/phone drift')} for a new one.`;
    case 'DRIFT_STALE':
      return `A newer drift check replaced this report, so its differences may no longer hold: nothing was changed. Run ${code('/phone drift')} and act on the new report.`;
    case 'DRIFT_NOTHING':
      return error.side === 'switchboard'
        ? 'None of these differences is about a person Switchboard has a line for: nothing was pushed.'
        : 'None of these differences can be taken into Switchboard: nothing was changed.';
    case 'DRIFT_TAKE_INVALID':
      return `Nothing was taken: the phone system's values for ${e(error.email)} break Switchboard's rules. ${error.problems
        .map((problem) => `${e(problem.column)}: ${errorText(problem.error, s)}`)
        .join(' ')} Keep Switchboard's instead, or fix it in the phone system and check again.`;
    case 'REVERT_UNSUPPORTED':
      return `Nothing was reverted: Switchboard cannot take back ${error.what} for ${who(error.user)} by itself. Change it back with ${code(e(error.command))}, or fix the cause and Retry.`;
    case 'NUMBER_TAKEN':
      return `${code(error.number)} is already assigned to ${who(error.holder)}. Pick a free one from ${code('/phone numbers free')}.`;
    case 'NUMBER_OTHER_SITE':
      return `${code(error.number)} is one of ${e(error.site)}'s numbers and ${who(error.user)} is at ${e(error.userSite)}: the phone system gives a person direct numbers only from their own site, so callers see a number of the place they work. Nothing changed. Give them one of ${e(error.userSite)}'s free numbers (${code(e(`/phone numbers free ${siteOption(error.userSite)}`))}), or move them to ${e(error.site)} first with ${code(e(`/phone move <user> ${siteOption(error.site)}`))}.`;
    case 'NUMBER_NOT_HELD':
      return `${who(error.user)} does not have ${code(error.number)}. See their numbers with ${code('/phone show')}.`;
    case 'NUMBER_IN_USE':
      return `${code(error.number)} is assigned to ${who(error.holder)}; release it with ${code('/phone number remove')} before removing it from the inventory.`;
    case 'NUMBER_NEEDS_PLAN':
      return `${who(error.user)} has no calling plan, and a direct number needs one. Add a plan first with ${code('/phone plan add')}.`;
    case 'NUMBER_LIMIT':
      return `${who(error.user)} already has ${error.max} numbers, the most one person can hold. Release one first.`;
    case 'NO_FREE_NUMBER':
      return `There is no free number for site ${e(error.site)}. Add numbers with ${code(e('/phone numbers add <+E164>'))}.`;
    case 'NO_NUMBERS_HELD':
      return `${who(error.user)} has no direct number to remove.`;
    case 'EMAIL_INVALID':
    case 'SLACK_PROFILE_EMAIL_INVALID':
    case 'TEXT_HIDDEN_CHARACTER':
    case 'TEXT_MIXED_SCRIPT':
    case 'NAME_LOOKALIKE':
      return identityErrorText(error, s);
    case 'EMAIL_TAKEN':
      return `${input(error.email)} is already in the directory (emails ignore case).`;
    case 'NAME_INVALID':
      return `The ${error.field} ${input(error.input)} is not valid: use 1 to 64 printable characters (quote names with spaces).`;
    case 'STATUS_UNCHANGED':
      return `${who(error.user)} is already ${error.status}; nothing changed.`;
    case 'RESERVED_INVALID':
      return `${input(error.input)} is not an extension: use 2 to 6 digits.`;
    case 'RESERVED_EXISTS':
      return `${code(error.extension)} is already reserved.`;
    case 'RESERVED_NOT_FOUND':
      return `${code(error.extension)} is not on the reserved list (${code('/phone reserved')}).`;
    case 'RESERVED_IN_USE':
      return `${code(error.extension)} belongs to ${who(error.holder)}; change their extension first, then reserve it.`;
    case 'ADMIN_EXISTS':
      return `${mention(error.slackUserId)} is already a phone admin.`;
    case 'ADMIN_NOT_FOUND':
      return `${mention(error.slackUserId)} is not a phone admin.`;
    case 'ADMIN_LAST':
      return `${mention(error.slackUserId)} is the last phone admin and cannot be removed. Add another admin first.`;
    case 'ADMIN_FROM_CONFIG':
      return `${mention(error.slackUserId)} is an admin through the ADMIN_USER_IDS setting; remove them there and restart.`;
    case 'SELF_SERVICE_DENIED':
      return error.reason === 'not_allowed_by_admin'
        ? `Your phone admin manages your ${e(error.setting)}; ask them to change it, or to allow you to manage it yourself.`
        : `Only phone admins can change ${e(error.setting)}. You can change your own business hours, call handling, greetings, hold music, language, PIN and delegation.`;
    case 'SETTINGS_STALE': {
      const changes = error.changes.slice(-5).map((c) => `${changeWords(c.action)} by ${s.actor(c.actor)}`);
      const what = changes.length > 0 ? `: ${listing(changes)}` : '';
      return `${who(error.user)} was changed since you opened this form${what}. Nothing was saved; open the settings again to see the new values.`;
    }
    case 'HOURS_INVALID':
      return hoursErrorText(error, s);
    case 'FORWARD_DESCRIPTION_INVALID':
      return forwardDescriptionText(error, s);
    case 'FORWARD_NUMBER_EXISTS':
      return `${code(error.number)} is already one of the user's forward numbers; nothing changed. To change its description, remove it with ${code(`/phone forward remove`)} and add it again.`;
    case 'FORWARD_NUMBER_OWN':
      return `${code(error.number)} is one of the user's own direct numbers: forwarding to it would ring the same line again. Give another number, such as a mobile.`;
    case 'FORWARD_NUMBER_CHARGED':
      return `${code(error.number)} is ${chargedText(error.kind)}: every call forwarded there is charged to the company at that rate, so only a phone admin can add it. Add your mobile or another ordinary number, or ask ${adminNames(error.admins, s)} if you need this one.`;
    case 'FORWARD_NUMBER_LIMIT':
      return `The user already has ${error.max} forward numbers, the most allowed. Remove one with ${code(e('/phone forward remove <user> <+E164>'))} first.`;
    case 'FORWARD_NUMBER_NOT_FOUND':
      return `${code(error.number)} is not one of the user's forward numbers. ${error.numbers.length > 0 ? `Their forward numbers: ${listing(error.numbers.map(code))}.` : 'They have no forward numbers.'}`;
    case 'FORWARD_NUMBER_NEEDED':
      return `${code(error.number)} is the last forward number, and closed hours forward calls to the forward numbers, so those calls would have nowhere to go. Change closed hours first (e.g. to voicemail), then remove it.`;
    case 'FORWARD_NEEDS_PLAN':
      return error.by === 'self'
        ? `Forward number ${code(error.number)} is outside the account: forwarding a call there is an outbound call, which needs a calling plan, and you have none. Ask ${adminNames(error.admins, s)} for a calling plan, or forward to one of the account's numbers.`
        : `Forward number ${code(error.number)} is outside the account: forwarding a call there is an outbound call, which needs a calling plan, and the user has none. Give them one first with ${code(e('/phone plan add <user> <plan>'))}, or forward to one of the account's numbers.`;
    case 'PLAN_NEEDED_FOR_FORWARD':
      return `${who(error.user)} forwards calls to ${listing(error.numbers.map(code))}, outside the account: an outbound call, which needs a calling plan, so their last plan stays. Remove ${error.numbers.length === 1 ? 'that forward number' : 'those forward numbers'} first with ${code(e('/phone forward remove <user> <+E164>'))}, or keep a plan.`;
    case 'ROUTES_INVALID':
      return routesErrorText(error, s);
    case 'AUDIO_EMPTY':
      return `The file ${input(error.name)} is empty (0 bytes), so there is nothing to play. Send the recording again as a WAV or MP3 file.`;
    case 'AUDIO_TOO_LARGE':
      return `The file ${input(error.name)} is ${sizeText(error.bytes)}; an audio file may be at most ${sizeText(error.max)}. Shorten the recording or export it as MP3 at a lower bit rate (64 kbps holds about 20 minutes in 10 MB), then send it again.`;
    case 'AUDIO_NOT_AUDIO':
      return `The file ${input(error.name)} is not WAV or MP3 audio: it looks like ${e(error.detected)}. Its content counts, not its name: export the recording as WAV or MP3 and send that file.`;
    case 'AUDIO_NAME_INVALID':
      return `${input(error.input)} cannot be an audio name: use 1 to ${error.max} printable characters. An upload is named after its file (without the extension), so rename the file and send it again.`;
    case 'AUDIO_NOT_FOUND':
      return `${who(error.user)} has no audio called ${input(error.name)}. ${error.known.length > 0 ? `Their library: ${someOf(error.known.map((n) => code(e(n))))}.` : 'Their audio library is empty.'} Add one by sending a WAV or MP3 file to Switchboard in a direct message with the word ${code('greeting')}, ${code('hold music')} or ${code('message')}.`;
    case 'AUDIO_IN_USE':
      return `${input(error.name)} is still in use as the ${someOf(error.uses.map((u) => `${useText(u.use)} of ${who(u.user)}`))}, so it was not removed. Choose something else there first (e.g. ${code(e('/phone greeting <user> default'))} or ${code(e('/phone hold-music <user> default'))}), then remove it.`;
    case 'AUDIO_DOWNLOAD_FAILED':
      return `Could not download the file ${input(error.name)}: ${downloadFailureText(error.reason)}`;
    case 'ADDRESS_INCOMPLETE':
    case 'ADDRESS_FIELD_INVALID':
    case 'ADDRESS_COUNTRY_INVALID':
    case 'ADDRESS_NOT_IN_COUNTRY':
    case 'SITE_NO_DEFAULT_ADDRESS':
    case 'ADDRESS_ALREADY_SITE_DEFAULT':
    case 'ADDRESS_SELF_SERVICE_UNCHANGED':
    case 'MAC_INVALID':
    case 'DESK_PHONE_MODEL_INVALID':
    case 'DESK_PHONE_TAKEN':
    case 'DESK_PHONE_LIMIT':
    case 'DESK_PHONE_NOT_FOUND':
    case 'QUEUE_NAME_INVALID':
    case 'QUEUE_EXISTS':
    case 'QUEUE_NOT_FOUND':
    case 'QUEUE_MEMBER_EXISTS':
    case 'QUEUE_NOT_MEMBER':
    case 'QUEUE_NOT_MANAGER':
    case 'RECEPTIONIST_NAME_INVALID':
    case 'RECEPTIONIST_EXISTS':
    case 'RECEPTIONIST_NOT_FOUND':
    case 'RECEPTIONIST_OPERATOR_UNCHANGED':
      return placesAndDevicesText(error, s);
    case 'SETTINGS_INVALID':
    case 'SETTINGS_UNCHANGED':
    case 'BLOCKED_ENTRY_INVALID':
    case 'BLOCKED_PREFIX_TOO_SHORT':
    case 'BLOCKED_ALREADY':
    case 'BLOCKED_NOT_FOUND':
    case 'ASSISTANT_SELF':
    case 'ASSISTANT_LIMIT':
    case 'ASSISTANT_ALREADY':
    case 'ASSISTANT_CYCLE':
    case 'ASSISTANT_NOT_FOUND':
    case 'COPY_TO_SELF':
    case 'MAIN_NUMBER_ALREADY':
    case 'NOT_MAIN_NUMBER':
    case 'NUMBER_IS_MAIN':
    case 'MAIN_NUMBER_IS_CALLER_ID':
    case 'NOT_OWN_SETTINGS':
    case 'PIN_NOT_VISIBLE':
      return settingsErrorText(error, s);
    case 'NUMBER_MANGLED':
    case 'IMPORT_NAME_NEEDED':
    case 'IMPORT_ALREADY_PHONE_USER':
    case 'IMPORT_NOT_PHONE_USER':
    case 'IMPORT_DUPLICATE_IN_FILE':
    case 'IMPORT_VALUE_KEPT':
    case 'IMPORT_CANNOT_CLEAR':
    case 'IMPORT_NUMBERS_NEED_PLAN':
    case 'IMPORT_DESK_PHONE_PAIR':
    case 'IMPORT_STATUS_INVALID':
    case 'IMPORT_NO_LICENSES':
    case 'IMPORT_PLAN_INVENTORY':
    case 'IMPORT_NOT_FOUND':
    case 'IMPORT_CLOSED':
    case 'IMPORT_READ_INTERRUPTED':
    case 'IMPORT_ROWS_INVALID':
    case 'IMPORT_NOTHING_TO_APPLY':
    case 'IMPORT_UNDO_EXPIRED':
    case 'IMPORT_NOT_UNDOABLE':
    case 'IMPORT_FILE_INVALID':
      return importErrorText(error, s);
    case 'CONCURRENT_CHANGE':
      return `Someone changed the same thing at the same moment (${e(error.what)}), so nothing was changed. Run the command again.`;
  }
}

/** What the audit log calls a change, in words: `routing.changed` is "call routes changed". */
const CHANGE_WORDS: Readonly<Record<string, string>> = {
  'business_hours.changed': 'business hours changed',
  'sip_password.set': 'SIP password set',
  'sip_password.reset': 'SIP password reset',
  'call_handling.changed': 'call handling changed',
  'routing.changed': 'call routes changed',
  'forward_number.added': 'a forward number added',
  'forward_number.removed': 'a forward number removed',
  'settings.changed': 'settings changed',
  'settings.copied': "another person's settings copied over",
  'voicemail_settings.changed': 'voicemail settings changed',
  'voicemail_pin.shown': 'the voicemail PIN shown',
  'blocked.added': 'a number blocked',
  'blocked.removed': 'a number unblocked',
  'delegation.added': 'an assistant added',
  'delegation.removed': 'an assistant removed',
  'desk_phone.added': 'a desk phone added',
  'desk_phone.removed': 'a desk phone removed',
  'emergency_address.set': 'the emergency address changed',
  'emergency_address.self_service': 'who manages the emergency address changed',
};

/** A change named in words; one without words of its own reads as its name does, without dots and underscores. */
export function changeWords(action: string): string {
  return CHANGE_WORDS[action] ?? action.replace(/[._]+/g, ' ').trim();
}

/**
 * A refusal as a form shows it, under a field or on top of the form: plain text, people by name (`names` holds
 * what Slack calls the ids the error carries), no markup, within Slack's 2,000 characters for an inline error.
 */
export function formErrorText(error: DomainError, names: ReadonlyMap<string, string> = new Map()): string {
  const text = errorText(error, plainStyle(names)).replace(/[*`]/g, '');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`.slice(0, 2000);
}

/** "a premium-rate number (such as 1-900 or UK 09)", as a refusal or a confirmation names it. */
export function chargedText(kind: ChargedKind): string {
  switch (kind) {
    case 'premium_rate':
      return 'a premium-rate number';
    case 'shared_cost':
      return 'a shared-cost number';
    case 'personal_number':
      return 'a personal number, charged like a premium-rate number';
  }
}

function numberReason(reason: Extract<DomainError, { code: 'NUMBER_INVALID' }>['reason']): string {
  switch (reason) {
    case 'not_e164':
      return 'it must start with + and the country code.';
    case 'not_a_number':
      return 'only digits, spaces, dashes, dots and brackets may follow the +.';
    case 'too_short':
      return 'it has too few digits.';
    case 'too_long':
      return 'it has too many digits.';
    case 'invalid':
    case 'not_national':
      return 'no phone number exists with those digits.';
  }
}

const regions = new Intl.DisplayNames(['en'], { type: 'region' });

/** `the United Kingdom (GB)`: a country by its English name, with the code that `country:` takes. */
export function countryName(code: string): string {
  const name = regions.of(code) ?? code;
  const the = /^(United|Netherlands|Philippines|Czech|Dominican|Bahamas|Gambia|Maldives)/.test(name)
    ? 'the '
    : '';
  return `${the}${name} (${code})`;
}

function settingKeptText(error: Extract<DomainError, { code: 'ADOPTION_SETTING_KEPT' }>, s: Style): string {
  const detail = error.detail ? ` (${s.text(error.detail)})` : '';
  switch (error.reason) {
    case 'hold_music_audio':
      return 'Their hold music is audio uploaded to the phone system.';
    case 'assistant_not_a_person':
      return "One who answers their calls is not a person's line (a shared phone, say).";
    case 'assistant_not_adopted':
      return `One who answers their calls${detail} is not adopted.`;
    case 'assistant_cycle':
      return `One who answers their calls${detail} would close a circle of assistants.`;
    case 'blocked_rule_kind':
      return 'They block calls by country or short code, not by number or prefix.';
    case 'hours_unreadable':
      return 'Their business hours are not in a form Switchboard reads.';
  }
}
