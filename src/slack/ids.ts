/** Every callback_id, action_id and block_id the app uses, in one place. */
export const ACTIONS = {
  removeConfirm: 'remove_confirm',
  syncReplyRetry: 'sync_reply_retry',
  syncReplyRevert: 'sync_reply_revert',
  removeCancel: 'remove_cancel',
  planRemoveConfirm: 'plan_remove_confirm',
  planRemoveCancel: 'plan_remove_cancel',
  listNext: 'list_next',
  historyMore: 'history_more',
  numbersMore: 'numbers_more',
  reservedMore: 'reserved_more',
  hoursMode: 'hours_mode_choice',
  hoursDayType: 'hours_day_type',
  showPin: 'show_pin',
  settingsEdit: 'settings_edit',
  settingsOpen: 'settings_open',
  settingsListRemove: 'settings_list_remove',
  importAll: 'import_all',
  importValid: 'import_valid',
  importCancel: 'import_cancel',
  importUndo: 'import_undo',
  importUndoConfirm: 'import_undo_confirm',
  importUndoCancel: 'import_undo_cancel',
  syncRetryOne: 'sync_retry_one',
  syncRetryAll: 'sync_retry_all',
  driftKeep: 'drift_keep',
  driftTake: 'drift_take',
  driftShow: 'drift_show',
  adoptAll: 'adopt_all',
  adoptOthers: 'adopt_others',
  adoptCancel: 'adopt_cancel',
  cardPlanAssign: 'card_plan_assign',
  cardNumberAssign: 'card_number_assign',
} as const;

export const VIEWS = {
  assign: 'assign_modal',
  cardPlan: 'card_plan',
  cardNumber: 'card_number',
  settingsSummary: 'settings_summary',
  settingsHours: 'settings_hours',
  settingsHandling: 'settings_handling',
  settingsVoicemail: 'settings_voicemail',
  settingsCaller: 'settings_caller',
  settingsAddress: 'settings_address',
  settingsForward: 'settings_forward',
  settingsBlocked: 'settings_blocked',
  settingsAssistants: 'settings_assistants',
  settingsPhones: 'settings_phones',
  settingsLine: 'settings_line',
} as const;

export const ASSIGN_BLOCKS = {
  site: 'assign_site',
  users: 'assign_users',
  plan: 'assign_plan',
  noPlans: 'assign_no_plans',
} as const;

export const ASSIGN_INPUTS = {
  site: 'site',
  users: 'users',
  plan: 'plan',
} as const;

/** The small forms the card's buttons open: one list each. */
export const CARD_FORM_BLOCKS = {
  plan: 'card_plan',
  number: 'card_number',
} as const;

export const CARD_FORM_INPUTS = {
  plan: 'plan',
  number: 'number',
} as const;
