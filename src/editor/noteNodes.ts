import { CodeHighlightNode, CodeNode } from '@lexical/code';
import { AutoLinkNode, LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { HorizontalRuleNode } from '@lexical/react/LexicalHorizontalRuleNode';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { TableCellNode, TableNode, TableRowNode } from '@lexical/table';
import type { Klass, LexicalNode } from 'lexical';
import { ClaimNode } from './nodes/ClaimNode';
import { EntityMentionNode } from './nodes/EntityMentionNode';
import { EvidenceQuoteNode } from './nodes/EvidenceQuoteNode';

/**
 * Every node a note may hold. Pasted HTML only ever becomes these (Lexical's HTML import creates
 * registered nodes only), and the three evidence-aware nodes have no importDOM at all.
 */
export const NOTE_NODES: readonly Klass<LexicalNode>[] = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  CodeNode,
  CodeHighlightNode,
  LinkNode,
  AutoLinkNode,
  TableNode,
  TableRowNode,
  TableCellNode,
  HorizontalRuleNode,
  EntityMentionNode,
  EvidenceQuoteNode,
  ClaimNode,
];
