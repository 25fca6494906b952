import { useEffect, useId, useRef, type ReactNode } from 'react';
import { X } from 'lucide-react';
import './dialog.css';

interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  size?: 'normal' | 'wide';
  /** Where focus goes on close when what opened the dialog is gone (a selector). */
  fallbackFocus?: string;
}

/** The field a person fills first (a password, a name), rather than the Close button. */
function firstField(dialog: HTMLDialogElement): HTMLElement | null {
  const fields = dialog.querySelectorAll<HTMLElement>('[autofocus], .dialog-body input:not([type=hidden]):not([type=file]):not([disabled]), .dialog-body select:not([disabled]), .dialog-body textarea:not([disabled])');
  return Array.from(fields).find((field) => field.getClientRects().length > 0) ?? null;
}

/**
 * A modal dialog on the native <dialog>: showModal() makes the rest of the page inert (so
 * focus stays inside), focus starts on its first field, Escape closes it, and focus goes
 * back to what opened it.
 */
export function Dialog({ open, onClose, title, description, children, footer, size = 'normal', fallbackFocus }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      firstField(dialog)?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const handleClose = () => {
      const back = opener.current;
      if (back?.isConnected) back.focus();
      else if (fallbackFocus) {
        // What opened it may be replaced by the change the dialog made: look once it has rendered.
        requestAnimationFrame(() => document.querySelector<HTMLElement>(fallbackFocus)?.focus());
      }
      if (open) onClose();
    };
    dialog.addEventListener('close', handleClose);
    return () => dialog.removeEventListener('close', handleClose);
  }, [open, onClose, fallbackFocus]);

  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${size}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClick={(event) => {
        if (event.target === ref.current) ref.current.close();
      }}
    >
      {open && (
        <div className="dialog-frame">
          <header className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="icon-button dialog-close" aria-label="Close" onClick={() => ref.current?.close()}>
              <X size={18} aria-hidden />
            </button>
          </header>
          {description && (
            <div id={descriptionId} className="dialog-description">
              {description}
            </div>
          )}
          {children && <div className="dialog-body">{children}</div>}
          {footer && <footer className="dialog-footer">{footer}</footer>}
        </div>
      )}
    </dialog>
  );
}
