/**
 * What each native picker says and may pick, by purpose. Main hands these to Electron's showOpenDialog; the
 * e2e bridge records them, so a test can read the titles the user would see.
 */
import { z } from 'zod';

export const PICKER_PURPOSES = ['scan', 'sources', 'destination'] as const;
export const PickerPurposeSchema = z.enum(PICKER_PURPOSES);
export type PickerPurpose = z.infer<typeof PickerPurposeSchema>;

/** The picker's words and abilities (the fields of Electron's OpenDialogOptions that Wrangle sets). */
export interface PickerOptions {
  title: string;
  buttonLabel: string;
  /**
   * Sources may be files and folders, several at once. Linux and Windows pickers cannot mix files and folders
   * in one dialog: there Electron shows a folder picker.
   */
  properties: ('openDirectory' | 'openFile' | 'multiSelections' | 'createDirectory')[];
}

export function pickerOptions(purpose: PickerPurpose): PickerOptions {
  switch (purpose) {
    case 'scan':
      return { title: 'Choose a folder to scan', buttonLabel: 'Scan', properties: ['openDirectory'] };
    case 'sources':
      return {
        title: 'Choose what to copy or move',
        buttonLabel: 'Choose sources',
        properties: ['openFile', 'openDirectory', 'multiSelections'],
      };
    case 'destination':
      return {
        title: 'Choose the destination folder',
        buttonLabel: 'Choose destination',
        properties: ['openDirectory', 'createDirectory'],
      };
  }
}
