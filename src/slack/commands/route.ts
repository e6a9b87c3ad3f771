import { textMessage } from '../blocks/message.ts';
import { ephemeral, type Outcome } from '../outcome.ts';
import * as account from './handlers/account.ts';
import * as audio from './handlers/audio.ts';
import * as callHandling from './handlers/call-handling.ts';
import type { HandlerContext } from './handlers/context.ts';
import * as imports from './handlers/imports.ts';
import * as people from './handlers/people.ts';
import * as phoneSync from './handlers/phone-sync.ts';
import * as phoneUser from './handlers/phone-user.ts';
import * as placesAndDevices from './handlers/places-and-devices.ts';
import * as settings from './handlers/settings.ts';
import { openSettings } from './handlers/settings-form.ts';
import type { PhoneCommand } from './parse-command.ts';
import { helpSections } from './usage.ts';

/** Sends each parsed command to its handler. `assign` without people opens a modal instead (see the listener). */
export function route(ctx: HandlerContext, command: PhoneCommand): Promise<Outcome> {
  switch (command.name) {
    case 'help':
      return Promise.resolve(
        ephemeral({
          text: 'Switchboard commands',
          blocks: helpSections()
            .map((text) => textMessage(text).blocks[0])
            .filter((b) => b !== undefined),
        }),
      );
    case 'me':
      return people.me(ctx);
    case 'settings':
      return openSettings(ctx, command.user);
    case 'assign':
      return people.assign(ctx, command.users, command.site, command.plan);
    case 'remove':
      return people.remove(ctx, command.users);
    case 'show':
      return people.show(ctx, command.user);
    case 'list':
      return people.list(ctx, {
        site: command.site,
        status: command.status,
        plan: command.plan,
        search: command.search,
      });
    case 'import.sample':
      return imports.sample(ctx, command.mode);
    case 'imports':
      return imports.list(ctx);
    case 'export':
      return imports.exportUsers(ctx, { site: command.site, status: command.status, plan: command.plan });
    case 'user.add':
      return people.addUser(ctx, command.email, command.firstName, command.lastName);
    case 'history':
      return people.showHistory(ctx, command.user);
    case 'history.recent':
      return people.showHistory(ctx, 'recent');
    case 'ext':
      return phoneUser.ext(ctx, command.user, command.extension);
    case 'plan.add':
      return phoneUser.planAdd(ctx, command.user, command.plan);
    case 'plan.remove':
      return phoneUser.planRemove(ctx, command.user, command.plan);
    case 'number.add':
      return phoneUser.numberAdd(ctx, command.user, command.number);
    case 'number.remove':
      return phoneUser.numberRemove(ctx, command.user, command.number);
    case 'move':
      return phoneUser.move(ctx, command.user, command.site);
    case 'deactivate':
      return phoneUser.status(ctx, command.user, 'inactive');
    case 'activate':
      return phoneUser.status(ctx, command.user, 'active');
    case 'audio':
      return audio.library(ctx, command.user);
    case 'audio.remove':
      return audio.remove(ctx, command.user, command.audioName);
    case 'greeting':
      return audio.greeting(ctx, command.user, command.choice);
    case 'hold-music':
      return audio.holdMusic(ctx, command.user, command.choice);
    case 'set':
      return settings.set(ctx, command.user, command.values);
    case 'block.add':
      return settings.block(ctx, 'add', command.user, command.entry);
    case 'block.remove':
      return settings.block(ctx, 'remove', command.user, command.entry);
    case 'blocked':
      return settings.blocked(ctx, command.user);
    case 'delegate.add':
      return settings.delegate(ctx, 'add', command.user, command.assistant);
    case 'delegate.remove':
      return settings.delegate(ctx, 'remove', command.user, command.assistant);
    case 'copy':
      return settings.copy(ctx, command.from, command.users);
    case 'hours':
      return callHandling.hours(ctx, command.user, command.text);
    case 'forward.add':
      return callHandling.forwardAdd(ctx, command.user, command.number, command.description);
    case 'forward.remove':
      return callHandling.forwardRemove(ctx, command.user, command.number);
    case 'licenses':
      return account.licenses(ctx, command.total);
    case 'sites':
      return account.sites(ctx);
    case 'site.add':
      return account.siteAdd(ctx, command.siteName, command.code, command.first);
    case 'site.edit':
      return account.siteEdit(ctx, command.siteName, command.code, command.first);
    case 'sitecodes':
      return account.siteCodes(ctx, command.enabled);
    case 'numbers':
      return account.numbers(ctx, command.free, command.site);
    case 'numbers.add':
      return account.numbersAdd(ctx, command.from, command.to, command.site);
    case 'numbers.remove':
      return account.numbersRemove(ctx, command.number);
    case 'numbers.main':
      return settings.mainNumber(ctx, command.action, command.number);
    case 'plans':
      return account.plans(ctx);
    case 'plans.set':
      return account.plansSet(ctx, command.plan, command.count);
    case 'reserved':
      return account.reserved(ctx);
    case 'reserved.add':
      return account.reservedAdd(ctx, command.extension);
    case 'reserved.remove':
      return account.reservedRemove(ctx, command.extension);
    case 'admins':
      return account.adminList(ctx);
    case 'admins.add':
      return account.adminAdd(ctx, command.user);
    case 'admins.remove':
      return account.adminRemove(ctx, command.user);
    case 'address':
      return placesAndDevices.userAddress(ctx, command.user, command.address);
    case 'address.site-default':
      return placesAndDevices.userSiteDefaultAddress(ctx, command.user);
    case 'address.allow-self':
      return placesAndDevices.allowSelfAddress(ctx, command.user, command.allowed);
    case 'site.address':
      return placesAndDevices.siteAddress(ctx, command.siteName, command.address);
    case 'phone.add':
      return placesAndDevices.phoneAdd(ctx, command.user, command.mac, command.model);
    case 'phone.remove':
      return placesAndDevices.phoneRemove(ctx, command.user, command.mac);
    case 'queue.add':
      return placesAndDevices.queueAdd(ctx, command.queueName, command.extension, command.site);
    case 'queue.member':
      return placesAndDevices.queueMember(
        ctx,
        command.action,
        command.queueName,
        command.user,
        command.manager,
      );
    case 'queues':
      return placesAndDevices.queues(ctx);
    case 'receptionist.add':
      return placesAndDevices.receptionistAdd(ctx, {
        name: command.receptionistName,
        extension: command.extension,
        site: command.site,
        operator: command.operator,
      });
    case 'receptionist.operator':
      return placesAndDevices.receptionistOperator(ctx, command.receptionistName, command.operator);
    case 'receptionists':
      return placesAndDevices.receptionists(ctx);
    case 'sync':
      return phoneSync.status(ctx);
    case 'drift':
      return phoneSync.drift(ctx);
    case 'adopt':
      return phoneSync.adopt(ctx);
  }
}
