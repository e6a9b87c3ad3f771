import {
  audioLibrary,
  chooseGreeting,
  chooseHoldMusic,
  type GreetingChoice,
  type HoldMusicChoice,
  removeAudio,
} from '../../services/audio.ts';
import {
  audioRemovedMessage,
  greetingOutcomeMessage,
  holdMusicOutcomeMessage,
  libraryMessage,
} from '../blocks/audio.ts';
import { ephemeral, type Outcome } from '../outcome.ts';
import { defineCommand } from './command.ts';
import { type HandlerContext, settle } from './context.ts';
import type { Read } from './grammar.ts';
import {
  fail,
  keyword,
  needs,
  ok,
  type Parsed,
  positional,
  readUser,
  textOf,
  unexpected,
} from './grammar.ts';
import type { Token } from './tokenize.ts';
import type { UserRef } from './user-ref.ts';

/** `/phone audio <user>`: the user's audio files, sizes and where each plays. */
export function library(ctx: HandlerContext, user: UserRef): Promise<Outcome> {
  return settle(audioLibrary(ctx.deps, ctx.actor, user), (found) => ephemeral(libraryMessage(found)));
}

/** `/phone audio remove <user> <name>`. */
export function remove(ctx: HandlerContext, user: UserRef, name: string): Promise<Outcome> {
  return settle(removeAudio(ctx.deps, ctx.actor, user, name), (removed) => ({
    channel: audioRemovedMessage(ctx.actor.slackUserId, removed),
  }));
}

/** `/phone greeting <user> default|<name>`: a change goes to the channel, "already so" only to the caller. */
export function greeting(ctx: HandlerContext, user: UserRef, choice: GreetingChoice): Promise<Outcome> {
  return settle(chooseGreeting(ctx.deps, ctx.actor, user, choice), (result) => {
    const { changed, message } = greetingOutcomeMessage(ctx.actor.slackUserId, result);
    return changed ? { channel: message } : ephemeral(message);
  });
}

/** `/phone hold-music <user> default|none|<name>`. */
export function holdMusic(ctx: HandlerContext, user: UserRef, choice: HoldMusicChoice): Promise<Outcome> {
  return settle(chooseHoldMusic(ctx.deps, ctx.actor, user, choice), (result) => {
    const { changed, message } = holdMusicOutcomeMessage(ctx.actor.slackUserId, result);
    return changed ? { channel: message } : ephemeral(message);
  });
}

// The commands
export type AudioCommand = { name: 'audio'; user: UserRef };
export const audioCommand = defineCommand<AudioCommand>({
  name: 'audio',
  lookup: true,
  syntax: 'audio <user>',
  description:
    "List a person's audio files (send WAV or MP3 to the app with `greeting`, `hold music` or `message` to add one).",
  example: '/phone audio @ada',
  audience: 'self',
  section: 'Phone users',
  parse: parseAudio,
  run: (ctx, c) => library(ctx, c.user),
});

export type AudioRemoveCommand = { name: 'audio.remove'; user: UserRef; audioName: string };
export const audioRemoveCommand = defineCommand<AudioRemoveCommand>({
  name: 'audio.remove',
  syntax: 'audio remove <user> <audio name>',
  description: 'Remove an audio file that no setting plays.',
  example: '/phone audio remove @ada Old welcome',
  audience: 'self',
  section: 'Phone users',
  parse: parseAudioRemove,
  run: (ctx, c) => remove(ctx, c.user, c.audioName),
});

export type GreetingCommand = {
  name: 'greeting';
  user: UserRef;
  choice: { kind: 'default' } | { kind: 'audio'; name: string };
};
export const greetingCommand = defineCommand<GreetingCommand>({
  name: 'greeting',
  syntax: 'greeting <user> default|<audio name>',
  description: 'Choose the voicemail greeting: the default one or an uploaded file.',
  example: '/phone greeting @ada Welcome',
  audience: 'self',
  section: 'Phone users',
  parse: parseGreeting,
  run: (ctx, c) => greeting(ctx, c.user, c.choice),
});

