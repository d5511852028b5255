import type { EditorThemeClasses } from 'lexical';

/** Class names Lexical puts on the note's DOM; styled in editor.css. */
export const NOTE_EDITOR_THEME: EditorThemeClasses = {
  paragraph: 'cf-note-p',
  heading: { h1: 'cf-note-h1', h2: 'cf-note-h2', h3: 'cf-note-h3' },
  quote: 'cf-note-blockquote',
  code: 'cf-note-code',
  link: 'cf-note-link',
  hr: 'cf-note-hr',
  list: {
    ul: 'cf-note-ul',
    ol: 'cf-note-ol',
    listitem: 'cf-note-li',
    listitemChecked: 'cf-note-li--checked',
    listitemUnchecked: 'cf-note-li--unchecked',
    checklist: 'cf-note-checklist',
    nested: { listitem: 'cf-note-li--nested' },
  },
  table: 'cf-note-table',
  tableRow: 'cf-note-tr',
  tableCell: 'cf-note-td',
  tableCellHeader: 'cf-note-th',
  tableSelection: 'cf-note-table--selecting',
  tableCellSelected: 'cf-note-td--selected',
  text: {
    bold: 'cf-note-bold',
    italic: 'cf-note-italic',
    underline: 'cf-note-underline',
    strikethrough: 'cf-note-strike',
    underlineStrikethrough: 'cf-note-underline-strike',
    code: 'cf-note-inline-code',
  },
  entityMention: 'cf-note-mention-host',
  evidenceQuote: 'cf-note-quote-host',
  claimEmbed: 'cf-note-claim-host',
};
