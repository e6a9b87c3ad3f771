import type { CallPlan, ClosedAction, RingStep, RingTarget, Unanswered } from '../../domain/call-routing.ts';
import { WEEKDAY_NAMES } from '../../domain/settings.ts';
import { clockText, type LocalTime } from '../../domain/zoned-time.ts';
import type { RouteAnswer } from '../../services/call-routing.ts';
import { personOf } from '../../store/phone-users.ts';
import { code, escapeText, listing, who } from '../format.ts';
import { context, type KnownBlock, type Message, plain, section } from './message.ts';
import { formatMac, hoursText } from './settings-text.ts';

/** "Saturday 23:00 in Europe/Paris" */
export function localText(at: LocalTime): string {
  return `${WEEKDAY_NAMES[at.day]} ${clockText(at.minutes)} in ${escapeText(at.zone)}`;
}

function targetText(target: RingTarget, deskPhones: number): string {
  switch (target.kind) {
    case 'apps':
      return 'the apps';
    case 'desk_phone':
      // One desk phone is "the desk phone"; among several, its model (or MAC, once the phone is gone) tells which.
      if (deskPhones <= 1 && target.model !== undefined) return 'the desk phone';
      return `the desk phone ${target.model === undefined ? formatMac(target.mac) : escapeText(target.model)}`;
    case 'forward':
      return `${target.description ? `${escapeText(target.description)} ` : ''}${code(target.number)}`;
    case 'assistant':
      return `assistant ${escapeText(target.name)} (ext ${target.extension})`;
  }
}

function stepText(step: RingStep, deskPhones: number): string {
  return `${listing(step.targets.map((target) => targetText(target, deskPhones)))} for ${step.seconds} s`;
}

function unansweredText(action: Unanswered): string {
  return action.kind === 'voicemail' ? 'voicemail' : 'disconnects (SIP 480)';
}

function closedActionText(action: ClosedAction): string {
  switch (action.kind) {
    case 'voicemail':
      return 'goes to voicemail';
    case 'message':
      return 'plays a message, then disconnects';
    case 'forward':
      return `forwards to ${action.description ? `${escapeText(action.description)} ` : ''}${code(action.number)}`;
    case 'disconnect':
      return action.noForwardNumber
        ? 'would forward, but there is no forward number left, so it disconnects (SIP 480)'
        : 'disconnects (SIP 480)';
  }
}

/** What the caller hears, in one sentence starting with a capital: "Rings the apps for 20 s, then voicemail". */
export function planText(answer: RouteAnswer): string {
  const plan = answer.plan;
  switch (plan.kind) {
    case 'refused':
      return refusalText(answer, plan);
    case 'closed':
      return `Closed (${localText(plan.at)}): ${closedActionText(plan.action)}`;
    case 'ring': {
      const deskPhones = answer.callee?.deskPhones.length ?? 0;
      if (plan.steps.length === 0) {
        return plan.unanswered.kind === 'voicemail'
          ? 'No route is on: the call goes straight to voicemail'
          : 'No route is on: the call is disconnected at once (SIP 480)';
      }
      return `Rings ${plan.steps.map((step) => stepText(step, deskPhones)).join(', then ')}, then ${unansweredText(plan.unanswered)}`;
    }
  }
}

function refusalText(answer: RouteAnswer, plan: Extract<CallPlan, { kind: 'refused' }>): string {
  const caller = answer.caller;
  switch (plan.reason) {
    case 'unknown':
      return `Refused: no phone user has ${/^\+/.test(answer.called) ? 'the number' : 'extension'} ${code(answer.called)} (SIP 404)`;
    case 'caller_deactivated': {
      const line = caller.kind === 'anyone' ? undefined : caller.line;
      return `Refused: the caller${line ? `, ${escapeText(line.name)} (ext ${line.extension}),` : ''} is deactivated (SIP 403)`;
    }
    case 'deactivated':
      return 'Refused: the line is deactivated (SIP 480)';
    case 'blocked': {
      const number = caller.kind === 'number' ? code(caller.number) : 'the caller';
      return plan.entry.kind === 'prefix'
        ? `Blocked: ${number} matches the blocked prefix ${code(plan.entry.value)} (SIP 403)`
        : `Blocked: ${number} is on the blocked list (SIP 403)`;
    }
  }
}

function callerText(answer: RouteAnswer): string {
  const caller = answer.caller;
  if (caller.kind === 'anyone') return 'from outside';
  const line = caller.line ? ` (${escapeText(caller.line.name)}, ext ${caller.line.extension})` : '';
  return caller.kind === 'number'
    ? `from ${code(caller.number)}${line}`
    : `from extension ${caller.extension}${line}`;
}

function whenText(answer: RouteAnswer): string {
  const at = answer.plan.kind === 'closed' || answer.plan.kind === 'ring' ? answer.plan.at : undefined;
  const local = at ? ` (${localText(at)})` : '';
  if (answer.when.kind === 'now') return `now${local}`;
  if (at) return `on ${localText(at)}, ${at.date}`;
  const day = answer.when.day ? `${WEEKDAY_NAMES[answer.when.day]} ` : '';
  return `at ${day}${clockText(answer.when.minutes)} in ${escapeText(answer.zone)}`;
}

/** `/phone route`'s answer: who is called, from where and when, then what happens. Said to the asker alone. */
export function routeMessage(answer: RouteAnswer): Message {
  const callee = answer.callee;
  const whom = callee
    ? `${who(personOf(callee.person))} (ext ${callee.extension})`
    : /^\+/.test(answer.called)
      ? code(answer.called)
      : `extension ${code(answer.called)}`;
  const head = `A call to ${whom} ${callerText(answer)} ${whenText(answer)}:`;
  const body = `${planText(answer)}.`;
  const notes: string[] = [];
  if (callee) {
    notes.push(`Business hours: ${hoursText(callee.businessHours)} (${escapeText(answer.zone)})`);
    if (answer.zone === 'UTC' && callee.timeZone !== 'UTC') {
      notes.push(
        `:warning: The time zone of ${who(personOf(callee.person))} is unknown, so their hours are read as UTC.`,
      );
    }
    if (callee.settingsInPhoneSystem) {
      notes.push(
        ':warning: This line was adopted from the phone system, which still holds its settings: this plan follows the settings Switchboard has.',
      );
    }
  }
  const blocks: KnownBlock[] = [section(`${head}\n${body}`)];
  if (notes.length > 0) blocks.push(context(notes.join('\n')));
  return { text: plain(`${head} ${body}`), blocks };
}

/** The settings form's line: "A call now: rings the apps for 20 s, then voicemail." */
export function callNowText(answer: RouteAnswer): string {
  const text = planText(answer);
  return `A call now: ${text.charAt(0).toLowerCase()}${text.slice(1)}.`;
}
