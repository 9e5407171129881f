/** The live terminal view of `wrangle watch`: redrawn on each update and every second (for the "ago" times). */
import { countOf, formatBytes } from '../../src-shared/format';
import { coverageLabel } from '../../src-shared/watch-labels';
import { CLI_FOCUS_NAME } from './sequence-focus';
import { sequenceLine } from './watch-lines';
import type { WatchView } from '../../src-shared/watch-view';

const CLEAR_SCREEN = '\x1b[H\x1b[2J';

export class WatchScreen {
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly model: WatchView,
  ) {
    this.timer = setInterval(() => this.draw(), 1_000);
  }

  draw(): void {
    const latest = this.model.latest;
    if (!latest) return;
    const now = Date.now();
    const width = this.stream.columns || 100;
    const room = Math.max(3, (this.stream.rows || 30) - 4);
    const head = [
      `Watching ${latest.root}: ${countOf(latest.file_count, 'file')}, ${formatBytes(latest.total_size)}, ${countOf(this.model.sequenceCount, 'sequence')}`,
      coverageLabel(latest.coverage, CLI_FOCUS_NAME),
      '',
    ];
    const rows = this.model.list();
    const lines = rows.slice(0, room).map((row) => sequenceLine(row, now));
    if (rows.length > room) lines.push(`… and ${rows.length - room} more`);
    const text = [...head, ...lines, 'Ctrl-C stops watching.'].map((line) => line.slice(0, width));
    this.stream.write(CLEAR_SCREEN + text.join('\n') + '\n');
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
