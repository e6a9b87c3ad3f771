import type { types } from '@slack/bolt';
import type { Dashboard, HomeContent } from '../../services/dashboard.ts';
import { escapeText, plural, showText, utcMinute } from '../format.ts';
import { ACTIONS } from '../ids.ts';
import { cardMessage, notPhoneUserMessage } from './card.ts';
import { sentence, slackTime } from './history-sentences.ts';
import { context, header, type KnownBlock, section } from './message.ts';
import { meanwhileText } from './phone-sync.ts';

const HOME_BLOCK_LIMIT = 100;

/** The Home tab: a dashboard for admins, the person's own card (or how to get one) for everyone else. */
export function homeView(content: HomeContent): types.HomeView {
  const blocks =
    content.kind === 'dashboard'
      ? dashboardBlocks(content.dashboard)
      : content.card.kind === 'phone_user'
        ? [
            header('Your phone line'),
            ...cardMessage(content.card.card, content.card.details, content.card.sync).blocks.slice(1),
          ]
        : [header('Your phone line'), ...notPhoneUserMessage(content.card.person, true).blocks];
  return { type: 'home', blocks: blocks.slice(0, HOME_BLOCK_LIMIT) };
}

function dashboardBlocks(d: Dashboard): KnownBlock[] {
  const l = d.licenses;
  const sites =
    d.sites.length > 0
      ? d.sites
          .map(
            (s) =>
              `• ${escapeText(s.site)}: ${s.active} active${s.inactive > 0 ? `, ${s.inactive} inactive` : ''}`,
          )
          .join('\n')
      : 'No phone users yet: give people licenses with `/phone assign`.';
  const plans =
    d.plans.length > 0
      ? d.plans.map((p) => `• ${escapeText(p.shortName)}: ${p.used} of ${p.inventory} in use`).join('\n')
      : 'No calling plans owned: set counts with `/phone plans set`.';
  const recent =
    d.recent.length > 0
      ? d.recent.map((entry) => `• ${slackTime(entry.at)}: ${sentence(entry)}`).join('\n')
      : 'No changes yet.';
  return [
    header('Phone system'),
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Licenses*\n${l.used} of ${l.total} in use (${l.total - l.used} free)` },
        { type: 'mrkdwn', text: `*Phone users*\n${l.active} active, ${l.inactive} inactive` },
        { type: 'mrkdwn', text: `*Numbers*\n${d.numbers.free} free of ${plural(d.numbers.total, 'number')}` },
      ],
    },
    section(`*By site*\n${sites}`),
    section(`*Calling plans*\n${plans}`),
    ...(d.phoneSystem ? [section(phoneSystemText(d.phoneSystem)), ...driftButton(d.phoneSystem.drift)] : []),
    section(`*Latest changes*\n${recent}`),
    context('`/phone help` lists every command · `/phone history recent` shows more changes'),
  ];
}

/** Where the phone system stands, in a line or two; `/phone sync` has the detail and the Retry buttons. */
function phoneSystemText(p: NonNullable<Dashboard['phoneSystem']>): string {
  const counts = `${p.inSync} in sync · ${p.pending} being applied`;
  const refused =
    p.failed > 0
      ? `\n:warning: ${plural(p.failed, 'person', 'people')} refused: \`/phone sync\` shows why, with Retry buttons.`
      : ' · none refused';
  const down =
    p.connection.ok === false
      ? `\n:red_circle: *Not connected*: ${showText(p.connection.reason, 300)} ${meanwhileText(p.connection)} \`/phone sync\` checks again.`
      : '';
  return `*Phone system: ${escapeText(p.name)}*${down}\n${counts}${refused}${driftText(p.drift)}`;
}

/** The last check's report, to the admin's DM (a Home tab has nowhere else to answer). */
function driftButton(drift: NonNullable<Dashboard['phoneSystem']>['drift']): KnownBlock[] {
  if (!drift || 'failure' in drift || drift.differences === 0) return [];
  return [
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: ACTIONS.driftShow,
          text: { type: 'plain_text', text: 'See the differences' },
          value: String(drift.checkId),
        },
      ],
    },
  ];
}

/** The last drift check in a line: when, and how many differences, or why it could not read the phone system. */
function driftText(drift: NonNullable<Dashboard['phoneSystem']>['drift']): string {
  if (!drift) return '\nNot yet compared with Switchboard: `/phone drift` compares now.';
  const when = utcMinute(drift.at);
  if ('failure' in drift) {
    return `\n:warning: The last drift check (${when}) could not read it: ${showText(drift.failure, 200)} \`/phone drift\` tries again.`;
  }
  if (drift.differences === 0) return `\nLast drift check ${when}: no differences.`;
  return `\n:mag: Last drift check ${when}: ${plural(drift.differences, 'difference')}. \`/phone drift\` lists them, with buttons to settle each; *See the differences* sends this check's report to your direct messages with the app.`;
}
