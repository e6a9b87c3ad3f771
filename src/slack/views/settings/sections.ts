import type { types } from '@slack/bolt';
import type { SettingsForm } from '../../../services/settings/forms.ts';
import { addressFormView } from './address-form.ts';
import { callHandlingFormView } from './call-handling-form.ts';
import { callerFormView } from './caller-form.ts';
import { hoursFormView } from './hours-form.ts';
import { lineFormView } from './line-form.ts';
import { assistantsListView, blockedListView, deskPhonesListView, forwardListView } from './list-forms.ts';
import { encodeFormMetadata } from './metadata.ts';
import { type SectionKey, settingsSummaryView } from './summary.ts';
import { voicemailFormView } from './voicemail-form.ts';

/** The sections that have a form, and who may open each: admins all of them, a phone user their own self-service ones. */
const FORMS: Partial<
  Record<
    SectionKey,
    {
      selfService: boolean | ((form: SettingsForm) => boolean);
      view: (form: SettingsForm, metadata: string) => types.ModalView;
    }
  >
> = {
  // Their own line's site, extension, plans and numbers are not a phone user's to change: they see it read-only.
  line: { selfService: false, view: lineFormView },
  hours: { selfService: true, view: hoursFormView },
  handling: {
    selfService: true,
    view: (form, metadata) => callHandlingFormView(form.details, metadata),
  },
  voicemail: { selfService: true, view: voicemailFormView },
  caller: { selfService: false, view: callerFormView },
  // A phone user changes their own emergency address only when an admin allowed it.
  address: {
    selfService: (form) => form.details.settings.userManagesEmergencyAddress,
    view: addressFormView,
  },
  forward: { selfService: true, view: forwardListView },
  blocked: { selfService: false, view: blockedListView },
  assistants: { selfService: true, view: assistantsListView },
  phones: { selfService: false, view: deskPhonesListView },
};

const selfService = (rule: boolean | ((form: SettingsForm) => boolean), form: SettingsForm) =>
  typeof rule === 'function' ? rule(form) : rule;

export function editableSections(form: SettingsForm): Set<SectionKey> {
  const keys = Object.entries(FORMS)
    .filter(([, f]) => form.byAdmin || (form.self && selfService(f?.selfService ?? false, form)))
    .map(([key]) => key as SectionKey);
  return new Set(keys);
}

export function summaryView(
  form: SettingsForm,
  channelId: string | undefined,
  openedAt: Date,
): types.ModalView {
  return settingsSummaryView(
    form.card,
    form.details,
    editableSections(form),
    channelId,
    openedAt,
    form.callNow,
  );
}

/** The form of one section, or undefined when the section has none or the viewer may not change it. */
export function sectionView(
  form: SettingsForm,
  key: string,
  openedAt: Date,
  channelId: string | undefined,
): types.ModalView | undefined {
  const section = FORMS[key as SectionKey];
  if (!section || !editableSections(form).has(key as SectionKey)) return undefined;
  const metadata = encodeFormMetadata({
    directoryUserId: form.card.directoryUserId,
    version: form.details.settings.version,
    openedAt,
    channelId,
  });
  return section.view(form, metadata);
}
