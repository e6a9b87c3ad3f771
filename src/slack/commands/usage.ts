import type { PhoneCommand } from './parse-command.ts';

export type CommandName = PhoneCommand['name'];
export type HelpSection =
  | 'Phone users'
  | 'Numbers & plans'
  | 'Account'
  | 'Import & export'
  | 'Addresses, desk phones & queues'
  | 'Settings, blocking & delegation';

export type CommandDoc = {
  readonly name: CommandName;
  /** What follows `/phone`, with `<placeholders>` and `[optional parts]`. Plain text: escape it for mrkdwn. */
  readonly syntax: string;
  readonly description: string;
  /** A complete command to copy; error messages quote it, so it holds no `<`, `>` or `&`. */
  readonly example: string;
  readonly adminOnly: boolean;
  readonly section: HelpSection;
};

/** The `/phone` command reference: the source of the help text and of the usage line in every parse error. */
export const commandReference: readonly CommandDoc[] = [
  {
    name: 'help',
    syntax: 'help',
    description: 'Show this list.',
    example: '/phone help',
    adminOnly: false,
    section: 'Phone users',
  },
  {
    name: 'me',
    syntax: 'me',
    description: 'Show your own phone card.',
    example: '/phone me',
    adminOnly: false,
    section: 'Phone users',
  },
  {
    name: 'settings',
    syntax: 'settings [<user>]',
    description: 'Open the settings of a phone user in a form (your own with no user).',
    example: '/phone settings @ada',
    adminOnly: false,
    section: 'Phone users',
  },
  {
    name: 'assign',
    syntax: 'assign <users> [site:<site>] [plan:<plan>]',
    description: 'Assign phone licenses; with no users, opens a form.',
    example: '/phone assign @ada @grace site:Main plan:"US/CA Unlimited"',
    adminOnly: true,
    section: 'Phone users',
  },
  {
    name: 'remove',
    syntax: 'remove <users>',
    description:
      'Remove phone licenses; you confirm first, told what ends with them (queue memberships, operator roles, delegations).',
    example: '/phone remove @ada @grace',
    adminOnly: true,
    section: 'Phone users',
  },
  {
    name: 'show',
    syntax: 'show <user>',
    description: "Show a person's phone card.",
    example: '/phone show @ada',
    adminOnly: true,
    section: 'Phone users',
  },
  {
    name: 'list',
    syntax: 'list [site:<site>] [status:active|inactive] [plan:<plan>] [<text>]',
    description: 'List phone users, filtered by site, status, plan or text.',
    example: '/phone list site:Main status:active',
    adminOnly: true,
    section: 'Phone users',
  },
  {
    name: 'ext',
    syntax: 'ext <user> <extension>',
    description: "Change a person's extension.",
    example: '/phone ext @ada 4102',
    adminOnly: true,
    section: 'Phone users',
  },
  {
    name: 'move',
    syntax: 'move <user> site:<site>',
    description: 'Move a person to another site.',
    example: '/phone move @ada site:"New York"',
    adminOnly: true,
    section: 'Phone users',
  },
  {
    name: 'deactivate',
    syntax: 'deactivate <user>',
    description: 'Set a phone user to inactive.',
    example: '/phone deactivate @ada',
    adminOnly: true,
    section: 'Phone users',
  },
  {
    name: 'activate',
    syntax: 'activate <user>',
    description: 'Set a phone user back to active.',
    example: '/phone activate @ada',
    adminOnly: true,
    section: 'Phone users',
  },
  {
    name: 'set',
    syntax:
      'set <user> language=<code> area-code=<digits> caller-id=<+E164|hidden> ring-mode=simultaneous|sequential pin=<digits> unanswered=voicemail|disconnect closed=voicemail|message|disconnect|forward',
    description: 'Change one or more settings at once; all or none are applied.',
    example: '/phone set @ada language=en-GB ring-mode=sequential',
    adminOnly: false,
    section: 'Settings, blocking & delegation',
  },
  {
    name: 'block.add',
    syntax: 'block add <user> <+E164|prefix>',
    description: 'Block calls from a number, or from every number starting with a prefix.',
    example: '/phone block add @ada +1900',
    adminOnly: true,
    section: 'Settings, blocking & delegation',
  },
  {
    name: 'block.remove',
    syntax: 'block remove <user> <+E164|prefix>',
    description: 'Unblock a number or prefix.',
    example: '/phone block remove @ada +1900',
    adminOnly: true,
    section: 'Settings, blocking & delegation',
  },
  {
    name: 'blocked',
    syntax: 'blocked <user>',
    description: "Show a person's blocked numbers and prefixes.",
    example: '/phone blocked @ada',
    adminOnly: true,
    section: 'Settings, blocking & delegation',
  },
  {
    name: 'delegate.add',
    syntax: 'delegate add <user> <assistant>',
    description: "Let an assistant answer the person's calls.",
    example: '/phone delegate add @ada @grace',
    adminOnly: false,
    section: 'Settings, blocking & delegation',
  },
  {
    name: 'delegate.remove',
    syntax: 'delegate remove <user> <assistant>',
    description: 'End a delegation; the assistant may end it too.',
    example: '/phone delegate remove @ada @grace',
    adminOnly: false,
    section: 'Settings, blocking & delegation',
  },
  {
    name: 'copy',
    syntax: 'copy <from> <users>',
    description:
      "Copy one person's basic settings (hours, call handling, greeting, hold music, language, area code) to others; never their forward numbers, desk phones, delegations, blocked list or PIN.",
    example: '/phone copy @ada @grace',
    adminOnly: true,
    section: 'Settings, blocking & delegation',
  },
  {
    name: 'hours',
    syntax: 'hours <user> 24/7|<days> <from>-<to>|closed|24h …',
    description: 'Set business hours in their time zone; days not named are closed.',
    example: '/phone hours @ada mon-fri 09:00-17:00 sat 10:00-14:00',
    adminOnly: false,
    section: 'Settings, blocking & delegation',
  },
  {
    name: 'forward.add',
    syntax: 'forward add <user> <+E164> ["<description>"]',
    description: 'Add a number calls may ring (at most 10).',
    example: '/phone forward add @ada +14155550123 "Mobile"',
    adminOnly: false,
    section: 'Settings, blocking & delegation',
  },
  {
    name: 'forward.remove',
    syntax: 'forward remove <user> <+E164>',
    description: 'Remove a forward number and its route.',
    example: '/phone forward remove @ada +14155550123',
    adminOnly: false,
    section: 'Settings, blocking & delegation',
  },
  {
    name: 'audio',
    syntax: 'audio <user>',
    description:
      "List a person's audio files (send WAV or MP3 to the app with `greeting`, `hold music` or `message` to add one).",
    example: '/phone audio @ada',
    adminOnly: false,
    section: 'Phone users',
  },
  {
    name: 'audio.remove',
    syntax: 'audio remove <user> <audio name>',
    description: 'Remove an audio file that no setting plays.',
    example: '/phone audio remove @ada Old welcome',
    adminOnly: false,
    section: 'Phone users',
  },
  {
    name: 'greeting',
    syntax: 'greeting <user> default|<audio name>',
    description: 'Choose the voicemail greeting: the default one or an uploaded file.',
    example: '/phone greeting @ada Welcome',
    adminOnly: false,
    section: 'Phone users',
  },
  {
    name: 'hold-music',
    syntax: 'hold-music <user> default|none|<audio name>',
    description: 'Choose the hold music: the default, none, or an uploaded file.',
    example: '/phone hold-music @ada Jazz loop',
    adminOnly: false,
    section: 'Phone users',
  },
  {
    name: 'user.add',
    syntax: 'user add <email> <first> <last>',
    description: 'Add a person to the directory; quote a name that has spaces.',
    example: '/phone user add ada@example.com Ada Lovelace',
    adminOnly: true,
    section: 'Phone users',
  },
  {
    name: 'history',
    syntax: 'history <user>',
    description: "Show a person's change history.",
    example: '/phone history @ada',
    adminOnly: true,
    section: 'Phone users',
  },
  {
    name: 'history.recent',
    syntax: 'history recent',
    description: 'Show the latest changes across the account.',
    example: '/phone history recent',
    adminOnly: true,
    section: 'Phone users',
  },
  {
    name: 'plan.add',
    syntax: 'plan add <user> <plan>',
    description: 'Give a person a calling plan.',
    example: '/phone plan add @ada US/CA Unlimited',
    adminOnly: true,
    section: 'Numbers & plans',
  },
  {
    name: 'plan.remove',
    syntax: 'plan remove <user> [<plan>]',
    description:
      'Take a calling plan away from a person; when that releases direct numbers, it names them and asks first.',
    example: '/phone plan remove @ada US/CA Unlimited',
    adminOnly: true,
    section: 'Numbers & plans',
  },
  {
    name: 'number.add',
    syntax: 'number add <user> [<+E164>]',
    description: 'Give a person a direct number; leave the number out to get a free one.',
    example: '/phone number add @ada +14155550100',
    adminOnly: true,
    section: 'Numbers & plans',
  },
  {
    name: 'number.remove',
    syntax: 'number remove <user> [<+E164>]',
    description: 'Take a direct number away from a person.',
    example: '/phone number remove @ada +14155550100',
    adminOnly: true,
    section: 'Numbers & plans',
  },
  {
    name: 'numbers',
    syntax: 'numbers [free] [site:<site>]',
    description: "List the account's numbers, or only the free ones.",
    example: '/phone numbers free site:Main',
    adminOnly: true,
    section: 'Numbers & plans',
  },
  {
    name: 'numbers.add',
    syntax: 'numbers add <+E164>[..<+E164>] [site:<site>]',
    description: 'Add a number, or a range of numbers, to the inventory.',
    example: '/phone numbers add +14155550100..+14155550199 site:Main',
    adminOnly: true,
    section: 'Numbers & plans',
  },
  {
    name: 'numbers.remove',
    syntax: 'numbers remove <+E164>',
    description: 'Remove a number from the inventory.',
    example: '/phone numbers remove +14155550100',
    adminOnly: true,
    section: 'Numbers & plans',
  },
  {
    name: 'numbers.main',
    syntax: 'numbers main add|remove <+E164>',
    description:
      "Make a free number one of the company's main numbers (a caller ID for anyone), or an ordinary number again.",
    example: '/phone numbers main add +14155550100',
    adminOnly: true,
    section: 'Numbers & plans',
  },
  {
    name: 'plans',
    syntax: 'plans',
    description: 'Show the calling plans and how many of each the account owns.',
    example: '/phone plans',
    adminOnly: true,
    section: 'Numbers & plans',
  },
  {
    name: 'plans.set',
    syntax: 'plans set <plan> <count>',
    description: 'Set how many of a calling plan the account owns.',
    example: '/phone plans set US/CA Unlimited 25',
    adminOnly: true,
    section: 'Numbers & plans',
  },
  {
    name: 'licenses',
    syntax: 'licenses [<total>]',
    description: 'Show license use, or set how many licenses the account bought.',
    example: '/phone licenses 250',
    adminOnly: true,
    section: 'Account',
  },
  {
    name: 'sites',
    syntax: 'sites',
    description: 'List the sites.',
    example: '/phone sites',
    adminOnly: true,
    section: 'Account',
  },
  {
    name: 'site.add',
    syntax: 'site add <name> [code:<digits>] [first:<extension>]',
    description: 'Add a site, with its site code and first extension if you like.',
    example: '/phone site add "New York" code:12 first:1200',
    adminOnly: true,
    section: 'Account',
  },
  {
    name: 'site.edit',
    syntax: 'site edit <name> [code:<digits>] [first:<extension>]',
    description: "Change a site's code or first extension.",
    example: '/phone site edit Main code:1 first:100',
    adminOnly: true,
    section: 'Account',
  },
  {
    name: 'sitecodes',
    syntax: 'sitecodes on|off',
    description: 'Turn site codes on or off for the account.',
    example: '/phone sitecodes on',
    adminOnly: true,
    section: 'Account',
  },
  {
    name: 'sync',
    syntax: 'sync',
    description:
      'Show whether the phone system holds what Switchboard says: its connection, how many people are in sync, being applied or refused (with why), and Retry buttons.',
    example: '/phone sync',
    adminOnly: true,
    section: 'Account',
  },
  {
    name: 'adopt',
    syntax: 'adopt',
    description:
      "Read the phone system's whole account and preview adopting it into Switchboard: who is created, updated, already equal, in conflict or refused, with buttons to adopt. Nothing is sent to the phone system.",
    example: '/phone adopt',
    adminOnly: true,
    section: 'Account',
  },
  {
    name: 'drift',
    syntax: 'drift',
    description:
      "Compare the phone system's account with Switchboard now: who differs, in which field, each side's value, with buttons to keep Switchboard's values or take the phone system's.",
    example: '/phone drift',
    adminOnly: true,
    section: 'Account',
  },
  {
    name: 'reserved',
    syntax: 'reserved',
    description: 'List the reserved extensions.',
    example: '/phone reserved',
    adminOnly: true,
    section: 'Account',
  },
  {
    name: 'reserved.add',
    syntax: 'reserved add <extension>',
    description: 'Reserve an extension so nobody gets it.',
    example: '/phone reserved add 4000',
    adminOnly: true,
    section: 'Account',
  },
  {
    name: 'reserved.remove',
    syntax: 'reserved remove <extension>',
    description: 'Release a reserved extension.',
    example: '/phone reserved remove 4000',
    adminOnly: true,
    section: 'Account',
  },
  {
    name: 'admins',
    syntax: 'admins',
    description: 'List the phone admins.',
    example: '/phone admins',
    adminOnly: true,
    section: 'Account',
  },
  {
    name: 'admins.add',
    syntax: 'admins add <user>',
    description: 'Make a person a phone admin.',
    example: '/phone admins add @ada',
    adminOnly: true,
    section: 'Account',
  },
  {
    name: 'admins.remove',
    syntax: 'admins remove <user>',
    description: 'Stop a person being a phone admin.',
    example: '/phone admins remove @ada',
    adminOnly: true,
    section: 'Account',
  },
  {
    name: 'address',
    syntax: 'address <user> "<line 1>" "<city>" "<state>" "<postal code>" <country> [line2:"<line 2>"]',
    description: 'Give a person their own emergency address (yours, if your admin allows it).',
    example: '/phone address @ada "1 Main St" "San Francisco" CA 94105 US',
    adminOnly: false,
    section: 'Addresses, desk phones & queues',
  },
  {
    name: 'address.site-default',
    syntax: 'address <user> site-default',
    description: "Put a person back on their site's default emergency address.",
    example: '/phone address @ada site-default',
    adminOnly: false,
    section: 'Addresses, desk phones & queues',
  },
  {
    name: 'address.allow-self',
    syntax: 'address <user> allow-self on|off',
    description: 'Let a person manage their own emergency address, or stop them.',
    example: '/phone address @ada allow-self on',
    adminOnly: true,
    section: 'Addresses, desk phones & queues',
  },
  {
    name: 'phone.add',
    syntax: 'phone add <user> <MAC> <model>',
    description: 'Give a person a desk phone (at most 3); it rings with their other phones.',
    example: '/phone phone add @ada 00:1A:2B:3C:4D:5E Model A20',
    adminOnly: true,
    section: 'Addresses, desk phones & queues',
  },
  {
    name: 'phone.remove',
    syntax: 'phone remove <user> <MAC>',
    description: 'Take a desk phone away from a person.',
    example: '/phone phone remove @ada 00:1A:2B:3C:4D:5E',
    adminOnly: true,
    section: 'Addresses, desk phones & queues',
  },
  {
    name: 'site.address',
    syntax: 'site address <site> "<line 1>" "<city>" "<state>" "<postal code>" <country> [line2:"<line 2>"]',
    description: "Set a site's default emergency address.",
    example: '/phone site address Main "1 Main St" "San Francisco" CA 94105 US',
    adminOnly: true,
    section: 'Addresses, desk phones & queues',
  },
  {
    name: 'queues',
    syntax: 'queues',
    description: 'List the call queues with their members.',
    example: '/phone queues',
    adminOnly: true,
    section: 'Addresses, desk phones & queues',
  },
  {
    name: 'queue.add',
    syntax: 'queue add <name> <extension> [site:<site>]',
    description: 'Add a call queue.',
    example: '/phone queue add Sales 2000 site:Main',
    adminOnly: true,
    section: 'Addresses, desk phones & queues',
  },
  {
    name: 'queue.member',
    syntax: 'queue member add|remove <queue> <user> [manager]',
    description: 'Add or remove a queue member; with `manager`, mark or unmark a manager.',
    example: '/phone queue member add Sales @ada manager',
    adminOnly: true,
    section: 'Addresses, desk phones & queues',
  },
  {
    name: 'receptionists',
    syntax: 'receptionists',
    description: 'List the auto receptionists with their operators.',
    example: '/phone receptionists',
    adminOnly: true,
    section: 'Addresses, desk phones & queues',
  },
  {
    name: 'receptionist.add',
    syntax: 'receptionist add <name> <extension> [site:<site>] [operator:<user>]',
    description: 'Add an auto receptionist.',
    example: '/phone receptionist add "Main line" 2100 operator:@ada',
    adminOnly: true,
    section: 'Addresses, desk phones & queues',
  },
  {
    name: 'receptionist.operator',
    syntax: 'receptionist operator <name> <user>|none',
    description: "Change an auto receptionist's operator.",
    example: '/phone receptionist operator "Main line" @grace',
    adminOnly: true,
    section: 'Addresses, desk phones & queues',
  },
  {
    name: 'import.sample',
    syntax: 'import [update]',
    description:
      'Explain the CSV format and post a sample file: add (new phone users) or update (the export format). To import, send the CSV file to the app’s DM, or upload it to a channel with the app in it with a message that mentions the app or starts with import or update (update for an update file); other files in a channel are left alone.',
    example: '/phone import update',
    adminOnly: true,
    section: 'Import & export',
  },
  {
    name: 'imports',
    syntax: 'imports',
    description:
      'List recent imports: who, when, file, mode, counts and status, with *Undo* beside those that can still be undone.',
    example: '/phone imports',
    adminOnly: true,
    section: 'Import & export',
  },
  {
    name: 'export',
    syntax: 'export [site:<site>] [status:active|inactive] [plan:<plan>]',
    description:
      'Send the phone users as a CSV file, in the update format, to your DM with the app: edit it and upload it back.',
    example: '/phone export site:Main',
    adminOnly: true,
    section: 'Import & export',
  },
];

