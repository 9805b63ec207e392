// The About box: name and version as the shell reports them.
import { useEffect, useState } from 'react';
import type { AppInfo } from '../bindings';
import { backend } from '../lib/backend';
import { useUiStore } from '../state/uiStore';

export function AboutDialog() {
  const open = useUiStore((s) => s.aboutOpen);
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    if (open && !info) backend.appInfo().then(setInfo, () => undefined);
  }, [open, info]);
  if (!open) return null;
  const close = () => useUiStore.getState().setAbout(false);
  return (
    <div className="modal-backdrop" onMouseDown={close}>
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-label="About"
        data-testid="about-dialog"
        onMouseDown={(e) => e.stopPropagation()}
      >
        <div className="about__mark">◆</div>
        <h2 className="about__name" data-testid="about-name">
          {info?.name ?? 'Meshwright'}
        </h2>
        <p className="about__version" data-testid="about-version">
          Version {info?.version ?? '…'}
        </p>
        {info && (
          <p className="about__meta">
            Mesh file schema {info.schemaVersion}
            <br />
            <span className="mono">{info.dataDir}</span>
          </p>
        )}
        <p className="about__blurb">Model your data mesh: domains, teams, data products and their dependencies.</p>
        <button type="button" className="button" autoFocus onClick={close} data-testid="about-close">
          Close
        </button>
      </div>
    </div>
  );
}
