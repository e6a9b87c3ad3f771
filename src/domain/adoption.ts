/** What an adoption's preview counted, and once applied what it did. */
export type AdoptionCounts = {
  lines: number;
  create: number;
  update: number;
  unchanged: number;
  conflict: number;
  invalid: number;
  sites: number;
  plans: number;
  numbers: number;
  /** Call queues created or given members (absent in adoptions recorded before queues were adopted). */
  queues?: number;
  /** Auto receptionists created or given their operator (absent before they were adopted). */
  receptionists?: number;
  /** People whose settings were taken, and people whose settings stay in the phone system (absent before). */
  settings?: number;
  settingsKept?: number;
};
