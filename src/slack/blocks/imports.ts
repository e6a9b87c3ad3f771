import { csvRecord, echoedCell } from '../../csv/formula.ts';
import {
  ADD_HEADERS,
  type ColumnKey,
  type CsvMode,
  FREE_TEXT_COLUMNS,
  type UnknownHeader,
  UPDATE_HEADERS,
} from '../../csv/headers.ts';
import type { ImportCounts } from '../../domain/imports.ts';
import type { ImportPlan, PlannedRow } from '../../services/imports/plan.ts';
import type {
  ImportApplied,
  ImportSummary,
  Interrupted,
  UndoPreview,
  UndoResult,
} from '../../services/imports/service.ts';
import { UNDO_HOURS } from '../../services/imports/service.ts';
import type { ImportRow } from '../../store/imports.ts';
import {
  clip,
  clipMrkdwn,
  code,
  listing,
  mention,
  plural,
  QUOTED_LENGTH,
  showInput,
  showText,
  someOf,
} from '../format.ts';
import { ACTIONS } from '../ids.ts';
import { errorText } from '../replies.ts';
import { BLOCK_KIT } from './limits.ts';
import { context, type KnownBlock, type Message, plain, section } from './message.ts';
import { inUsePhrase } from './removal.ts';

export const PROBLEMS_SHOWN = 20;

const SAMPLE_ROWS: Record<CsvMode, string[][]> = {
  add: [
    ['ada.lovelace@example.com', 'Ada', 'Lovelace', 'Main', '', 'US/CA Unlimited', '', 'hidden'],
    ['grace.hopper@example.com', 'Grace', 'Hopper', 'Main', '', '', '', ''],
  ],
  update: [
    ['ada.lovelace@example.com', '', '', '', '', '', '', '', 'active', '', 'en-GB'],
    ['grace.hopper@example.com', '', 'Hopper-Murray', '', '', '', '', '', 'inactive'],
  ],
};

/** The sample file: the header row of the mode and two example rows. */
export function sampleCsv(mode: CsvMode): string {
  const headers = Object.values(mode === 'add' ? ADD_HEADERS : UPDATE_HEADERS);
  const rows = SAMPLE_ROWS[mode].map((row) => [...row, ...Array(headers.length - row.length).fill('')]);
  return [headers, ...rows].map(csvRecord).join('');
}

export function sampleExplanation(mode: CsvMode): Message {
  const lines =
    mode === 'add'
      ? [
          '*Add phone users from a CSV file.* One row per person; only `Email` is required.',
          '• A person not yet in the directory needs `First Name` and `Last Name`.',
          '• A blank `Extension` gets the lowest free one of the site; a blank `Site` means the upload’s `site:` or Main.',
          '• Several `Calling Plans` or `Phone Numbers` go in one cell separated by `;`. Numbers need a plan.',
          '• `Desk Phone MAC` and `Desk Phone Model` go together; `Copy Settings From` takes an email or extension.',
          'Send the file to the app’s DM, or upload it to this channel with a message that starts with `import` or mentions the app (a file with any other message is left alone). Add `site:<site>` or `copy:<user>` to the message to apply them to every row. You get a preview to confirm before anything changes.',
        ]
      : [
          '*Update phone users from a CSV file* (the format `/phone export` writes). `Email` finds the user.',
          '• A blank cell leaves the value as it is; a cell holding only `-` clears it.',
          '• `Status` is active or inactive; several `Calling Plans` or `Phone Numbers` are separated by `;`.',
          'Export (the file comes to your DM with the app), edit, then send it back with a message that starts with `update`. You get a preview of the changes to confirm first.',
        ];
  return { text: plain(lines[0] ?? ''), blocks: [section(lines.join('\n'))] };
}

const modeName = (mode: CsvMode) => (mode === 'add' ? 'add' : 'update');

function countsLine(counts: ImportCounts, mode: CsvMode): string {
  const parts = [
    plural(counts.rows, 'row'),
    mode === 'add' ? `${counts.create} to add` : `${counts.update} to update`,
    ...(counts.unchanged > 0 ? [`${counts.unchanged} unchanged`] : []),
    `${counts.invalid} invalid`,
  ];
  return parts.join(' · ');
}

