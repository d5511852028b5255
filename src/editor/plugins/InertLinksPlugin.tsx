import { $isLinkNode, LinkNode } from '@lexical/link';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import { useEffect } from 'react';
import { isAllowedLinkUrl, isInternalLink } from '../links';

/**
 * Links never navigate the app's window: a click on an internal link (`#/case/…`) opens that
 * place in the app, any other link stays inert (the app makes no network requests). Links with a
 * refused address (javascript:, data:, … typically from a paste) are unwrapped to their text.
 */
export function InertLinksPlugin() {
  const [editor] = useLexicalComposerContext();

  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const target = event.target;
      if (!(target instanceof Element)) return;
      const anchor = target.closest('a');
      if (!anchor) return;
      event.preventDefault();
      const href = anchor.getAttribute('href') ?? '';
      if (event.type === 'click' && event.button === 0 && isInternalLink(href)) {
        window.location.hash = href;
      }
    };
    return mergeRegister(
      editor.registerRootListener((root, previous) => {
        previous?.removeEventListener('click', onClick);
        previous?.removeEventListener('auxclick', onClick);
        root?.addEventListener('click', onClick);
        root?.addEventListener('auxclick', onClick);
      }),
      editor.registerNodeTransform(LinkNode, (link) => {
        if (!$isLinkNode(link) || isAllowedLinkUrl(link.getURL())) return;
        for (const child of link.getChildren()) link.insertBefore(child);
        link.remove();
      }),
    );
  }, [editor]);

  return null;
}
