import { readmeCommandTables } from './help.ts';
import './registry.ts';

export const TABLES_START =
  '<!-- commands: written by `npm run readme:commands` from the command registry -->';
export const TABLES_END = '<!-- end of commands -->';

/** README's text with the command tables between the two markers replaced by the registry's. */
export function readmeWithCommandTables(readme: string): string {
  const start = readme.indexOf(TABLES_START);
  const end = readme.indexOf(TABLES_END);
  if (start < 0 || end < start) throw new Error('README has no command tables markers');
  return `${readme.slice(0, start + TABLES_START.length)}\n\n${readmeCommandTables()}\n\n${readme.slice(end)}`;
}
