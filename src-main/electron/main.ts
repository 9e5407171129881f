/** Placeholder Electron main. */
import { app } from 'electron';
void app.whenReady();
