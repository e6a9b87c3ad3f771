import type { Result } from '../../domain/result.ts';
import type { Actor, Deps } from '../../services/context.ts';
import { textMessage } from '../blocks/message.ts';
import { ephemeral, type Outcome } from '../outcome.ts';
import { errorText } from '../replies.ts';

export type HandlerContext = {
  deps: Deps;
  actor: Actor;
  channelId: string;
  /** Shows the caller, and only them, how a long command is getting on before its answer comes. */
  progress?: (text: string) => Promise<void>;
};

/** A refusal becomes an ephemeral reply in the caller's words; a success goes to `render`. */
export async function settle<T>(
  result: Promise<Result<T>>,
  render: (value: T) => Outcome | Promise<Outcome>,
): Promise<Outcome> {
  const settled = await result;
  if (!settled.ok) return ephemeral(textMessage(`:warning: ${errorText(settled.error)}`));
  return render(settled.value);
}
