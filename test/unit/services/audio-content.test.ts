import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkAudioFile } from '../../../src/services/audio-content.ts';
import { bigMp3, id3Mp3, mp3Frames, pngFile, textFile, wavFile } from '../../support/audio.ts';

describe('the content check of an upload', () => {
  it('accepts a WAV file: a 44-byte RIFF/WAVE header and PCM samples', async () => {
    const content = wavFile();
    expect(content.length).toBe(44 + 1600);
    const checked = await checkAudioFile('Welcome.wav', content);
    expect(checked).toEqual({
      ok: true,
      value: {
        name: 'Welcome',
        format: 'wav',
        content,
        sha256: createHash('sha256').update(content).digest('hex'),
      },
    });
  });

  it('accepts bare MP3 frames and an MP3 behind an ID3 tag', async () => {
    expect(await checkAudioFile('loop.mp3', mp3Frames())).toMatchObject({
      ok: true,
      value: { format: 'mp3' },
    });
    expect(await checkAudioFile('Jazz loop.mp3', id3Mp3())).toMatchObject({
      ok: true,
      value: { name: 'Jazz loop', format: 'mp3' },
    });
  });

  it('decides by content, not by name: WAV bytes named .mp3 are stored as WAV', async () => {
    expect(await checkAudioFile('greeting.mp3', wavFile())).toMatchObject({
      ok: true,
      value: { format: 'wav' },
    });
  });

  it('refuses a text file named .mp3, saying it looks like text', async () => {
    expect(await checkAudioFile('notes.mp3', textFile())).toEqual({
      ok: false,
      error: { code: 'AUDIO_NOT_AUDIO', name: 'notes.mp3', detected: 'text' },
    });
  });

  it('refuses an image named .wav, saying what it is', async () => {
    expect(await checkAudioFile('photo.wav', pngFile())).toEqual({
      ok: false,
      error: { code: 'AUDIO_NOT_AUDIO', name: 'photo.wav', detected: 'PNG (image/png)' },
    });
  });

  it('refuses binary data it cannot recognise', async () => {
    const noise = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37 + 11) % 256));
    expect(await checkAudioFile('noise.mp3', noise)).toMatchObject({
      ok: false,
      error: { code: 'AUDIO_NOT_AUDIO', detected: 'data of an unknown kind' },
    });
  });

  it('refuses an empty file before looking at it', async () => {
    expect(await checkAudioFile('silence.wav', Buffer.alloc(0))).toEqual({
      ok: false,
      error: { code: 'AUDIO_EMPTY', name: 'silence.wav' },
    });
  });

  it('refuses an 11 MB file with its size and the 10 MB limit', async () => {
    const content = bigMp3(11);
    expect(await checkAudioFile('long.mp3', content)).toEqual({
      ok: false,
      error: { code: 'AUDIO_TOO_LARGE', name: 'long.mp3', bytes: 11 * 1024 * 1024, max: 10 * 1024 * 1024 },
    });
  });
});
