/** Every callback_id, action_id and block_id the app uses, in one place. */
export const ACTIONS = {
  removeConfirm: 'remove_confirm',
  removeCancel: 'remove_cancel',
  listNext: 'list_next',
  showPin: 'show_pin',
  settingsEdit: 'settings_edit',
  settingsOpen: 'settings_open',
} as const;

export const VIEWS = {
  assign: 'assign_modal',
  settingsSummary: 'settings_summary',
  settingsHours: 'settings_hours',
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
