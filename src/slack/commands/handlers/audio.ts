import type { UserRef } from '../../../domain/user-ref.ts';
import {
  audioLibrary,
  chooseGreeting,
  chooseHoldMusic,
  type GreetingChoice,
  type HoldMusicChoice,
  removeAudio,
} from '../../../services/audio.ts';
import {
  audioRemovedMessage,
  greetingOutcomeMessage,
  holdMusicOutcomeMessage,
  libraryMessage,
} from '../../blocks/audio.ts';
import { ephemeral, type Outcome } from '../../outcome.ts';
import { type HandlerContext, settle } from './context.ts';

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
