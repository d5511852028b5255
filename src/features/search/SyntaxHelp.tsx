/** The query language at a glance (docs/user-guide.md has the full table). */
const ROWS: readonly (readonly [string, string])[] = [
  ['kim jong', 'all the words (typos forgiven in longer words)'],
  ['"kim jong nam"', 'the exact phrase'],
  ['kim*', 'words starting with kim'],
  ['kim OR chol', 'either word'],
  ['-nam', 'without the word'],
  ['(kim OR chol) nam', 'grouping'],
  ['type:person', 'only persons (also source, note, claim…)'],
  ['source:"annual report"', 'in sources with that title'],
  ['entity:kim', 'about or mentioning that entity'],
  ['after:2016 before:2017-03', 'dated in that range'],
];

export function SyntaxHelp() {
  return (
    <details className="cf-search-area__syntax">
      <summary>Search syntax</summary>
      <table>
        <tbody>
          {ROWS.map(([example, meaning]) => (
            <tr key={example}>
              <td>
                <code>{example}</code>
              </td>
              <td>{meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="cf-muted">
        Indicators (IP addresses, hashes, wallets, e-mail addresses) match exactly.
      </p>
    </details>
  );
}
