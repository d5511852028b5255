/** Region codes Intl knows that are not countries or territories. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO', 'XA', 'XB']);

let cached: readonly string[] | undefined;

/**
 * Country and territory names in English, from the runtime's own locale data (nothing fetched):
 * offered as suggestions for attributes such as nationality or jurisdiction.
 */
export function countryNames(): readonly string[] {
  if (cached) return cached;
  const names = new Set<string>();
  try {
    const display = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        if (NOT_COUNTRIES.has(code)) continue;
        const name = display.of(code);
        if (name && name !== code) names.add(name);
      }
    }
  } catch {
    // Without locale data the field is still free text.
  }
  cached = [...names].sort((x, y) => x.localeCompare(y, 'en'));
  return cached;
}
