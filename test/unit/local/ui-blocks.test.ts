import { describe, expect, it } from 'vitest';
import {
  inputBlocks,
  inputValue,
  isEmptyInput,
  mrkdwnToHtml,
  renderBlocks,
  renderFiles,
  slackDate,
  textToHtml,
} from '../../../src/local/ui/blocks.js';

const users = {
  U0ADA0001: { name: 'ada', realName: 'Ada Lovelace' },
  U0GRACE01: { name: 'grace', realName: 'Grace Hopper' },
  U0BOT0001: { name: 'deploybot', realName: 'Deploy Bot', isBot: true },
  U0GONE001: { name: 'gone', realName: 'Gone Person', deleted: true },
};
const channels = { C0ADMINS1: { name: 'phone-admins' } };

describe("Slack's date tokens", () => {
  it("shows a date token in the reader's own time zone, as Slack's client does, not its fallback", () => {
    const html = mrkdwnToHtml('<!date^1796572800^{date_num} {time}|2026-12-06 16:00 UTC>');
    expect(html).not.toContain('UTC');
    expect(html).toMatch(/^\d{4}-\d\d-\d\d \d{1,2}:\d\d [AP]M$/);
  });

  it('keeps a token it does not know, and gives the fallback for a time it cannot read', () => {
    expect(slackDate('date^1796572800^{weekday_of_doom}', 'x')).toBe('{weekday_of_doom}');
    expect(slackDate('date^soon^{date_num}', 'the fallback')).toBe('the fallback');
  });
});

describe('mrkdwnToHtml', () => {
  it('escapes markup that people and the app write, so nothing becomes HTML', () => {
    const html = mrkdwnToHtml('<script>alert(1)</script> <img src=x onerror=alert(1)> "quoted" & \'single\'');

    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('&quot;quoted&quot; &amp; &#39;single&#39;');
  });

  it('shows the three characters Slack escapes as themselves, escaped once for HTML', () => {
    expect(mrkdwnToHtml('A `&lt;user&gt;` is &lt;b&gt; &amp;amp;')).toBe(
      'A <code>&lt;user&gt;</code> is &lt;b&gt; &amp;amp;',
    );
  });

  it('formats bold, italic, strike, inline code and code blocks', () => {
    expect(mrkdwnToHtml('*bold* _italic_ ~gone~ `code`')).toBe(
      '<strong>bold</strong> <em>italic</em> <del>gone</del> <code>code</code>',
    );
    expect(mrkdwnToHtml('```\nline *one*\n<@U0ADA0001>\n```')).toBe(
      '<pre>line *one*\n&lt;@U0ADA0001&gt;\n</pre>',
    );
  });

  it('leaves markers inside words alone: snake_case, emoji codes and arithmetic stay as written', () => {
    expect(mrkdwnToHtml('snake_case_name 2*3*4 :white_check_mark: done')).toMatch(
      /^snake_case_name 2\*3\*4 <svg [^>]*aria-label="white check mark"[^>]*>.*<\/svg> done$/,
    );
    expect(mrkdwnToHtml(':unknown_code:')).toBe(':unknown_code:');
  });

  it('shows mentions by the member’s name, and channels, broadcasts and links', () => {
    const html = mrkdwnToHtml(
      '*<@U0ADA0001> moved <@U0NOBODY1>* in <#C0ADMINS1> <!here>: <https://example.com/?a=1&amp;b=2|the docs>',
      users,
      channels,
    );

    expect(html).toBe(
      '<strong><span class="mention">@Ada Lovelace</span> moved <span class="mention">@U0NOBODY1</span></strong> in ' +
        '<span class="mention">#phone-admins</span> <span class="mention">@here</span>: ' +
        '<a href="https://example.com/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">the docs</a>',
    );
  });

  it('refuses links that are not web pages or addresses', () => {
    expect(mrkdwnToHtml('<javascript:alert(1)|click me>')).toBe('click me');
    expect(mrkdwnToHtml('<mailto:ada@example.com>')).toContain('href="mailto:ada@example.com"');
  });

  it('keeps bullet lists as lines', () => {
    expect(mrkdwnToHtml('*Sites*\n• Main\n• Annex')).toBe('<strong>Sites</strong><br>• Main<br>• Annex');
  });

  it('cannot be fooled by the placeholder characters it uses internally', () => {
    expect(mrkdwnToHtml('\uE0000\uE001 <@U0ADA0001>', users)).toBe(
      '0 <span class="mention">@Ada Lovelace</span>',
    );
  });
});

