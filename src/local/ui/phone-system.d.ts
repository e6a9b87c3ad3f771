/** Types of phone-system.js, the page's view of the local phone system, for the TypeScript tests that import it. */

import type { PhoneSystemView } from '../zoom/phone-system-view.ts';

export function phoneSystemHtml(view: PhoneSystemView): string;
