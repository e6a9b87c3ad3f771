/** Types of sip-server.js, the page's view of the SIP server, for the TypeScript tests that import it. */

import type { SipServerView } from '../sip-server.ts';

export function sipServerHtml(view: SipServerView): string;
