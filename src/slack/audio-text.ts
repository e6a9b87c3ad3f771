import type { AudioUse } from '../domain/audio.ts';

/** "840 bytes", "12 KB", "1.5 MB", "10 MB": sizes as a person reads them (1 MB = 1,048,576 bytes). */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

const USE_LABELS: Record<AudioUse, string> = {
  greeting: 'voicemail greeting',
  'closed-hours greeting': 'closed-hours voicemail greeting',
  'closed-hours message': 'closed-hours message',
  'hold music': 'hold music',
};

export const useText = (use: AudioUse) => USE_LABELS[use];

type DownloadFailure = 'login_page' | 'http_error' | 'network' | 'untrusted_host' | 'no_url';

/** Why a file could not be fetched from Slack, and what to do about it. */
export function downloadFailureText(reason: DownloadFailure): string {
  switch (reason) {
    case 'login_page':
      return 'Slack answered with its sign-in page instead of the file, which means the app may not read files. A workspace admin should reinstall Switchboard with the `files:read` scope; then send the file again.';
    case 'http_error':
    case 'network':
      return 'Slack did not hand the file over. Send it again in a minute.';
    case 'untrusted_host':
      return "its address is not on Slack's file server, so Switchboard did not fetch it. Upload the file itself rather than a link to it.";
    case 'no_url':
      return 'Slack sent no download link for it (a link to an outside file, or a file from another workspace). Upload the file itself.';
  }
}
