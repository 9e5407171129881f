/** Text out of the window: onto the clipboard, or into a downloaded file. */
import { errorText } from '../../api';

/** Put `text` on the clipboard; resolves to null, or to why it could not. */
export async function copyToClipboard(text: string): Promise<string | null> {
  try {
    await navigator.clipboard.writeText(text);
    return null;
  } catch (error) {
    return errorText(error);
  }
}

/** Offer `text` as a file named `name` (the browser's download; Electron asks where to save it). */
export function downloadText(name: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has read the URL by the next task; revoking at once can cancel it in some engines.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
