/**
 * Writes README's `/phone` command tables from the command registry: `npm run readme:commands`. A unit test fails
 * while README differs from what this would write.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { readmeWithCommandTables } from '../src/slack/commands/readme.ts';

const path = new URL('../README.md', import.meta.url);
writeFileSync(path, readmeWithCommandTables(readFileSync(path, 'utf8')));
