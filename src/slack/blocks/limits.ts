/**
 * The Block Kit limits the app's builders keep to, so that Slack never refuses a reply (docs.slack.dev and
 * @slack/types; see slack-platform.md §1.9 and §1.10). Lengths count UTF-16 units, as Slack does.
 */
export const BLOCK_KIT = {
  sectionText: 3000,
  fieldText: 2000,
  contextText: 3000,
  headerText: 150,
  buttonText: 75,
  optionText: 75,
  optionValue: 150,
  confirmText: 300,
  inputLabel: 2000,
  modalTitle: 24,
  messageBlocks: 50,
  viewBlocks: 100,
  /** Undocumented: Slack refuses a message whose blocks hold much more text than this (`msg_blocks_too_long`). */
  messageBlocksText: 12_000,
  /** The notification text; `chat.update` refuses one over 4,000 characters, so it stays well under. */
  fallbackText: 3000,
} as const;
