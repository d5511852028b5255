/** Handling markings offered in the UI. TLP 2.0 labels first; any other short marking is allowed. */
export const HANDLING_MARKINGS = [
  'TLP:CLEAR',
  'TLP:GREEN',
  'TLP:AMBER',
  'TLP:AMBER+STRICT',
  'TLP:RED',
] as const;
export const DEFAULT_MARKING = 'TLP:AMBER';
export const MAX_MARKING_LENGTH = 64;
