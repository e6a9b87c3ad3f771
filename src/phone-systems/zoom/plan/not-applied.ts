import type { Line } from '../../../domain/desired-line.ts';
import { DEFAULT_ROUTES } from '../../../domain/settings.ts';

/**
 * The parts of a line this adapter does not send to Zoom yet, named only when the line asks for something other
 * than what a new Zoom Phone line does on its own; otherwise nothing differs and there is nothing to say.
 */
export function notApplied(line: Line): string[] {
  const notes: string[] = [];
  const { settings } = line;
  const plainRoutes = JSON.stringify(settings.routes) === JSON.stringify(DEFAULT_ROUTES);
  const plainHandling =
    settings.ringMode === 'simultaneous' &&
    plainRoutes &&
    settings.forwardNumbers.length === 0 &&
    settings.unanswered.action === 'voicemail' &&
    settings.unanswered.greetingId === null &&
    settings.closedHours.action === 'voicemail' &&
    settings.closedHours.greetingId === null;
  if (!plainHandling) {
    notes.push(
      'Call handling (ring order, forwarding, greetings, unanswered and closed-hours actions) is not sent to ' +
        'Zoom Phone yet; set it in the Zoom Phone portal for now.',
    );
  }
  return notes;
}
