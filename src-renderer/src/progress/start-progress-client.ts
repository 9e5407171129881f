/** The app's entry point to the progress client (defined next to the class; re-exported here by name). */
export { startProgressClient } from './progress-client';
