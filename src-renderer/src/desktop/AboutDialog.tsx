/** Help > About: the app's name, version, what it does, and where to read more (as plain text). */
import { useEffect, useId, useState } from 'react';
import type { AppInfo } from '../../../src-shared/ipc-channels';
import { errorText, wrangle } from '../api';
import { AppIcon } from '../components/AppIcon';
import { DesktopDialog } from './DesktopDialog';
import { appStore } from '../store/app-store';
import { ABOUT_LINKS, ABOUT_SUMMARY, versionLine } from './desktop-labels';

/** The About panel; Esc or Close dismisses it. */
export function AboutDialog({ onClose }: { onClose(): void }) {
  const id = useId();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    wrangle()
      .getAppInfo()
      .then((answer) => live && setInfo(answer))
      .catch((error: unknown) => live && setProblem(errorText(error)));
    return () => {
      live = false;
    };
  }, []);

  return (
    <DesktopDialog className="about-dialog" titleId={`${id}-title`} onEscape={onClose}>
      <div className="about-head">
        <AppIcon size={56} />
        <div>
          <h2 id={`${id}-title`} className="modal-title">
            About {info?.name ?? 'Wrangle'}
          </h2>
          <p className="about-version" aria-live="polite">
            {problem ? `Version unknown: ${problem}` : info ? versionLine(info.version) : 'Version …'}
          </p>
        </div>
      </div>
      <p className="desktop-detail">{ABOUT_SUMMARY}</p>
      <dl className="about-links">
        {ABOUT_LINKS.map((link) => (
          <div key={link.label} className="about-link">
            <dt>{link.label}</dt>
            <dd>{link.text}</dd>
          </div>
        ))}
      </dl>
      <div className="modal-actions">
        <button
          type="button"
          className="btn"
          aria-keyshortcuts="?"
          onClick={() => {
            onClose();
            appStore.getState().showShortcuts(true);
          }}
        >
          Keyboard shortcuts
        </button>
        <button type="button" className="btn btn-primary" onClick={onClose}>
          Close
        </button>
      </div>
    </DesktopDialog>
  );
}
