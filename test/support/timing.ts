/**
 * How long the Slack stand-in waits for an acknowledgement in tests. Slack waits 3 s, and the app acknowledges
 * before it does any work; but on a loaded machine any process can stall for seconds, and no test's outcome may
 * depend on that. The tests of the deadline itself use Slack's 3 s.
 */
export const TEST_ACK_DEADLINE_MS = 30_000;
