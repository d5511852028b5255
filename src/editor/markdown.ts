import {
  CHECK_LIST,
  TRANSFORMERS,
  type ElementTransformer,
  type Transformer,
} from '@lexical/markdown';
import {
  $createHorizontalRuleNode,
  $isHorizontalRuleNode,
  HorizontalRuleNode,
} from '@lexical/react/LexicalHorizontalRuleNode';

/** `---`, `***` or `___` on a line of its own becomes a horizontal rule. */
export const HORIZONTAL_RULE: ElementTransformer = {
  dependencies: [HorizontalRuleNode],
  export: (node) => ($isHorizontalRuleNode(node) ? '***' : null),
  regExp: /^(---|\*\*\*|___)\s?$/,
  replace: (parentNode, _children, _match, isImport) => {
    const rule = $createHorizontalRuleNode();
    if (isImport || parentNode.getNextSibling() !== null) {
      parentNode.replace(rule);
    } else {
      parentNode.insertBefore(rule);
    }
    rule.selectNext();
  },
  type: 'element',
};

/** Markdown shortcuts of the note editor: check lists before bullets (`- [ ]` is both). */
export const NOTE_MARKDOWN_TRANSFORMERS: Transformer[] = [
  HORIZONTAL_RULE,
  CHECK_LIST,
  ...TRANSFORMERS,
];
