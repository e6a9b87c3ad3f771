import type { App } from '@slack/bolt';
import { checkAddress, type EmergencyAddress } from '../../../domain/address.ts';
import type { DomainError } from '../../../domain/errors.ts';
import { ok, type Result } from '../../../domain/result.ts';
import type { Deps } from '../../../services/context.ts';
import {
  allowSelfManagedAddress,
  setUserAddress,
  type UserAddressChange,
  useSiteDefaultAddress,
} from '../../../services/settings/address.ts';
import { settingsForm } from '../../../services/settings/forms.ts';
import type { PhoneUserCard } from '../../../store/phone-users.ts';
import { selfManagedAddressMessage, userAddressMessage } from '../../blocks/places-and-devices.ts';
import { VIEWS } from '../../ids.ts';
import type { Runtime } from '../../runtime.ts';
import {
  ADDRESS_BLOCKS,
  type AddressFormInput,
  type AddressValues,
  BLOCK_OF_FIELD,
  missingPartErrors,
  readAddressForm,
} from './address-form.ts';
import {
  type Errors,
  joinMessages,
  registerSectionSubmit,
  type SaveContext,
  type Say,
  type SectionRef,
} from './submit-section.ts';

type Saved = {
  address: UserAddressChange | undefined;
  allowed: { card: PhoneUserCard; allowed: boolean } | undefined;
};

/** Saving the emergency address, and for admins whether the user may manage it themselves. */
export function registerAddressSubmit(app: App, runtime: Runtime): void {
  registerSectionSubmit(app, runtime, {
    callbackId: VIEWS.settingsAddress,
    generalBlock: ADDRESS_BLOCKS.source,
    what: 'emergency address',
    read: (values) => readAddressForm(values as AddressValues),
    save: saveAddress,
    errorBlocks: addressErrors,
    message: (actor, saved) =>
      joinMessages([
        saved.address ? userAddressMessage(actor, saved.address) : undefined,
        saved.allowed
          ? selfManagedAddressMessage(actor, saved.allowed.card, saved.allowed.allowed)
          : undefined,
      ]),
  });
}

const sameAddress = (a: EmergencyAddress, b: EmergencyAddress) =>
  a.line1 === b.line1 &&
  (a.line2 ?? null) === (b.line2 ?? null) &&
  a.city === b.city &&
  a.state === b.state &&
  a.postalCode === b.postalCode &&
  a.country === b.country;

/**
 * The address changes only when it differs from the one in use (a save of the form as it was writes nothing);
 * the self-service switch after it. Both run only if nobody changed the user since the form was opened.
 */
async function saveAddress(
  deps: Deps,
  actor: { slackUserId: string },
  ref: SectionRef,
  input: AddressFormInput,
  ctx: SaveContext,
): Promise<Result<Saved>> {
  const form = await settingsForm(deps, actor, ref);
  if (!form.ok) return form;
  const { details } = form.value;
  const typed = input.address.kind === 'own' ? checkAddress(input.address.parts) : undefined;
  const unchanged =
    input.address.kind === 'site'
      ? details.addressIsSiteDefault ||
        (details.address === undefined && details.settings.emergencyAddressId === null)
      : typed?.ok === true &&
        !details.addressIsSiteDefault &&
        details.address !== undefined &&
        sameAddress(typed.value, details.address);
  let address: UserAddressChange | undefined;
  if (!unchanged) {
    const changed = await ctx.current(() =>
      input.address.kind === 'site'
        ? useSiteDefaultAddress(deps, actor, ref)
        : setUserAddress(deps, actor, ref, input.address.parts),
    );
    if (!changed.ok) return changed;
    address = changed.value;
  }
  const flip =
    input.allowSelfService !== undefined &&
    input.allowSelfService !== details.settings.userManagesEmergencyAddress;
  if (!flip) return ok({ address, allowed: undefined });
  const allow = () => allowSelfManagedAddress(deps, actor, ref, input.allowSelfService === true);
  // After an address change the version moved on by our own hand, so only the first change checks it.
  const allowed = await (address ? allow() : ctx.current(allow));
  return allowed.ok ? ok({ address, allowed: allowed.value }) : allowed;
}

function addressErrors(error: DomainError, say: Say): Errors | undefined {
  switch (error.code) {
    case 'ADDRESS_INCOMPLETE':
      return missingPartErrors(error.missing);
    case 'ADDRESS_FIELD_INVALID':
    case 'ADDRESS_NOT_IN_COUNTRY':
      return { [BLOCK_OF_FIELD[error.field] ?? ADDRESS_BLOCKS.source]: say(error) };
    case 'ADDRESS_COUNTRY_INVALID':
      return { [ADDRESS_BLOCKS.country]: say(error) };
    case 'TEXT_HIDDEN_CHARACTER':
    case 'TEXT_MIXED_SCRIPT': {
      const field = error.field.replace(/^address /, '');
      return { [BLOCK_OF_FIELD[field] ?? ADDRESS_BLOCKS.source]: say(error) };
    }
    default:
      return undefined;
  }
}