describe('renderBlocks', () => {
  it('shows an unknown block or element type instead of dropping it', () => {
    const html = renderBlocks([
      { type: 'rich_text', elements: [] },
      { type: 'actions', elements: [{ type: 'datepicker', action_id: 'when' }] },
      {
        type: 'input',
        block_id: 'email',
        label: { type: 'plain_text', text: 'Email' },
        element: { type: 'email_text_input', action_id: 'value' },
      },
    ]);

    expect(html).toContain('Unsupported block: <code>rich_text</code>');
    expect(html).toContain('Unsupported element: <code>datepicker</code>');
    expect(html).toContain('Unsupported input element: <code>email_text_input</code>');
  });

  it('renders sections with fields and an accessory, named by position when the block has no id', () => {
    const html = renderBlocks(
      [
        { type: 'divider' },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: '*Voicemail PIN*' },
          fields: [{ type: 'mrkdwn', text: '<@U0GRACE01>' }],
          accessory: {
            type: 'button',
            action_id: 'show_pin',
            text: { type: 'plain_text', text: 'Show' },
            value: 'u:1',
          },
        },
      ],
      { users },
    );

    expect(html).toContain('<strong>Voicemail PIN</strong>');
    expect(html).toContain('@Grace Hopper');
    expect(html).toContain('data-block-id="block-1" data-action-id="show_pin" data-value="u:1"');
  });

  it('gives a button its style and its confirm dialog, escaped into an attribute', () => {
    const confirm = {
      title: { type: 'plain_text', text: 'Remove "them"?' },
      text: { type: 'plain_text', text: '<b>2</b> people' },
      confirm: { type: 'plain_text', text: 'Remove' },
      deny: { type: 'plain_text', text: 'Keep' },
    };
    const html = renderBlocks([
      {
        type: 'actions',
        block_id: 'choices',
        elements: [
          {
            type: 'button',
            action_id: 'go',
            style: 'danger',
            text: { type: 'plain_text', text: 'Remove' },
            confirm,
          },
        ],
      },
    ]);

    expect(html).toContain('class="bk-button bk-danger"');
    const attribute = /data-confirm="([^"]*)"/.exec(html)?.[1] ?? '';
    const decoded = attribute.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
    expect(JSON.parse(decoded.replaceAll('&amp;', '&'))).toEqual(confirm);
  });

  it('draws an input with its error, its hint, the optional mark and what the person typed', () => {
    const html = renderBlocks(
      [
        {
          type: 'input',
          block_id: 'extension',
          optional: true,
          label: { type: 'plain_text', text: 'Extension' },
          hint: { type: 'plain_text', text: 'Four digits' },
          element: { type: 'plain_text_input', action_id: 'value', initial_value: '1000' },
        },
      ],
      { errors: { extension: 'Extension 4102 is taken' }, drafts: { extension: '4102"><b>' } },
    );

    expect(html).toContain('(optional)');
    expect(html).toContain('<div class="bk-error" role="alert">Extension 4102 is taken</div>');
    expect(html).toContain('value="4102&quot;&gt;&lt;b&gt;"');
    expect(html).toContain('Four digits');
  });

  it('offers members, not deactivated ones, in user pickers, and keeps the initial choices', () => {
    const html = renderBlocks(
      [
        {
          type: 'input',
          block_id: 'people',
          label: { type: 'plain_text', text: 'People' },
          element: { type: 'multi_users_select', action_id: 'users', initial_users: ['U0GRACE01'] },
        },
      ],
      { users },
    );

    expect(html).toContain('value="U0GRACE01" checked');
    expect(html).toContain('Deploy Bot (bot)');
    expect(html).not.toContain('Gone Person');
  });
});

describe('renderFiles', () => {
  it('links each file to the stand-in for download, with its name escaped', () => {
    const html = renderFiles([
      { id: 'F0L0000001', name: '<b>users</b>.csv', filetype: 'csv', pretty_type: 'CSV', size: 2048 },
    ]);

    expect(html).toContain('href="/ui/api/files/F0L0000001"');
    expect(html).toContain('&lt;b&gt;users&lt;/b&gt;.csv');
    expect(html).toContain('CSV · 2.0 KB');
  });
});

describe('view state from the form', () => {
  const select = {
    type: 'static_select',
    action_id: 'site',
    options: [{ text: { type: 'plain_text' as const, text: 'Main' }, value: '1' }],
  };

  it('builds each input’s value as Slack sends it in view.state', () => {
    expect(inputValue(select, '1')).toEqual({
      type: 'static_select',
      selected_option: { text: { type: 'plain_text', text: 'Main' }, value: '1' },
    });
    expect(inputValue({ type: 'checkboxes', options: select.options }, ['1', 'nope'])).toEqual({
      type: 'checkboxes',
      selected_options: [{ text: { type: 'plain_text', text: 'Main' }, value: '1' }],
    });
    expect(inputValue({ type: 'plain_text_input' }, '')).toEqual({ type: 'plain_text_input', value: null });
    expect(inputValue({ type: 'multi_users_select' }, ['U0ADA0001'])).toEqual({
      type: 'multi_users_select',
      selected_users: ['U0ADA0001'],
    });
    expect(inputValue({ type: 'timepicker' }, '09:30')).toEqual({
      type: 'timepicker',
      selected_time: '09:30',
    });
    expect(inputValue({ type: 'rich_text_input' }, 'x')).toBeUndefined();
  });

  it('tells an empty input from a filled one, for the required check', () => {
    expect(isEmptyInput(inputValue(select, ''))).toBe(true);
    expect(isEmptyInput(inputValue({ type: 'users_select' }, 'U0ADA0001'))).toBe(false);
    expect(isEmptyInput(inputValue({ type: 'file_input' }, []))).toBe(true);
  });

  it('lists the input blocks of a view with whether they are required', () => {
    expect(
      inputBlocks([
        { type: 'section', text: { type: 'mrkdwn', text: 'x' } },
        { type: 'input', block_id: 'site', element: select },
        { type: 'input', block_id: 'plan', optional: true, element: select },
      ]),
    ).toEqual([
      { blockId: 'site', element: select, optional: false },
      { blockId: 'plan', element: select, optional: true },
    ]);
  });

  it('renders a plain_text object escaped, with emoji', () => {
    expect(textToHtml({ type: 'plain_text', text: ':warning: <b>' })).toBe('⚠️ &lt;b&gt;');
  });
});
