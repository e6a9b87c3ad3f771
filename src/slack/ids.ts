/** Every callback_id, action_id and block_id the app uses, in one place. */
export const ACTIONS = {
  removeConfirm: 'remove_confirm',
  removeCancel: 'remove_cancel',
  listNext: 'list_next',
  showPin: 'show_pin',
  settingsEdit: 'settings_edit',
  settingsOpen: 'settings_open',
  settingsListRemove: 'settings_list_remove',
  importAll: 'import_all',
  importValid: 'import_valid',
  importCancel: 'import_cancel',
  importUndo: 'import_undo',
} as const;

export const VIEWS = {
  assign: 'assign_modal',
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
} as const;

export const ASSIGN_BLOCKS = {
  site: 'assign_site',
  users: 'assign_users',
  plan: 'assign_plan',
} as const;

export const ASSIGN_INPUTS = {
  site: 'site',
  users: 'users',
  plan: 'plan',
} as const;
