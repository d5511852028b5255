/** A start tag: name, then attributes (quoted or not, separated by white space or "/"). */
const START_TAG =
  /<[a-zA-Z][^\s/>]*(?:[\s/]+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?)*[\s/]*>/g;
const ATTRIBUTE = /([\s/]+)([^\s"'>/=]+)(\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?/g;

/**
 * Removes event-handler attributes (onerror, onclick, …) from pasted HTML before the browser
 * parses it. Parsing happens in an inert document, so they would never run; but Chromium still
 * reports each one as a Content-Security-Policy violation while parsing, and a paste must not fill
 * the console with errors. Security does not rest on this: Lexical's import creates only
 * registered nodes, which carry no attributes from the pasted HTML.
 */
export function stripEventHandlers(html: string): string {
  if (!/\son|\/on/i.test(html)) return html;
  return html.replace(START_TAG, (tag) =>
    tag.replace(ATTRIBUTE, (attribute, _separator: string, name: string) =>
      /^on/i.test(name) ? '' : attribute,
    ),
  );
}
