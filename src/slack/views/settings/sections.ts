import type { types } from '@slack/bolt';
import type { SettingsForm } from '../../../services/settings/forms.ts';
import { hoursFormView } from './hours-form.ts';
import { encodeFormMetadata } from './metadata.ts';
import { type SectionKey, settingsSummaryView } from './summary.ts';

/** The sections that have a form, and who may open each: admins all of them, a phone user their own self-service ones. */
const FORMS: Partial<
  Record<
    SectionKey,
    { selfService: boolean; view: (form: SettingsForm, metadata: string) => types.ModalView }
  >
> = {
  hours: {
    selfService: true,
    view: (form, metadata) =>
      hoursFormView(form.details.settings.businessHours, metadata, form.card.timezone),
  },
};

export function editableSections(form: SettingsForm): Set<SectionKey> {
  const keys = Object.entries(FORMS)
    .filter(([, f]) => form.byAdmin || (form.self && f?.selfService))
    .map(([key]) => key as SectionKey);
  return new Set(keys);
}

export function summaryView(
  form: SettingsForm,
  channelId: string | undefined,
  openedAt: Date,
): types.ModalView {
  return settingsSummaryView(form.card, form.details, editableSections(form), channelId, openedAt);
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