/** A row problem in plain words, for the errors file and the preview. */
export function problemText(problem: { column: string; error: Parameters<typeof errorText>[0] }): string {
  return errorText(problem.error);
}

const plainCell = (text: string) =>
  text.replaceAll('`', '').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

/** The Error column holds every problem of a row; past this many characters it is cut like any other cell. */
const MAX_ERROR_CELL = 2000;

/** Rows of the errors file in one chunk. */
const ERRORS_FILE_BATCH = 1000;

/**
 * The failing rows as a CSV to fix and upload again: the original cells, in the mode's columns, plus an `Error`
 * column with every problem of the row. Cells are written so that a spreadsheet runs none of them as a formula
 * and an upload of the file reads the same values (see `echoedCell`). It comes in chunks of rows, to be written
 * out as they come: the file of a large import is larger than the import itself.
 */
export function* errorsCsv(
  mode: CsvMode,
  plan: ImportPlan,
  cellsOf: (line: number) => string[] | undefined,
): Generator<string> {
  const headings = mode === 'add' ? ADD_HEADERS : UPDATE_HEADERS;
  const keys = Object.keys(headings) as ColumnKey[];
  let text = csvRecord([...Object.values(headings), 'Error']);
  let batched = 0;
  for (const row of plan.rows) {
    if (row.kind !== 'invalid') continue;
    const message = row.problems
      .map((p) => `Line ${row.line}, ${p.column}: ${plainCell(problemText(p))}`)
      .join(' | ');
    const cells = (cellsOf(row.line) ?? [row.email]).map((cell, index) =>
      echoedCell(cell, FREE_TEXT_COLUMNS.has(keys[index] as ColumnKey)),
    );
    text += csvRecord([...cells, echoedCell(message, true, MAX_ERROR_CELL)]);
    if (++batched === ERRORS_FILE_BATCH) {
      yield text;
      text = '';
      batched = 0;
    }
  }
  if (text !== '') yield text;
}

export const errorsFileName = (fileName: string) => `${fileName.replace(/\.csv$/i, '')}-errors.csv`;

/** A person as a preview or summary names them: their name, with the email that identifies the row. */
const personName = (name: string, email: string) =>
  name ? `${showText(name)} (${showText(email)})` : showText(email);

/** Each changed field of the first updated people, with its value before and after. */
function changeLines(plan: ImportPlan): string[] {
  const lines = plan.sample.updates.map(
    (row) =>
      `• Line ${row.line} ${personName(row.name, row.email)}: ${row.changes
        .map(
          (c) =>
            `${fieldName(c.field)} ${showInput(c.before, VALUE_SHOWN)} → ${showInput(c.after, VALUE_SHOWN)}`,
        )
        .join('; ')}`,
  );
  return fitted(lines, plan.counts.update);
}

/**
 * The lines of a sample within one section: the people that fit, then how many more, so that the count is never
 * what Slack's limit cuts off.
 */
function fitted(lines: string[], total: number): string[] {
  const room = BLOCK_KIT.sectionText - 100;
  const shown: string[] = [];
  let used = 0;
  for (const whole of lines) {
    const line = clipMrkdwn(whole, room / 2);
    if (used + line.length + 1 > room) break;
    shown.push(line);
    used += line.length + 1;
  }
  const more = total - shown.length;
  return more > 0 ? [...shown, `…and ${plural(more, 'more person', 'more people')}.`] : shown;
}

/** How much of a value a change line quotes: an address whole, a long list of numbers cut. */
const VALUE_SHOWN = 120;

/** The first people an add file creates, with what each of them gets. */
function sampleLines(plan: ImportPlan): string[] {
  const lines = plan.sample.creates.map((row) => {
    const extension = row.extension
      ? `extension ${code(row.extension)}${row.auto ? ' (next free)' : ''}`
      : 'no free extension';
    const plans =
      row.plans.length > 0
        ? `${row.plans.length === 1 ? 'plan' : 'plans'} ${row.plans.map((plan) => showText(plan)).join(', ')}`
        : 'no calling plan';
    const numbers = row.numbers.length > 0 ? `, ${listing(row.numbers.map((number) => code(number)))}` : '';
    return `• Line ${row.line} ${personName(row.name, row.email)}: ${extension}, site ${showText(row.site)}, ${plans}${numbers}`;
  });
  return fitted(lines, plan.counts.create);
}

