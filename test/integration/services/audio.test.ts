import { asc, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { audioFiles, phoneUserSettings } from '../../../db/schema/index.ts';
import {
  audioLibrary,
  chooseGreeting,
  chooseHoldMusic,
  removeAudio,
  type UploadRequest,
  uploadAudio,
} from '../../../src/services/audio.ts';
import type { Actor } from '../../../src/services/context.ts';
import { removeLicenses } from '../../../src/services/licenses.ts';
import { copySettings } from '../../../src/services/settings/copy.ts';
import type { PhoneUserCard } from '../../../src/store/phone-users.ts';
import { readSettings } from '../../../src/store/settings.ts';
import { id3Mp3, mp3Frames, textFile, wavFile } from '../../support/audio.ts';
import { useTestDatabase } from '../../support/database.ts';
import {
  auditRows,
  licensedPeople,
  outbox,
  refOf,
  refusal,
  snapshotWithoutAudit,
  unwrap,
} from '../../support/fixtures.ts';
import { ADMIN, makeDeps, notAdmin, prepareAccount } from '../../support/services.ts';

const database = useTestDatabase();

describe('the audio library', () => {
  let deps: ReturnType<typeof makeDeps>;
  let bob: PhoneUserCard;
  let carol: PhoneUserCard;
  let asBob: Actor;
  let asCarol: Actor;

  beforeEach(async () => {
    deps = makeDeps(database.db);
    await prepareAccount(database.db);
    [bob, carol] = (await licensedPeople(deps, 2)) as [PhoneUserCard, PhoneUserCard];
    asBob = { slackUserId: bob.slackUserId ?? '' };
    asCarol = { slackUserId: carol.slackUserId ?? '' };
  });

  const upload = (actor: Actor, request: Partial<UploadRequest> & Pick<UploadRequest, 'purpose'>) =>
    uploadAudio(deps, actor, {
      owner: refOf(actor === asCarol ? carol : bob),
      filename: 'Welcome.mp3',
      content: id3Mp3(),
      ...request,
    });

  const storedFiles = () =>
    database.db
      .select({
        id: audioFiles.id,
        phoneUserId: audioFiles.phoneUserId,
        name: audioFiles.name,
        format: audioFiles.format,
        bytes: audioFiles.bytes,
        content: audioFiles.content,
      })
      .from(audioFiles)
      .orderBy(asc(audioFiles.id));

  /** Everything an upload or a choice could touch: every table, the audio files and every settings row. */
  const everything = async () => ({
    tables: await snapshotWithoutAudit(database.db),
    audio: await storedFiles(),
    settings: await database.db.select().from(phoneUserSettings).orderBy(phoneUserSettings.phoneUserId),
  });

  describe('uploading', () => {
    it('stores a greeting a phone user sends for themselves and makes it their voicemail greeting', async () => {
      const result = unwrap(await upload(asBob, { purpose: 'greeting' }));

      expect(result).toMatchObject({
        stored: 'added',
        audio: { name: 'Welcome', format: 'mp3', bytes: id3Mp3().length },
        changed: ['unanswered', 'closedHours'],
      });
      const [file] = await storedFiles();
      expect(file).toMatchObject({ phoneUserId: bob.phoneUserId, name: 'Welcome', format: 'mp3' });
      expect(Buffer.compare(file?.content ?? Buffer.alloc(0), id3Mp3())).toBe(0);
      const settings = await readSettings(database.db, bob.phoneUserId);
      expect(settings.unanswered).toEqual({ action: 'voicemail', greetingId: file?.id });
      expect(settings.closedHours).toEqual({ action: 'voicemail', greetingId: file?.id });
      expect(settings.version).toBe(2);
    });

    it('audits the upload and the setting before and after, without the bytes', async () => {
      unwrap(await upload(asBob, { purpose: 'greeting' }));
      const rows = (await auditRows(database.db)).filter((row) => row.actor === asBob.slackUserId);
      expect(rows.map((row) => row.action)).toEqual(['audio.uploaded', 'greeting.changed']);
      const [uploaded, greeting] = rows;
      expect(uploaded).toMatchObject({
        targetLabel: bob.email,
        before: null,
        after: { name: 'Welcome', format: 'mp3', bytes: id3Mp3().length },
      });
      expect(JSON.stringify(uploaded?.after)).not.toContain('content');
      expect(greeting?.before).toEqual({
        unanswered: { action: 'voicemail', greetingId: null },
        closedHours: { action: 'voicemail', greetingId: null },
      });
      const changes = (await outbox(database.db)).map((row) => row.kind);
      expect(changes.slice(-2)).toEqual(['audio.stored', 'phone_user.settings_changed']);
    });

    it('changes nothing when the same upload arrives a second time', async () => {
      unwrap(await upload(asBob, { purpose: 'greeting' }));
      const before = await everything();
      const auditBefore = (await auditRows(database.db)).length;

      const again = unwrap(await upload(asBob, { purpose: 'greeting' }));

      expect(again).toMatchObject({ stored: 'unchanged', changed: [] });
      expect(await everything()).toEqual(before);
      expect(await auditRows(database.db)).toHaveLength(auditBefore);
    });

    it('replaces a file of the same name (in any case), keeping its id so every setting plays the new one', async () => {
      const first = unwrap(await upload(asBob, { purpose: 'greeting' }));
      unwrap(await chooseHoldMusic(deps, asBob, refOf(bob), { kind: 'audio', name: 'Welcome' }));

      const second = unwrap(
        await upload(asBob, { purpose: 'greeting', filename: 'welcome.wav', content: wavFile() }),
      );

      expect(second).toMatchObject({ stored: 'replaced', changed: [] });
      expect(second.audio.id).toBe(first.audio.id);
      const files = await storedFiles();
      expect(files).toHaveLength(1);
      expect(files[0]).toMatchObject({ name: 'welcome', format: 'wav', bytes: wavFile().length });
      const replaced = (await auditRows(database.db)).find((row) => row.action === 'audio.replaced');
      expect(replaced).toMatchObject({
        before: { name: 'Welcome', format: 'mp3' },
        after: { name: 'welcome', format: 'wav' },
      });
      expect((await readSettings(database.db, bob.phoneUserId)).holdMusic).toEqual({
        kind: 'audio',
        audioId: first.audio.id,
      });
    });

    it('sets an uploaded message for closed hours, and uploaded hold music', async () => {
      const message = unwrap(
        await upload(asBob, { purpose: 'message', filename: 'Closed.wav', content: wavFile() }),
      );
      const music = unwrap(
        await upload(asBob, { purpose: 'hold music', filename: 'Jazz.mp3', content: mp3Frames() }),
      );

      const settings = await readSettings(database.db, bob.phoneUserId);
      expect(settings.closedHours).toEqual({ action: 'message', audioId: message.audio.id });
      expect(settings.holdMusic).toEqual({ kind: 'audio', audioId: music.audio.id });
      expect(settings.unanswered).toEqual({ action: 'voicemail', greetingId: null });
      const actions = (await auditRows(database.db)).map((row) => row.action);
      expect(actions).toContain('closed_hours_message.changed');
      expect(actions).toContain('hold_music.changed');
    });

    it('refuses a text file named .mp3 and stores nothing', async () => {
      const before = await everything();
      const error = refusal(
        await upload(asBob, { purpose: 'greeting', filename: 'notes.mp3', content: textFile() }),
      );
      expect(error).toEqual({ code: 'AUDIO_NOT_AUDIO', name: 'notes.mp3', detected: 'text' });
      expect(await everything()).toEqual(before);
    });

    it('refuses a non-admin who uploads into someone else’s library, audits the attempt and stores nothing', async () => {
      const before = await everything();
      const error = refusal(await upload(asCarol, { purpose: 'greeting', owner: refOf(bob) }));
      expect(error).toEqual({ code: 'NOT_OWN_SETTINGS', command: 'upload greeting' });
      expect(await everything()).toEqual(before);
      const denied = (await auditRows(database.db)).filter((row) => row.action === 'denied');
      expect(denied).toMatchObject([{ actor: asCarol.slackUserId, targetId: 'upload greeting' }]);
    });

    it('lets an admin upload into anyone’s library', async () => {
      const result = unwrap(
        await uploadAudio(deps, ADMIN, {
          owner: refOf(carol),
          purpose: 'hold music',
          filename: 'Jazz.mp3',
          content: mp3Frames(),
        }),
      );
      expect(result.card.phoneUserId).toBe(carol.phoneUserId);
      expect((await storedFiles())[0]).toMatchObject({ phoneUserId: carol.phoneUserId });
    });

    it('keeps each library apart: the same name in two libraries is two files', async () => {
      unwrap(await upload(asBob, { purpose: 'greeting' }));
      unwrap(await upload(asCarol, { purpose: 'greeting' }));
      expect((await storedFiles()).map((f) => f.phoneUserId)).toEqual([bob.phoneUserId, carol.phoneUserId]);
    });
  });

  describe('choosing a greeting and hold music', () => {
    it('chooses a greeting from the library by name, ignoring case, and goes back to the default', async () => {
      const { audio } = unwrap(await upload(asBob, { purpose: 'hold music' }));

      const chosen = unwrap(
        await chooseGreeting(deps, asBob, refOf(bob), { kind: 'audio', name: 'WELCOME' }),
      );
      expect(chosen).toMatchObject({ audio: { id: audio.id }, changed: ['unanswered', 'closedHours'] });

      const back = unwrap(await chooseGreeting(deps, asBob, refOf(bob), { kind: 'default' }));
      expect(back.changed).toEqual(['unanswered', 'closedHours']);
      const settings = await readSettings(database.db, bob.phoneUserId);
      expect(settings.unanswered).toEqual({ action: 'voicemail', greetingId: null });
    });

    it('writes nothing and audits nothing when the choice is already in place', async () => {
      const before = await everything();
      const auditBefore = (await auditRows(database.db)).length;
      const result = unwrap(await chooseHoldMusic(deps, asBob, refOf(bob), { kind: 'default' }));
      expect(result.changed).toEqual([]);
      expect(await everything()).toEqual(before);
      expect(await auditRows(database.db)).toHaveLength(auditBefore);
    });

    it('turns hold music off and back to the default', async () => {
      unwrap(await chooseHoldMusic(deps, asBob, refOf(bob), { kind: 'none' }));
      expect((await readSettings(database.db, bob.phoneUserId)).holdMusic).toEqual({ kind: 'none' });
      unwrap(await chooseHoldMusic(deps, asBob, refOf(bob), { kind: 'default' }));
      expect((await readSettings(database.db, bob.phoneUserId)).holdMusic).toEqual({ kind: 'default' });
    });

    it('refuses a name that is not in the library, listing what is', async () => {
      unwrap(await upload(asBob, { purpose: 'greeting' }));
      const before = await everything();
      const error = refusal(await chooseHoldMusic(deps, asBob, refOf(bob), { kind: 'audio', name: 'Jaz' }));
      expect(error).toMatchObject({ code: 'AUDIO_NOT_FOUND', name: 'Jaz', known: ['Welcome'] });
      expect(await everything()).toEqual(before);
    });

    it('never plays a file from another library', async () => {
      unwrap(await upload(asCarol, { purpose: 'greeting' }));
      const error = refusal(
        await chooseGreeting(deps, asBob, refOf(bob), { kind: 'audio', name: 'Welcome' }),
      );
      expect(error).toMatchObject({ code: 'AUDIO_NOT_FOUND', known: [] });
    });

    it('refuses a non-admin choosing hold music for someone else, and audits it', async () => {
      const error = refusal(await chooseHoldMusic(deps, asCarol, refOf(bob), { kind: 'none' }));
      expect(error).toEqual({ code: 'NOT_OWN_SETTINGS', command: 'hold-music' });
      const denied = (await auditRows(database.db)).filter((row) => row.action === 'denied');
      expect(denied).toMatchObject([{ actor: asCarol.slackUserId, targetId: 'hold-music' }]);
    });
  });

  describe('removing a file', () => {
    it('refuses while the file plays anywhere, saying where, and removes it once nothing does', async () => {
      unwrap(await upload(asBob, { purpose: 'greeting' }));
      unwrap(await chooseHoldMusic(deps, asBob, refOf(bob), { kind: 'audio', name: 'Welcome' }));
      const before = await everything();

      const error = refusal(await removeAudio(deps, asBob, refOf(bob), 'welcome'));
      expect(error).toMatchObject({
        code: 'AUDIO_IN_USE',
        name: 'Welcome',
        uses: [
          { user: { email: bob.email }, use: 'greeting' },
          { user: { email: bob.email }, use: 'closed-hours greeting' },
          { user: { email: bob.email }, use: 'hold music' },
        ],
      });
      expect(await everything()).toEqual(before);

      unwrap(await chooseGreeting(deps, asBob, refOf(bob), { kind: 'default' }));
      unwrap(await chooseHoldMusic(deps, asBob, refOf(bob), { kind: 'default' }));
      const removed = unwrap(await removeAudio(deps, asBob, refOf(bob), 'Welcome'));
      expect(removed.audio.name).toBe('Welcome');
      expect(await storedFiles()).toEqual([]);
      const row = (await auditRows(database.db)).find((r) => r.action === 'audio.removed');
      expect(row).toMatchObject({ before: { name: 'Welcome', format: 'mp3' }, after: null });
      expect((await outbox(database.db)).at(-1)?.kind).toBe('audio.removed');
    });

    it('refuses while another user’s settings still play it (settings copied from the owner)', async () => {
      const { audio } = unwrap(await upload(asBob, { purpose: 'hold music' }));
      unwrap(await chooseHoldMusic(deps, asBob, refOf(bob), { kind: 'default' }));
      await database.db
        .update(phoneUserSettings)
        .set({ holdMusic: { kind: 'audio', audioId: audio.id } })
        .where(eq(phoneUserSettings.phoneUserId, carol.phoneUserId));

      const error = refusal(await removeAudio(deps, asBob, refOf(bob), 'Welcome'));
      expect(error).toMatchObject({
        code: 'AUDIO_IN_USE',
        uses: [{ user: { email: carol.email }, use: 'hold music' }],
      });
    });

    it('refuses a name that is not in the library', async () => {
      const error = refusal(await removeAudio(deps, ADMIN, refOf(bob), 'Nothing'));
      expect(error).toMatchObject({ code: 'AUDIO_NOT_FOUND', name: 'Nothing', known: [] });
    });
  });

  describe('listing a library', () => {
    it('lists each file with its size and where it plays, for the owner', async () => {
      unwrap(await upload(asBob, { purpose: 'greeting' }));
      unwrap(await upload(asBob, { purpose: 'hold music', filename: 'Jazz.wav', content: wavFile() }));
      unwrap(await upload(asBob, { purpose: 'hold music', filename: 'Unused.wav', content: wavFile(10) }));
      unwrap(await chooseHoldMusic(deps, asBob, refOf(bob), { kind: 'audio', name: 'Jazz' }));

      const library = unwrap(await audioLibrary(deps, asBob, refOf(bob)));
      expect(library.files.map((f) => [f.name, f.format, f.bytes, f.uses.map((u) => u.use)])).toEqual([
        ['Jazz', 'wav', wavFile().length, ['hold music']],
        ['Unused', 'wav', wavFile(10).length, []],
        ['Welcome', 'mp3', id3Mp3().length, ['greeting', 'closed-hours greeting']],
      ]);
    });

    it('shows an admin anyone’s library, and refuses and audits a non-admin looking at someone else’s', async () => {
      unwrap(await upload(asBob, { purpose: 'greeting' }));
      expect(unwrap(await audioLibrary(deps, ADMIN, refOf(bob))).files).toHaveLength(1);

      expect(refusal(await audioLibrary(deps, asCarol, refOf(bob)))).toEqual(notAdmin('audio'));
      const denied = (await auditRows(database.db)).filter((row) => row.action === 'denied');
      expect(denied).toMatchObject([{ actor: asCarol.slackUserId, targetId: 'audio' }]);
    });
  });

  describe('a file others still play when its owner loses their license', () => {
    it('moves to the account library instead of vanishing, audited', async () => {
      unwrap(await upload(asBob, { purpose: 'greeting' }));
      unwrap(await copySettings(deps, ADMIN, refOf(bob), [refOf(carol)]));
      const greetingId = (await readSettings(database.db, carol.phoneUserId)).unanswered;
      unwrap(await removeLicenses(deps, ADMIN, [refOf(bob)]));
      const files = await storedFiles();
      expect(files).toMatchObject([{ phoneUserId: null, name: 'Welcome' }]);
      expect(greetingId).toEqual({ action: 'voicemail', greetingId: files[0]?.id });
      const kept = (await auditRows(database.db)).filter((row) => row.action === 'audio.kept_for_account');
      expect(kept).toMatchObject([{ targetLabel: 'Welcome' }]);
    });

    it('goes with the license when nobody else plays it', async () => {
      unwrap(await upload(asBob, { purpose: 'greeting' }));
      unwrap(await removeLicenses(deps, ADMIN, [refOf(bob)]));
      expect(await storedFiles()).toEqual([]);
    });
  });
});
