import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { helpForTopic, helpText } from '../../../src/slack/commands/help.ts';
import { readmeWithCommandTables } from '../../../src/slack/commands/readme.ts';
import { commandReference } from '../../../src/slack/commands/registry.ts';

describe('help for a phone user who is no admin', () => {
  const text = helpText('member');

  it('lists only what they may run, without the admin commands', () => {
    for (const form of commandReference) {
      const line = `\`/phone ${form.syntax.replace(/</g, '&lt;').replace(/>/g, '&gt;')}\``;
      if (form.audience === 'admin') expect(text).not.toContain(line);
      else expect(text).toContain(line);
    }
    expect(text).not.toContain('_(self)_');
    expect(text).toContain('Name yourself as the `&lt;user&gt;`');
  });

  it('leaves out a section with nothing they may run', () => {
    expect(text).not.toContain('*Account*');
    expect(text).not.toContain('*Import &amp; export*');
  });
});

describe('help for one command', () => {
  it('shows every form that starts with the words, with who may run it and an example', () => {
    const text = helpForTopic('plan');
    expect(text).toContain('*`/phone plan add &lt;user&gt; &lt;plan&gt;`*');
    expect(text).toContain('*`/phone plan remove &lt;user&gt; [&lt;plan&gt;]`*');
    expect(text).toContain('Who: admins.');
    expect(text).toContain('Example: `/phone plan add @ada');
    expect(text).not.toContain('/phone plans');
  });

  it('narrows to one form with two words, and names the self-service audience', () => {
    const text = helpForTopic('delegate add');
    expect(text).toContain('`/phone delegate add &lt;user&gt; &lt;assistant&gt;`');
    expect(text).not.toContain('delegate remove');
    expect(text).toContain('Who: admins; a phone user for themselves.');
  });

  it('says when no command starts with the words, and where to look', () => {
    expect(helpForTopic('teleport')).toBe(
      'No command starts with `teleport`. Type `/phone help` to see the commands you may use.',
    );
  });
});

describe("README's command tables", () => {
  it('are the ones the registry writes (run `npm run readme:commands` after changing a command)', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    expect(readmeWithCommandTables(readme)).toBe(readme);
  });
});