export type HoldMusicCommand = {
  name: 'hold-music';
  user: UserRef;
  choice: { kind: 'default' } | { kind: 'none' } | { kind: 'audio'; name: string };
};
export const holdMusicCommand = defineCommand<HoldMusicCommand>({
  name: 'hold-music',
  syntax: 'hold-music <user> default|none|<audio name>',
  description: 'Choose the hold music: the default, none, or an uploaded file.',
  example: '/phone hold-music @ada Jazz loop',
  audience: 'self',
  section: 'Phone users',
  parse: parseHoldMusic,
  run: (ctx, c) => holdMusic(ctx, c.user, c.choice),
});

function parseAudio(args: Token[]): Read<AudioCommand> {
  const rest = positional('audio', args);
  if (!rest.ok) return rest;
  const [userWord, extra] = rest.value;
  if (!userWord) return needs('audio', 'a user');
  const user = readUser('audio', userWord);
  if (!user.ok) return user;
  if (extra) return unexpected('audio', extra);
  return ok({ name: 'audio', user: user.value });
}

function parseAudioRemove(args: Token[]): Read<AudioRemoveCommand> {
  const rest = positional('audio.remove', args);
  if (!rest.ok) return rest;
  const [userWord, ...nameWords] = rest.value;
  if (!userWord || nameWords.length === 0)
    return needs('audio.remove', 'a user and the name of an audio file');
  const user = readUser('audio.remove', userWord);
  if (!user.ok) return user;
  const audioName = textOf('audio.remove', nameWords);
  if (!audioName.ok) return audioName;
  return ok({ name: 'audio.remove', user: user.value, audioName: audioName.value });
}

/**
 * A user, then `default`, `none` (hold music only) or the name of an audio file. A library file that is really
 * called "default" is chosen by quoting it.
 */
function readAudioChoice(
  name: 'greeting' | 'hold-music',
  args: Token[],
): Parsed<{ user: UserRef; word: 'default' | 'none' | undefined; audioName: string }> {
  const rest = positional(name, args);
  if (!rest.ok) return rest;
  const [userWord, ...choiceWords] = rest.value;
  const choices = name === 'greeting' ? '`default`' : '`default`, `none`';
  if (!userWord || choiceWords.length === 0) {
    return needs(name, `a user and then ${choices} or the name of an audio file`);
  }
  const user = readUser(name, userWord);
  if (!user.ok) return user;
  const [only] = choiceWords;
  const word = choiceWords.length === 1 && only ? keyword(only) : undefined;
  if (word === 'default' || word === 'none')
    return { ok: true, value: { user: user.value, word, audioName: '' } };
  const audioName = textOf(name, choiceWords);
  if (!audioName.ok) return audioName;
  return { ok: true, value: { user: user.value, word: undefined, audioName: audioName.value } };
}

function parseGreeting(args: Token[]): Read<GreetingCommand> {
  const read = readAudioChoice('greeting', args);
  if (!read.ok) return read;
  const { user, word, audioName } = read.value;
  if (word === 'none') {
    return fail(
      'Voicemail always plays a greeting: choose `default` or an audio file. To send unanswered calls nowhere, use `/phone set @ada unanswered=disconnect`.',
      'greeting',
    );
  }
  if (word === 'default') return ok({ name: 'greeting', user, choice: { kind: 'default' } });
  return ok({ name: 'greeting', user, choice: { kind: 'audio', name: audioName } });
}

function parseHoldMusic(args: Token[]): Read<HoldMusicCommand> {
  const read = readAudioChoice('hold-music', args);
  if (!read.ok) return read;
  const { user, word, audioName } = read.value;
  if (word) return ok({ name: 'hold-music', user, choice: { kind: word } });
  return ok({ name: 'hold-music', user, choice: { kind: 'audio', name: audioName } });
}

/** The commands of this file, in the order help lists them. */
export const commands = [audioCommand, audioRemoveCommand, greetingCommand, holdMusicCommand] as const;
