/**
 * "Search this case" (Mod+Shift+F) focuses the search field on screen: the search area's own
 * field when it is open, else the box in the workspace header. Each mounted field registers
 * itself; the most recent one wins (the area mounts after the header).
 */
const fields: (() => void)[] = [];

export function registerSearchField(focus: () => void): () => void {
  fields.push(focus);
  return () => {
    const at = fields.lastIndexOf(focus);
    if (at !== -1) fields.splice(at, 1);
  };
}

/** Focuses the search field on screen; false when there is none (no case open). */
export function focusCaseSearch(): boolean {
  const focus = fields.at(-1);
  focus?.();
  return focus !== undefined;
}
