/**
 * Tiny but real audio files, built byte by byte so the tests show exactly what makes a file WAV or MP3: a RIFF/WAVE
 * header with 16-bit PCM samples, and MPEG-1 Layer III frames (optionally behind an ID3v2 tag).
 */

/** A mono 8 kHz 16-bit PCM WAV: the canonical 44-byte header, then `samples` samples of a square wave. */
export function wavFile(samples = 800): Buffer {
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(i % 40 < 20 ? 8000 : -8000, i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // size of the fmt chunk
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(8000, 24); // sample rate
  header.writeUInt32LE(16000, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, no padding: 417-byte frames starting FF FB 90 00. */
export function mp3Frames(frames = 3, fill = 0): Buffer {
  const frame = Buffer.alloc(417, fill);
  frame.set([0xff, 0xfb, 0x90, 0x00], 0);
  return Buffer.concat(Array.from({ length: frames }, () => frame));
}

/** An ID3v2.4 tag holding a title frame, followed by MP3 frames: how most encoders write MP3 files. */
export function id3Mp3(title = 'Welcome'): Buffer {
  const text = Buffer.from(`\u0003${title}`, 'utf8');
  const frameHeader = Buffer.alloc(10);
  frameHeader.write('TIT2', 0, 'ascii');
  frameHeader.set(syncSafe(text.length), 4);
  const body = Buffer.concat([frameHeader, text]);
  const tagHeader = Buffer.from([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, ...syncSafe(body.length)]);
  return Buffer.concat([tagHeader, body, mp3Frames()]);
}

function syncSafe(n: number): number[] {
  return [(n >> 21) & 0x7f, (n >> 14) & 0x7f, (n >> 7) & 0x7f, n & 0x7f];
}

/** The 8-byte PNG signature and an IHDR chunk start: an image, whatever its name says. */
export const pngFile = () =>
  Buffer.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1,
  ]);

export const textFile = () => Buffer.from('These are the meeting notes, not a recording.\n', 'utf8');

/** `megabytes` MB of MP3 frames (1 MB = 1,048,576 bytes): over the cap when more than 10. */
export function bigMp3(megabytes: number): Buffer {
  const size = Math.round(megabytes * 1024 * 1024);
  const frames = mp3Frames(Math.ceil(size / 417));
  return frames.subarray(0, size);
}