const FIELD_NAMES = {
  name: 'name',
  site: 'site',
  extension: 'extension',
  plans: 'calling plans',
  numbers: 'phone numbers',
  callerId: 'caller ID',
  status: 'status',
  areaCode: 'area code',
  language: 'language',
  address: 'emergency address',
  deskPhones: 'desk phones',
} as const;
const fieldName = (field: keyof typeof FIELD_NAMES) => FIELD_NAMES[field];

/** The preview in the file's thread: counts, problems, repairs, changes, and the choices. */
export function previewMessage(row: ImportRow, plan: ImportPlan, unknownHeaders: UnknownHeader[]): Message {
  const { counts } = plan;
  const valid = counts.create + counts.update;
  const title = `*${showText(row.fileName)}*: ${modeName(row.mode)} file · ${countsLine(counts, row.mode)}`;
  const blocks: KnownBlock[] = [section(title)];
  const problems = plan.rows.flatMap((r) =>
    r.kind === 'invalid'
      ? r.problems.map((p) => `• Line ${r.line}, ${showText(p.column)}: ${problemText(p)}`)
      : [],
  );
  if (problems.length > 0) {
    const shown = problems.slice(0, PROBLEMS_SHOWN);
    const more = problems.length - shown.length;
    const rest = more > 0 ? `\n…and ${more} more in the errors file.` : '';
    blocks.push(
      section(`${clipMrkdwn(`*Problems*\n${shown.join('\n')}`, BLOCK_KIT.sectionText - rest.length)}${rest}`),
    );
  }
  if (plan.repairs.length > 0) {
    const repairs = plan.repairs
      .slice(0, 10)
      .map((r) => `• Line ${r.line}, ${showText(r.column)}: ${showInput(r.from)} read as ${code(r.to)}`);
    blocks.push(section(`*Numbers a spreadsheet changed, restored (check them)*\n${repairs.join('\n')}`));
  }
  const changes = changeLines(plan);
  if (changes.length > 0) blocks.push(section(`*Changes*\n${changes.join('\n')}`));
  const sample = sampleLines(plan);
  if (sample.length > 0) {
    blocks.push(section(`*Who gets what*\n${sample.join('\n')}`));
    if (plan.sample.creates.some((row) => row.auto)) {
      blocks.push(
        context(
          'A *next free* extension is the one the import would give now; it is handed out when you import.',
        ),
      );
    }
  }
  if (unknownHeaders.length > 0) {
    const names = unknownHeaders.map((h) =>
      h.usedIn ? `${showInput(h.header)} (belongs to ${h.usedIn} files)` : showInput(h.header),
    );
    const more = names.length > 20 ? ` and ${names.length - 20} more` : '';
    const ignored = `:information_source: Ignored columns: ${names.slice(0, 20).join(', ')}${more}.`;
    // Short, so that with the three sections above the message stays within the text Slack allows.
    blocks.push(context(clipMrkdwn(ignored, 1500)));
  }
  const buttons: KnownBlock = {
    type: 'actions',
    block_id: 'import_choices',
    elements: [
      ...(valid > 0 && counts.invalid === 0
        ? [button(`Import ${plural(valid, 'user')}`, ACTIONS.importAll, row.id, 'primary')]
        : []),
      ...(valid > 0 && counts.invalid > 0
        ? [
            button(
              `Ignore issues and import ${plural(valid, 'other')}`,
              ACTIONS.importValid,
              row.id,
              'primary',
            ),
          ]
        : []),
      button('Cancel', ACTIONS.importCancel, row.id),
    ],
  };
  if (valid === 0) {
    blocks.push(
      context(
        counts.invalid > 0
          ? 'Nothing can be imported: fix the rows in the errors file and upload it here again.'
          : 'Nothing to change: every row matches the account already (0 changes).',
      ),
    );
  } else if (counts.invalid > 0) {
    blocks.push(
      context(
        'Fix the rows in the errors file and upload it again to replace this preview, or import the valid rows now.',
      ),
    );
  }
  blocks.push(buttons);
  return { text: plain(title), blocks };
}

function button(
  text: string,
  actionId: string,
  importId: number,
  style?: 'primary' | 'danger',
): {
  type: 'button';
  text: { type: 'plain_text'; text: string };
  action_id: string;
  value: string;
  style?: 'primary' | 'danger';
} {
  return {
    type: 'button',
    text: { type: 'plain_text', text },
    action_id: actionId,
    value: String(importId),
    ...(style ? { style } : {}),
  };
}

