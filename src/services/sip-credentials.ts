import { createHash, randomInt } from 'node:crypto';
import { normalizeMac } from '../domain/mac.ts';
import type { Result } from '../domain/result.ts';
import type { UserRef } from '../domain/user-ref.ts';
import { type PhoneUserCard, personOf } from '../store/phone-users.ts';
import { type SipDigest, setDeviceCredentials, sipUsernameHolder } from '../store/sip-credentials.ts';
import { deskPhonesOf } from '../store/user-details.ts';
import { type Actor, type Deps, fail } from './context.ts';
import { runSettingsChange } from './settings/core.ts';
import { auditTarget } from './snapshots.ts';

/** Letters and digits that cannot be misread for one another (no 0/O, 1/l/I), for a password typed into a phone. */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** 20 characters of 57: about 116 bits. */
const PASSWORD_LENGTH = 20;

export function generateSipPassword(): string {
  let password = '';
  for (let i = 0; i < PASSWORD_LENGTH; i++) password += ALPHABET[randomInt(ALPHABET.length)];
  return password;
}

/**
 * The digest hashes a SIP server checks a password against, without the password: HA1 = MD5(user:realm:password),
 * and HA1B = MD5(user@realm:realm:password) for devices that send the user with the realm (RFC 2617).
 */
export function sipDigest(username: string, realm: string, password: string): SipDigest {
  const md5 = (text: string) => createHash('md5').update(text).digest('hex');
  return {
    username,
    realm,
    ha1: md5(`${username}:${realm}:${password}`),
    ha1b: md5(`${username}@${realm}:${realm}:${password}`),
  };
}

export type SipPasswordSet = {
  card: PhoneUserCard;
  /** The desk phone (its MAC) the password is for; undefined: the person's apps. */
  deskPhone: string | undefined;
  username: string;
  realm: string;
  /** Shown once, to the person; never stored, logged or audited. */
  password: string;
  /** There was a password before, which no longer works. */
  reset: boolean;
  /** An admin set it for someone else: it goes to that person, not to the admin. */
  forOther: boolean;
};

/**
 * Gives a person's apps, or with `mac` one of their desk phones, a new SIP password, replacing the old one. The
 * person sets their own; an admin anyone's, and then the password goes to the person alone, so the person must have
 * a chat account to receive it. Only the digest hashes are written; the audit log says that it was set, and by whom.
 * The apps sign in as the extension, a desk phone as its MAC.
 */
export function setSipPassword(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
  mac?: string,
): Promise<Result<SipPasswordSet>> {
  const realm = deps.phoneSystem?.sipRealm;
  return runSettingsChange(deps, actor, ref, 'SIP password', 'sip password', async (tx, rec, target) => {
    if (realm === undefined) fail({ code: 'SIP_NOT_CONNECTED' });
    const { card } = target;
    const forOther = card.slackUserId !== actor.slackUserId;
    if (forOther && card.slackUserId === null) fail({ code: 'SIP_NO_CHAT_ACCOUNT', user: personOf(card) });
    let deskPhone: { id: number; mac: string } | undefined;
    if (mac !== undefined) {
      const read = normalizeMac(mac);
      if (!read.ok) fail(read.error);
      deskPhone = (await deskPhonesOf(tx, card.phoneUserId)).find((phone) => phone.mac === read.mac);
      if (!deskPhone)
        fail({ code: 'DESK_PHONE_NOT_FOUND', user: personOf(card), mac: read.mac, holder: null });
    }
    const username = deskPhone?.mac ?? card.extension;
    const holder = await sipUsernameHolder(tx, username);
    if (holder !== undefined && holder.phoneUserId !== card.phoneUserId)
      fail({
        code: 'SIP_USERNAME_HELD',
        username,
        holder: personOf(holder.person),
        holderExtension: holder.extension,
        deskPhone: holder.deskPhone,
      });
    const password = generateSipPassword();
    const { before } = await setDeviceCredentials(
      tx,
      card.phoneUserId,
      deskPhone?.id ?? null,
      sipDigest(username, realm, password),
      rec.at,
    );
    rec.audit({
      action: before ? 'sip_password.reset' : 'sip_password.set',
      ...auditTarget(card),
      before: before ? { sipUsername: before.username, sipPassword: '(hidden)' } : null,
      after: {
        device: deskPhone ? `desk phone ${deskPhone.mac}` : 'apps',
        sipUsername: username,
        sipPassword: '(hidden)',
      },
    });
    return {
      card,
      deskPhone: deskPhone?.mac,
      username,
      realm,
      password,
      reset: before !== undefined,
      forOther,
    };
  });
}
