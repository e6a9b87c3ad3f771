import type { Clock } from '../clock.ts';
import { MAIN_SITE_NAME, MAX_NUMBERS_PER_USER, PLAN_NAMES, RESERVED_EXTENSIONS } from './catalog.ts';
import { type ZoomError, zoomErrors } from './errors.ts';
import type { ZoomIds } from './ids.ts';
import type {
  AddressFields,
  AutoReceptionist,
  CallQueue,
  Device,
  EmergencyAddress,
  PhoneNumber,
  PhoneUser,
  Plan,
  Site,
  ZoomUser,
} from './model.ts';
import type { SeedSite } from './types.ts';

const EXTENSION_DIGITS = /^[0-9]{2,6}$/;

/** The whole Zoom account in memory: people, phone users, sites, numbers and plan inventory. */
export class ZoomAccount {
  readonly users = new Map<string, ZoomUser>();
  readonly phoneUsers = new Map<string, PhoneUser>();
  readonly sites = new Map<string, Site>();
  readonly numbers = new Map<string, PhoneNumber>();
  readonly plans = new Map<number, Plan>();
  readonly addresses = new Map<string, EmergencyAddress>();
  readonly devices = new Map<string, Device>();
  readonly callQueues = new Map<string, CallQueue>();
  /** Auto receptionists seeded by a test (a site's main one is not listed). */
  readonly autoReceptionists = new Map<string, AutoReceptionist>();
  creationDelayMs: number;
  readonly mainSiteId: string;

  constructor(
    private readonly ids: ZoomIds,
    private readonly clock: Clock,
    options: { creationDelayMs: number; mainSiteExtensionLength: number },
  ) {
    this.creationDelayMs = options.creationDelayMs;
    this.mainSiteId = this.addSite(
      { name: MAIN_SITE_NAME, shortExtensionLength: options.mainSiteExtensionLength },
      { address_line1: '1 Main Street', city: 'San Jose', country: 'US', state_code: 'CA', zip: '95113' },
      true,
    ).id;
  }

  addSite(site: SeedSite, address: AddressFields, main = false): Site {
    const emergencyAddressId = this.ids.next('ea');
    const siteId = this.ids.next('st');
    this.addAddress({ ...address, id: emergencyAddressId, siteId, userId: null, isDefault: true });
    const created: Site = {
      id: siteId,
      name: site.name,
      siteCode: site.siteCode ?? null,
      shortExtensionLength: site.shortExtensionLength ?? 3,
      main,
      emergencyAddressId,
      autoReceptionistId: this.ids.next('ar'),
    };
    this.sites.set(created.id, created);
    return created;
  }

  /** A call queue on its own extension, ringing the phone users of `memberIds` (user ids). */
  addCallQueue(queue: Omit<CallQueue, 'id' | 'extensionId'>): CallQueue {
    const taken =
      [...this.phoneUsers.values()].some((p) => p.extensionNumber === queue.extensionNumber) ||
      [...this.callQueues.values()].some((q) => q.extensionNumber === queue.extensionNumber);
    if (taken) throw new Error(`zoom stand-in: extension ${queue.extensionNumber} is taken`);
    const created: CallQueue = { ...queue, id: this.ids.next('cq'), extensionId: this.ids.next('ex') };
    this.callQueues.set(created.id, created);
    return created;
  }

  addAutoReceptionist(receptionist: Omit<AutoReceptionist, 'id' | 'extensionId'>): AutoReceptionist {
    const taken =
      [...this.phoneUsers.values()].some((p) => p.extensionNumber === receptionist.extensionNumber) ||
      [...this.callQueues.values()].some((q) => q.extensionNumber === receptionist.extensionNumber) ||
      [...this.autoReceptionists.values()].some((r) => r.extensionNumber === receptionist.extensionNumber);
    if (taken) throw new Error(`zoom stand-in: extension ${receptionist.extensionNumber} is taken`);
    const created: AutoReceptionist = {
      ...receptionist,
      id: this.ids.next('ar'),
      extensionId: this.ids.next('ex'),
    };
    this.autoReceptionists.set(created.id, created);
    return created;
  }

  addAddress(address: EmergencyAddress): EmergencyAddress {
    this.addresses.set(address.id, address);
    return address;
  }

  /** A fresh id of a kind (`ea` address, `dv` device, `br` blocked rule…). */
  newId(prefix: string): string {
    return this.ids.next(prefix);
  }

  checkNewSite(name: string, siteCode: number | undefined, exceptId?: string): ZoomError | undefined {
    for (const site of this.sites.values()) {
      if (site.id === exceptId) continue;
      if (site.name.toLowerCase() === name.toLowerCase()) return zoomErrors.siteNameTaken(name);
      if (siteCode !== undefined && site.siteCode === siteCode) return zoomErrors.siteCodeTaken(siteCode);
    }
    return undefined;
  }

