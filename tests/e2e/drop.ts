/** Simulates dropping folders from the file manager onto the window. */
import { basename } from 'node:path';
import type { Page } from 'playwright';

let dropCount = 0;

/** Drop real folders: each becomes a File whose path the bridge's pathForFile knows. */
export async function dropFolders(page: Page, paths: string[]): Promise<void> {
  const entries = paths.map((path) => ({ name: `${++dropCount}-${basename(path)}`, path }));
  await page.evaluate((items) => {
    // Browser globals, typed locally: the node tsconfig has no DOM lib.
    interface Transfer {
      items: { add(file: unknown): unknown };
    }
    const page = globalThis as unknown as {
      __wrangleDropPaths: Record<string, string>;
      DataTransfer: new () => Transfer;
      File: new (parts: unknown[], name: string) => unknown;
      DragEvent: new (type: string, init: object) => unknown;
      document: { body: { dispatchEvent(event: unknown): boolean } };
    };
    const data = new page.DataTransfer();
    for (const { name, path } of items) {
      page.__wrangleDropPaths[name] = path;
      data.items.add(new page.File([], name));
    }
    for (const type of ['dragenter', 'dragover', 'drop']) {
      page.document.body.dispatchEvent(
        new page.DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }),
      );
    }
  }, entries);
}
