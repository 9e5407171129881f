/** Simulates dropping folders from the file manager onto the window. */
import { basename } from 'node:path';
import type { Page } from 'playwright';

let dropCount = 0;

/**
 * Drop real folders: each becomes a File whose path the bridge's pathForFile knows.
 * The events go to the element matching `target` (a CSS selector), else to the body.
 */
export async function dropFolders(page: Page, paths: string[], target?: string): Promise<void> {
  const entries = paths.map((path) => ({ name: `${++dropCount}-${basename(path)}`, path }));
  await page.evaluate(
    ({ items, target }) => {
      // Browser globals, typed locally: the node tsconfig has no DOM lib.
      interface Transfer {
        items: { add(file: unknown): unknown };
      }
      const page = globalThis as unknown as {
        __wrangleDropPaths: Record<string, string>;
        DataTransfer: new () => Transfer;
        File: new (parts: unknown[], name: string) => unknown;
        DragEvent: new (type: string, init: object) => unknown;
        document: {
          body: EventTarget;
          querySelector(selector: string): EventTarget | null;
        };
      };
      interface EventTarget {
        dispatchEvent(event: unknown): boolean;
      }
      const element = target === undefined ? page.document.body : page.document.querySelector(target);
      if (!element) throw new Error(`dropFolders: nothing matches ${target}`);
      const data = new page.DataTransfer();
      for (const { name, path } of items) {
        page.__wrangleDropPaths[name] = path;
        data.items.add(new page.File([], name));
      }
      for (const type of ['dragenter', 'dragover', 'drop']) {
        element.dispatchEvent(
          new page.DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }),
        );
      }
    },
    { items: entries, target },
  );
}
