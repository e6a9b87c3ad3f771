import type { SipConfig } from '../../config.ts';
import type { DesiredLine } from '../../domain/desired-line.ts';
import type { ConnectionCheck, PhoneSystem, SyncOutcome } from '../../services/phone-system.ts';
import { probeOptions } from './options.ts';

/**
 * Switchboard's phone-system port over its own SIP server (Kamailio, deploy/kamailio/kamailio.cfg). The SIP server
 * reads Switchboard's tables for every registration and call, so a line is applied once its change has committed:
 * there is nothing to send. What it cannot do is said, so the admin is not told a setting works when it does not.
 */
export function kamailioPhoneSystem(
  sip: SipConfig,
  options: { embeddedDatabase: boolean } = { embeddedDatabase: false },
): PhoneSystem {
  return {
    name: 'Kamailio',
    sipRealm: sip.realm,
    async reconcile(desired: DesiredLine): Promise<SyncOutcome> {
      const line = desired.line;
      if (line === null) return { state: 'in_sync' };
      const notApplied: string[] = [];
      // Kamailio relays signalling only: music into a held call needs a media server in the call's path.
      if (line.settings.holdMusic.kind === 'audio') notApplied.push('hold music');
      // Calls placed by the account's devices to outside numbers are not routed yet, so nothing presents them.
      if (line.settings.callerId.kind === 'number') notApplied.push('caller ID');
      if (line.emergencyAddress !== null) notApplied.push('emergency address');
      return notApplied.length > 0 ? { state: 'in_sync', notApplied } : { state: 'in_sync' };
    },
    async connection(): Promise<ConnectionCheck> {
      // Kamailio's database driver speaks to a PostgreSQL server, and the embedded database is inside this process.
      if (options.embeddedDatabase)
        return {
          ok: false,
          reason:
            'the SIP server reads the account from PostgreSQL, and this instance keeps it in the embedded database: set DATABASE_URL to a postgres:// database and start the SIP server on it with npm run sip',
          changes: 'in place',
        };
      const answer = await probeOptions({ host: sip.host, port: sip.port });
      if (!answer.ok) {
        return {
          ok: false,
          reason: `${answer.reason}: start the SIP server with npm run sip (SIP_HOST ${sip.host}, SIP_PORT ${sip.port})`,
          changes: 'in place',
        };
      }
      return {
        ok: true,
        account: `udp:${sip.host}:${sip.port}`,
        detail: `answers OPTIONS with ${answer.status}`,
      };
    },
  };
}
