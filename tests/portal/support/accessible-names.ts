// Which controls on a page have no accessible name, as Chromium itself computes names for
// screen readers (the accessibility tree over the DevTools protocol): a button that is only
// an icon, an input without a label, a link around an image.
import type { CDPSession, Page } from 'playwright-core';

const CONTROL_ROLES = new Set([
  'button',
  'link',
  'textbox',
  'searchbox',
  'checkbox',
  'radio',
  'switch',
  'combobox',
  'listbox',
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'tab',
  'slider',
  'spinbutton',
  'dialog',
  'menu',
  'img',
]);

interface AXValue {
  value?: unknown;
}

interface AXNode {
  ignored: boolean;
  role?: AXValue;
  name?: AXValue;
  backendDOMNodeId?: number;
}

const sessions = new WeakMap<Page, CDPSession>();

async function session(page: Page): Promise<CDPSession> {
  const known = sessions.get(page);
  if (known) return known;
  const created = await page.context().newCDPSession(page);
  sessions.set(page, created);
  return created;
}

/** Describes each control without a name by its role and the start of its HTML. */
export async function unnamedControls(page: Page): Promise<string[]> {
  const cdp = await session(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AXNode[] };
  const unnamed = nodes.filter((node) => {
    const role = typeof node.role?.value === 'string' ? node.role.value : '';
    const name = typeof node.name?.value === 'string' ? node.name.value.trim() : '';
    return !node.ignored && CONTROL_ROLES.has(role) && name === '';
  });
  const described: string[] = [];
  for (const node of unnamed) {
    let html = '(no element)';
    if (node.backendDOMNodeId !== undefined) {
      const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: node.backendDOMNodeId })) as { object: { objectId?: string } };
      if (object.objectId) {
        const answer = (await cdp.send('Runtime.callFunctionOn', {
          objectId: object.objectId,
          functionDeclaration: 'function () { return this.outerHTML ? this.outerHTML.slice(0, 160) : String(this.nodeName); }',
          returnByValue: true,
        })) as { result: { value?: unknown } };
        html = String(answer.result.value);
      }
    }
    described.push(`${String(node.role?.value)} ${html}`);
  }
  return described;
}