/** The preview once decided: its summary without the buttons, and what became of it. */
export function closedPreview(row: ImportRow, outcome: string): Message {
  const title = `*${showText(row.fileName)}*: ${modeName(row.mode)} file · ${countsLine(row.counts, row.mode)}`;
  return { text: plain(`${title} ${outcome}`), blocks: [section(title), context(outcome)] };
}

/**
 * In the file's thread, when Switchboard stopped while it read the file (nothing of it kept: upload it again) or
 * applied it (rolled back: the preview's buttons import it again).
 */
export function interruptedMessage({ while: doing, import: row }: Interrupted): Message {
  const text =
    doing === 'reading'
      ? `:x: Reading *${showText(row.fileName)}* did not finish: Switchboard stopped while checking it, so nothing of it was kept and nothing was changed. Upload the file again.`
      : `:x: Importing *${showText(row.fileName)}* did not finish: Switchboard stopped before the import was saved, so nothing was changed. Use the preview's buttons to import it again.`;
  return { text: plain(text), blocks: [section(text)] };
}

/**
 * In the file's thread, when other files are being read or imported first: one at a time, to bound the memory
 * they take.
 */
export function waitingMessage(fileName: string, ahead: number): Message {
  const text = `:hourglass: ${others(ahead)}; *${showText(fileName)}* ${ahead === 1 ? 'is next' : 'follows them'}. Its preview will follow here.`;
  return { text: plain(text), blocks: [section(text)] };
}

/** In place of an import's progress, while it waits for the files ahead of it. */
export function waitingToImportMessage(fileName: string, ahead: number): Message {
  const text = `:hourglass: ${others(ahead)}; importing *${showText(fileName)}* starts ${ahead === 1 ? 'next' : 'after them'}.`;
  return { text: plain(text), blocks: [section(text)] };
}

const others = (ahead: number) =>
  ahead === 1
    ? 'Another file is being checked or imported'
    : `${ahead} other files are being checked, imported or waiting`;

export function progressMessage(fileName: string, done: number, total: number): Message {
  return {
    text: `Importing ${clip(fileName, QUOTED_LENGTH)}: ${done} of ${total} rows…`,
    blocks: [
      section(
        `:hourglass_flowing_sand: Importing *${showText(fileName)}*: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows…`,
      ),
    ],
  };
}

/** People a summary names, per kind of change; the rest are counted. */
const PEOPLE_NAMED = 10;

const rowName = (row: Extract<PlannedRow, { kind: 'create' | 'update' }>) =>
  `${row.fields.firstName} ${row.fields.lastName}`.trim() || row.email;

/** "Ken Thompson (ext 1200), Barbara Liskov (ext 1201) and 3 more" */
function named(items: string[], total: number): string {
  const more = total - items.length;
  return more > 0 ? `${items.join(', ')} and ${more} more` : listing(items);
}

export function appliedMessage(actorId: string, applied: ImportApplied): Message {
  const { counts } = applied;
  const lines = [
    `:white_check_mark: ${mention(actorId)} imported *${showText(applied.import.fileName)}*: ${counts.create} created, ${counts.update} updated, ${counts.unchanged} unchanged, ${counts.skipped ?? 0} skipped.`,
  ];
  const created = applied.rows.flatMap((row) => (row.kind === 'create' ? [row] : []));
  const updated = applied.rows.flatMap((row) => (row.kind === 'update' ? [row] : []));
  if (created.length > 0) {
    const shown = created
      .slice(0, PEOPLE_NAMED)
      .map((row) => `${showText(rowName(row))} (ext ${code(row.fields.extension)})`);
    lines.push(`Added: ${named(shown, created.length)}.`);
  }
  if (updated.length > 0) {
    const shown = updated
      .slice(0, PEOPLE_NAMED)
      .map((row) => `${showText(rowName(row))} (${row.changed.map(fieldName).join(', ')})`);
    lines.push(`Updated: ${named(shown, updated.length)}.`);
  }
  const text = clipMrkdwn(lines.join('\n'), BLOCK_KIT.sectionText);
  return {
    text: plain(lines[0] ?? ''),
    blocks: [
      section(text),
      {
        type: 'actions',
        block_id: 'import_undo',
        elements: [button('Undo import', ACTIONS.importUndo, applied.import.id, 'danger')],
      },
      context(
        'Undo works for 24 hours and asks first; it leaves alone anyone changed since, and anyone something else now depends on. `/phone imports` lists the imports that can still be undone.',
      ),
    ],
  };
}

