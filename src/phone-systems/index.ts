import type { PhoneSystemConfig } from '../config.ts';
import type { PhoneSystem } from '../services/phone-system.ts';
import { kamailioPhoneSystem } from './kamailio/adapter.ts';
import { zoomPhoneSystem } from './zoom/adapter.ts';
import { createZoomClient } from './zoom/client.ts';

type Logger = { debug(...message: unknown[]): void; warn(...message: unknown[]): void };

/**
 * The phone system the configuration names, or none: then Switchboard's database is the only place changes go.
 * `embeddedDatabase`: the app keeps its data in PGlite, which the SIP server cannot read.
 */
export function phoneSystemFor(
  config: PhoneSystemConfig,
  logger: Logger,
  options: { embeddedDatabase: boolean },
): PhoneSystem | undefined {
  if (config.kind === 'none') return undefined;
  if (config.kind === 'kamailio') return kamailioPhoneSystem(config, options);
  const client = createZoomClient({
    apiUrl: config.apiUrl,
    oauthUrl: config.oauthUrl,
    accountId: config.accountId,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    ratePlan: config.ratePlan,
    logger,
  });
  return zoomPhoneSystem({ client, logger });
}