  /** Phone users whose background creation is due appear now; reads call this first, as time passes. */
  settle(): void {
    const now = this.clock.now();
    for (const user of this.users.values()) {
      if (user.phoneDueAt !== null && user.phoneDueAt <= now) {
        user.phoneDueAt = null;
        this.createPhoneUser(user);
      }
    }
  }

  findUser(ref: string): ZoomUser | undefined {
    const byId = this.users.get(ref);
    if (byId) return byId;
    const email = ref.toLowerCase();
    for (const user of this.users.values()) if (user.email.toLowerCase() === email) return user;
    return undefined;
  }

  findPhoneUser(ref: string): PhoneUser | undefined {
    this.settle();
    const user = this.findUser(ref);
    if (user) return this.phoneUsers.get(user.id);
    for (const phoneUser of this.phoneUsers.values()) if (phoneUser.phoneUserId === ref) return phoneUser;
    return undefined;
  }

  addUser(email: string, firstName: string, lastName: string): ZoomUser {
    const user: ZoomUser = {
      id: this.ids.next('zu'),
      email,
      firstName,
      lastName,
      createdAt: this.clock.now(),
      zoomPhone: false,
      phoneDueAt: null,
    };
    this.users.set(user.id, user);
    return user;
  }

  /** Switching the feature on only starts the creation; switching it off frees the user's numbers and plans. */
  setZoomPhone(user: ZoomUser, on: boolean): void {
    if (on === user.zoomPhone) return;
    user.zoomPhone = on;
    if (on) {
      user.phoneDueAt = this.clock.now() + this.creationDelayMs;
      return;
    }
    user.phoneDueAt = null;
    const phoneUser = this.phoneUsers.get(user.id);
    if (!phoneUser) return;
    for (const id of phoneUser.numberIds) {
      const number = this.numbers.get(id);
      if (number) number.assignee = null;
    }
    for (const type of phoneUser.plans) {
      const plan = this.plans.get(type);
      if (plan) plan.assigned -= 1;
    }
    this.phoneUsers.delete(user.id);
    for (const device of this.devices.values())
      device.assignees = device.assignees.filter((id) => id !== user.id);
    for (const other of this.phoneUsers.values()) {
      const { delegation } = other.settings;
      delegation.assistants = delegation.assistants.filter((id) => id !== user.id);
    }
  }

  findByExtensionId(extensionId: string): PhoneUser | undefined {
    this.settle();
    for (const phoneUser of this.phoneUsers.values())
      if (phoneUser.extensionId === extensionId) return phoneUser;
    return undefined;
  }

  createPhoneUser(user: ZoomUser, extensionNumber?: string, siteId?: string): PhoneUser {
    const site = this.sites.get(siteId ?? this.mainSiteId) ?? this.mainSite();
    const phoneUser: PhoneUser = {
      userId: user.id,
      phoneUserId: this.ids.next('pu'),
      extensionId: this.ids.next('ex'),
      extensionNumber: extensionNumber ?? this.nextFreeExtension(site),
      siteId: site.id,
      plans: [],
      numberIds: [],
      status: 'activate',
      emergencyAddressId: null,
      blockedRules: [],
      customizedNumberIds: [],
      callHandling: {
        business_hours: {
          call_distribution_setting: { ring_mode: 'simultaneous', simultaneous_ring_max_wait_time: 30 },
          call_handling_setting: {
            busy_on_another_call_action: 'call_waiting',
            call_not_answer_action: 'forward_to_voicemail',
          },
        },
        closed_hours: {
          call_distribution_setting: { ring_mode: 'simultaneous', simultaneous_ring_max_wait_time: 30 },
          call_handling_setting: {
            busy_on_another_call_action: 'forward_to_voicemail',
            call_not_answer_action: 'forward_to_voicemail',
          },
        },
      },
      settings: {
        areaCode: '',
        audioPromptLanguage: 'en-US',
        musicOnHoldId: '',
        outboundCallerId: '',
        pinCode: '',
        delegation: { privacy: false, privileges: [], locked: false, assistants: [] },
        businessHours: { business_hour_type: 1 },
      },
    };
    this.phoneUsers.set(user.id, phoneUser);
    return phoneUser;
  }

  mainSite(): Site {
    const site = this.sites.get(this.mainSiteId);
    if (!site) throw new Error('zoom stand-in: the main site is gone');
    return site;
  }

  site(id: string): Site | undefined {
    return this.sites.get(id);
  }

  extensionOwner(extension: string): PhoneUser | undefined {
    for (const phoneUser of this.phoneUsers.values())
      if (phoneUser.extensionNumber === extension) return phoneUser;
    return undefined;
  }