export const resultsFileName = (fileName: string) => `${fileName.replace(/\.csv$/i, '')}-results.csv`;

const RESULTS = { create: 'created', update: 'updated', unchanged: 'unchanged', invalid: 'skipped' } as const;

/**
 * Every row of an applied import and what became of it, for a spreadsheet: the line, who, the outcome, the
 * extension and numbers they have now, and why a skipped row was skipped. Cells are written as in the errors
 * file, so a spreadsheet runs none of them as a formula. It comes in chunks, to be written out as they come.
 */
export function* resultsCsv(rows: readonly PlannedRow[]): Generator<string> {
  let text = csvRecord(['Line', 'Email', 'Name', 'Result', 'Extension', 'Phone Numbers', 'Error']);
  let batched = 0;
  for (const row of rows) {
    const fields = row.kind === 'invalid' ? undefined : row.kind === 'unchanged' ? row.current : row.fields;
    const error =
      row.kind === 'invalid'
        ? row.problems.map((p) => `${p.column}: ${plainCell(problemText(p))}`).join(' | ')
        : '';
    text += csvRecord([
      String(row.line),
      echoedCell(row.email, true),
      echoedCell(fields ? `${fields.firstName} ${fields.lastName}`.trim() : '', true),
      RESULTS[row.kind],
      fields?.extension ?? '',
      echoedCell((fields?.numbers ?? []).join('; '), false),
      echoedCell(error, true, MAX_ERROR_CELL),
    ]);
    if (++batched === ERRORS_FILE_BATCH) {
      yield text;
      text = '';
      batched = 0;
    }
  }
  if (text !== '') yield text;
}

/** Users an undo kept because something depends on them: named with what, up to this many. */
const IN_USE_NAMED = 20;

/** "removed 3 phone users and restored 2", or before it happens, "remove 3 phone users and restore 2" */
export function undoCounts(removed: number, restored: number, done = true): string {
  const [remove, restore] = done ? ['removed', 'restored'] : ['remove', 'restore'];
  return `${remove} ${plural(removed, 'phone user')} and ${restore} ${restored}`;
}

export function undoneMessage(actorId: string, undone: UndoResult): Message {
  const lines = [
    `:leftwards_arrow_with_hook: ${mention(actorId)} undid the import of *${showText(undone.import.fileName)}*: ${undoCounts(undone.removed, undone.restored)}.`,
  ];
  if (undone.keptInUse.length > 0) {
    const named = undone.keptInUse
      .slice(0, IN_USE_NAMED)
      .map((u) => `${showText(u.email)} (${inUsePhrase(u.dependents, u.sharedAudio)})`);
    const more = undone.keptInUse.length - named.length;
    lines.push(
      `Left as they are, because something now depends on them: ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}. If they should go, ${code('/phone remove')} them: it names what that ends.`,
    );
  }
  if (undone.keptChanged.length > 0) {
    lines.push(
      `Left as they are, because someone changed them since: ${someOf(undone.keptChanged.map((email) => showText(email)))}.`,
    );
  }
  if (undone.notRestorable.length > 0) {
    lines.push(
      `Could not be restored (their earlier values are taken now): ${someOf(undone.notRestorable.map((r) => showText(r.email)))}.`,
    );
  }
  const text = lines.join('\n');
  return { text: plain(text), blocks: [section(text)] };
}

