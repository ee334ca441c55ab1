import { Fragment } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { KEY_HELP } from '@/lib/keys';

export interface KeyHelpProps {
  open: boolean;
  onClose: () => void;
}

/**
 * The list of keys (`?`), as a modal dialog: focus moves into it and stays there, Escape or
 * "Close" closes it, and the focus goes back where it was.
 */
export function KeyHelp({ open, onClose }: KeyHelpProps) {
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const before = document.activeElement;
    dialog.current?.focus();
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, [open]);

  if (!open) return null;
  return (
    <div class="key-help-backdrop" onClick={onClose}>
      <div
        ref={dialog}
        class="key-help"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            onClose();
          } else if (event.key === 'Tab') {
            // The close button is the only control: Tab keeps the focus inside the dialog.
            event.preventDefault();
            closeButton.current?.focus();
          }
        }}
      >
        <h2 id={titleId} class="key-help-title">
          Keyboard shortcuts
        </h2>
        <dl class="key-help-list">
          {KEY_HELP.map((entry) => (
            <div key={entry.description} class="key-help-row">
              <dt>
                {entry.keys.map((key, index) => (
                  <Fragment key={key}>
                    {index > 0 && ' or '}
                    <kbd>{key}</kbd>
                  </Fragment>
                ))}
              </dt>
              <dd>{entry.description}</dd>
            </div>
          ))}
        </dl>
        <button ref={closeButton} type="button" class="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
