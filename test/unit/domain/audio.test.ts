import { describe, expect, it } from 'vitest';
import {
  type AudioSettings,
  audioNameFromFile,
  checkAudioName,
  checkAudioSize,
  greetingPatch,
  looksLikeText,
  usesOf,
} from '../../../src/domain/audio.ts';
import { MAX_AUDIO_BYTES } from '../../../src/domain/settings.ts';

const defaults: AudioSettings = {
  unanswered: { action: 'voicemail', greetingId: null },
  closedHours: { action: 'voicemail', greetingId: null },
  holdMusic: { kind: 'default' },
};

describe('audio names', () => {
  it('names an upload after its file name without the extension, trimmed', () => {
    expect(audioNameFromFile('  Welcome  message .mp3')).toEqual({ ok: true, value: 'Welcome message' });
    expect(audioNameFromFile('jazz.loop.WAV')).toEqual({ ok: true, value: 'jazz.loop' });
    expect(audioNameFromFile('no extension')).toEqual({ ok: true, value: 'no extension' });
  });

  it('refuses a file name that leaves nothing once the extension is gone', () => {
    expect(audioNameFromFile('.mp3')).toMatchObject({ ok: false, error: { code: 'AUDIO_NAME_INVALID' } });
  });

  it('accepts 64 characters and refuses 65, counting characters rather than bytes', () => {
    expect(checkAudioName('é'.repeat(64))).toEqual({ ok: true, value: 'é'.repeat(64) });
    expect(checkAudioName('a'.repeat(65))).toEqual({
      ok: false,
      error: { code: 'AUDIO_NAME_INVALID', input: 'a'.repeat(65), max: 64 },
    });
  });

  it('refuses control characters in a name', () => {
    expect(checkAudioName('bad\u0000name')).toMatchObject({ ok: false });
  });
});

describe('audio size', () => {
  it('refuses an empty file and one over 10 MB, and accepts exactly 10 MB', () => {
    expect(checkAudioSize('a.wav', 0)).toEqual({ code: 'AUDIO_EMPTY', name: 'a.wav' });
    expect(checkAudioSize('a.wav', MAX_AUDIO_BYTES + 1)).toEqual({
      code: 'AUDIO_TOO_LARGE',
      name: 'a.wav',
      bytes: MAX_AUDIO_BYTES + 1,
      max: MAX_AUDIO_BYTES,
    });
    expect(checkAudioSize('a.wav', MAX_AUDIO_BYTES)).toBeUndefined();
  });
});

describe('looksLikeText', () => {
  it('calls UTF-8 prose text, even when the sample cuts a character in half', () => {
    expect(looksLikeText(Buffer.from('Notes:\n\tcall back Ada\r\n'))).toBe(true);
    const long = Buffer.from(`${'a'.repeat(4095)}é`);
    expect(looksLikeText(long)).toBe(true);
  });

  it('calls bytes with NULs or invalid UTF-8 not text', () => {
    expect(looksLikeText(Buffer.from([0x00, 0x01, 0x02, 0x03]))).toBe(false);
    expect(looksLikeText(Buffer.from([0xff, 0xfe, 0x41]))).toBe(false);
  });
});

describe('where a file plays', () => {
  it('lists every setting that names the file, in card order', () => {
    const settings: AudioSettings = {
      unanswered: { action: 'voicemail', greetingId: 7 },
      closedHours: { action: 'voicemail', greetingId: 7 },
      holdMusic: { kind: 'audio', audioId: 7 },
    };
    expect(usesOf(settings, 7)).toEqual(['greeting', 'closed-hours greeting', 'hold music']);
    expect(usesOf(settings, 8)).toEqual([]);
    expect(usesOf({ ...defaults, closedHours: { action: 'message', audioId: 8 } }, 8)).toEqual([
      'closed-hours message',
    ]);
  });
});

describe('greetingPatch', () => {
  it('turns voicemail on for unanswered calls and gives closed-hours voicemail the same greeting', () => {
    expect(greetingPatch({ ...defaults, unanswered: { action: 'disconnect' } }, 5)).toEqual({
      unanswered: { action: 'voicemail', greetingId: 5 },
      closedHours: { action: 'voicemail', greetingId: 5 },
    });
  });

  it('leaves closed hours alone when they do not go to voicemail', () => {
    const closed = { action: 'message' as const, audioId: 9 };
    expect(greetingPatch({ ...defaults, closedHours: closed }, 5).closedHours).toBe(closed);
  });

  it('goes back to the default greeting without turning voicemail on for a user who disconnects', () => {
    expect(
      greetingPatch(
        {
          ...defaults,
          unanswered: { action: 'disconnect' },
          closedHours: { action: 'voicemail', greetingId: 5 },
        },
        null,
      ),
    ).toEqual({
      unanswered: { action: 'disconnect' },
      closedHours: { action: 'voicemail', greetingId: null },
    });
  });
});