/** The question an Undo button asks first: what undoing the import would do now, to confirm or cancel. */
export function undoPrompt(preview: UndoPreview, value: string): Message {
  const fileName = showText(preview.import.fileName);
  const lines = [
    `Undo the import of *${fileName}*? This removes ${plural(preview.removed, 'phone user')} it created (their licenses, extensions, plans and numbers go back to the account) and restores ${plural(preview.restored, 'updated phone user')} to their values before the import.`,
  ];
  if (preview.keptInUse.length > 0) {
    lines.push(
      `Left as they are, because something now depends on them: ${someOf(
        preview.keptInUse.map((u) => `${showText(u.email)} (${inUsePhrase(u.dependents, u.sharedAudio)})`),
        IN_USE_NAMED,
      )}.`,
    );
  }
  if (preview.keptChanged.length > 0) {
    lines.push(
      `Left as they are, because someone changed them since: ${someOf(preview.keptChanged.map((email) => showText(email)))}.`,
    );
  }
  if (preview.notRestorable.length > 0) {
    lines.push(
      `Cannot be restored (their earlier values are taken now): ${someOf(preview.notRestorable.map((r) => showText(r.email)))}.`,
    );
  }
  const text = clipMrkdwn(lines.join('\n'), BLOCK_KIT.sectionText);
  return {
    text: plain(lines[0] ?? ''),
    blocks: [
      section(text),
      {
        type: 'actions',
        block_id: 'import_undo_choices',
        elements: [
          {
            ...button('Undo import', ACTIONS.importUndoConfirm, preview.import.id, 'danger'),
            value,
            confirm: {
              title: { type: 'plain_text', text: 'Undo this import?' },
              text: {
                type: 'plain_text',
                text: clip(
                  `Undoing ${preview.import.fileName} will ${undoCounts(preview.removed, preview.restored, false)}. The undo itself cannot be undone.`,
                  BLOCK_KIT.confirmText,
                ),
              },
              confirm: { type: 'plain_text', text: 'Undo import' },
              deny: { type: 'plain_text', text: 'Keep it' },
              style: 'danger',
            },
          },
          button('Cancel', ACTIONS.importUndoCancel, preview.import.id),
        ],
      },
    ],
  };
}

const STATUS_ICONS: Record<ImportRow['status'], string> = {
  reading: ':hourglass:',
  previewed: ':mag:',
  applying: ':hourglass_flowing_sand:',
  applied: ':white_check_mark:',
  cancelled: ':no_entry_sign:',
  undone: ':leftwards_arrow_with_hook:',
  failed: ':x:',
};

/**
 * The latest imports, one section each; an import that can still be undone has its Undo button there, so that
 * undoing does not depend on its summary message still being around.
 */
export function importsList(rows: ImportSummary[]): Message {
  if (rows.length === 0)
    return {
      text: 'No imports yet.',
      blocks: [
        section(
          'No imports yet. Send a CSV file to the app’s DM, or upload it to a channel with `import` as its message, to start one.',
        ),
      ],
    };
  const lines = rows.map((row) => {
    const when = row.createdAt.toISOString().slice(0, 16).replace('T', ' ');
    const c = row.counts;
    const unread = row.status === 'failed' && !row.appliable;
    const counts =
      row.status === 'reading'
        ? 'not counted yet'
        : unread
          ? row.failure === 'interrupted'
            ? 'not read to the end'
            : 'file refused'
          : `${c.rows} rows: ${c.create} add, ${c.update} update, ${c.unchanged} unchanged, ${c.invalid} invalid`;
    const status =
      row.status === 'failed' && row.appliable
        ? '*failed*: stopped before it was saved, nothing changed; its preview can import it again'
        : unread && row.failure === 'interrupted'
          ? '*failed*: Switchboard stopped while reading it; upload it again'
          : row.status === 'applying'
            ? '*being imported*'
            : row.status === 'reading'
              ? '*being read*'
              : row.undoable
                ? '*applied*: can be undone'
                : `*${row.status}*`;
    return `${STATUS_ICONS[row.status]} ${when} UTC · ${mention(row.uploadedBy)} · ${showInput(row.fileName)} · ${row.mode} · ${counts} · ${status}`;
  });
  const blocks: KnownBlock[] = [section('*Recent imports* (newest first)')];
  for (const [index, row] of rows.entries()) {
    const text = clipMrkdwn(lines[index] ?? '', BLOCK_KIT.sectionText);
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text },
      ...(row.undoable
        ? { block_id: `import_${row.id}`, accessory: button('Undo', ACTIONS.importUndo, row.id, 'danger') }
        : {}),
    });
  }
  if (rows.some((row) => row.undoable)) {
    blocks.push(
      context(`An import can be undone for ${UNDO_HOURS} hours; Undo says what it will do and asks first.`),
    );
  }
  return { text: 'Recent imports', blocks };
}