  private nextFreeExtension(site: Site): string {
    const prefix = site.siteCode === null ? '' : String(site.siteCode);
    const first = 10 ** (site.shortExtensionLength - 1);
    for (let short = first; short < first * 10; short += 1) {
      const candidate = `${prefix}${short}`;
      if (!RESERVED_EXTENSIONS.has(candidate) && !this.extensionOwner(candidate)) return candidate;
    }
    throw new Error(`zoom stand-in: no free extension left in site ${site.name}`);
  }

  checkExtension(extension: string, site: Site, owner?: PhoneUser): ZoomError | undefined {
    const shape =
      site.siteCode === null
        ? EXTENSION_DIGITS
        : new RegExp(`^${site.siteCode}[0-9]{${site.shortExtensionLength}}$`);
    if (!shape.test(extension) || /^0+$/.test(extension)) return zoomErrors.extensionInvalid(extension);
    if (RESERVED_EXTENSIONS.has(extension)) return zoomErrors.extensionReserved(extension);
    const holder = this.extensionOwner(extension);
    if (holder && holder !== owner) return zoomErrors.extensionTaken(extension);
    return undefined;
  }

  /** A move keeps the short extension; with site codes it takes the new site's code in front. */
  extensionInSite(phoneUser: PhoneUser, site: Site): string {
    const from = this.sites.get(phoneUser.siteId);
    const short =
      from?.siteCode === null || from === undefined
        ? phoneUser.extensionNumber
        : phoneUser.extensionNumber.slice(String(from.siteCode).length);
    return site.siteCode === null ? short : `${site.siteCode}${short}`;
  }

  assignPlans(phoneUser: PhoneUser, types: number[]): ZoomError | undefined {
    for (const [i, type] of types.entries()) {
      const plan = this.plans.get(type);
      if (!plan || plan.subscribed === 0) return zoomErrors.planNotSubscribed(type);
      if (phoneUser.plans.includes(type) || types.indexOf(type) !== i)
        return zoomErrors.planAlreadyAssigned(type);
      if (plan.subscribed - plan.assigned < 1) return zoomErrors.planExhausted(type);
    }
    for (const type of types) {
      const plan = this.plans.get(type);
      if (plan) plan.assigned += 1;
      phoneUser.plans.push(type);
    }
    return undefined;
  }

  unassignPlan(phoneUser: PhoneUser, planType: string): ZoomError | undefined {
    const type = Number(planType);
    if (!phoneUser.plans.includes(type)) return zoomErrors.planNotAssigned(planType);
    phoneUser.plans = phoneUser.plans.filter((t) => t !== type);
    const plan = this.plans.get(type);
    if (plan) plan.assigned -= 1;
    return undefined;
  }

  findNumber(ref: string): PhoneNumber | undefined {
    const byId = this.numbers.get(ref);
    if (byId) return byId;
    for (const number of this.numbers.values()) if (number.number === ref) return number;
    return undefined;
  }

  assignNumbers(phoneUser: PhoneUser, refs: string[]): PhoneNumber[] | ZoomError {
    const picked: PhoneNumber[] = [];
    for (const ref of refs) {
      const number = this.findNumber(ref);
      if (!number) return zoomErrors.numberNotFound(ref);
      const held = number.assignee !== null && number.assignee !== phoneUser.userId;
      if (held || number.autoReceptionistOf !== null) return zoomErrors.numberTaken(number.number);
      if (number.siteId !== phoneUser.siteId) return zoomErrors.numberOtherSite(number.number);
      if (number.assignee === null && !picked.includes(number)) picked.push(number);
    }
    if (phoneUser.numberIds.length + picked.length > MAX_NUMBERS_PER_USER)
      return zoomErrors.tooManyNumbers(MAX_NUMBERS_PER_USER);
    for (const number of picked) {
      number.assignee = phoneUser.userId;
      phoneUser.numberIds.push(number.id);
    }
    return refs.flatMap((ref) => this.findNumber(ref) ?? []);
  }

  unassignNumber(phoneUser: PhoneUser, ref: string): ZoomError | undefined {
    const number = this.findNumber(ref);
    if (!number || number.assignee !== phoneUser.userId) return zoomErrors.numberNotAssigned(ref);
    number.assignee = null;
    phoneUser.numberIds = phoneUser.numberIds.filter((id) => id !== number.id);
    if (phoneUser.settings.outboundCallerId === number.number) phoneUser.settings.outboundCallerId = '';
    return undefined;
  }

  planName(type: number): string {
    return this.plans.get(type)?.name ?? PLAN_NAMES[type] ?? `Calling plan ${type}`;
  }
}