const docsByName = new Map(commandReference.map((doc) => [doc.name, doc]));

export function commandDoc(name: CommandName): CommandDoc {
  const doc = docsByName.get(name);
  // Unreachable while the reference covers every command (a unit test checks it): a bug, so it throws.
  if (!doc) throw new Error(`The command reference has no entry for ${name}`);
  return doc;
}

/** The plain-text usage line of one command, e.g. `/phone ext <user> <extension>`. */
export function usageLine(name: CommandName): string {
  return `/phone ${commandDoc(name).syntax}`;
}

/** The usage lines of every command that starts with `word` (`plan` gives both plan lines), else a pointer to help. */
export function usageFor(word: string): string {
  const lines = commandReference
    .filter((doc) => doc.syntax.split(' ')[0] === word)
    .map((doc) => `/phone ${doc.syntax}`);
  return lines.length > 0 ? lines.join('\n') : '/phone help';
}

const sectionOrder: readonly HelpSection[] = [
  'Phone users',
  'Numbers & plans',
  'Account',
  'Import & export',
  'Addresses, desk phones & queues',
  'Settings, blocking & delegation',
];

const intro = [
  '*Switchboard: manage phone users with `/phone`*',
  'A `<user>` is an @mention, an email or an extension; `<users>` is one or more, separated by spaces or commas.',
  'Quote a name that has spaces (`site:"New York"`), or leave it unquoted: it runs up to the next option, mention, email or all-digit word.',
  'Phone admins can use everything. Anyone can use `help` and `me`, and a phone user can change their own hours, call handling, greetings, hold music, language, PIN and delegation (the commands marked _(self)_).',
].join('\n');

/** The help text as Slack section texts (mrkdwn), one per group; each stays under Slack's 3,000-character limit. */
export function helpSections(): string[] {
  return sectionOrder.map((section, index) => {
    const lines = commandReference
      .filter((doc) => doc.section === section)
      .map((doc) => {
        const self = !doc.adminOnly && doc.name !== 'help' && doc.name !== 'me' ? ' _(self)_' : '';
        return `\`/phone ${escapeMrkdwn(doc.syntax)}\` – ${escapeMrkdwn(doc.description)}${self}`;
      });
    const group = [`*${escapeMrkdwn(section)}*`, ...lines].join('\n');
    return index === 0 ? `${escapeMrkdwn(intro)}\n\n${group}` : group;
  });
}

export function helpText(): string {
  return helpSections().join('\n\n');
}

/** Slack's mrkdwn reserves these three characters; everything else is shown as written. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
