import { type KeyboardEvent, type ReactNode, type RefObject, useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Props of `ModalDialog`: its accessible name (direct or by id), content and how it closes. */
export interface ModalDialogProps {
  /** Accessible name given directly. */
  label?: string;
  /** Id of the element that names the dialog (usually its heading). */
  labelledBy?: string;
  /** Called on Escape; the owner decides whether to unmount the dialog. */
  onClose: () => void;
  /** What to focus first; otherwise the first focusable element inside. */
  initialFocus?: RefObject<HTMLElement | null>;
  className?: string;
  children: ReactNode;
}

const focusablesOf = (root: HTMLElement): HTMLElement[] =>
  Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((element) => !element.closest('[inert]'));

/**
 * A modal dialog: rendered over the app, the app behind it made inert, Tab kept inside, Escape
 * closes it, and focus goes back to whatever opened it. A plain `<dialog open>` with our own
 * focus handling rather than `showModal()`, so it behaves the same in every browser and in jsdom.
 */
export const ModalDialog = ({ label, labelledBy, onClose, initialFocus, className, children }: ModalDialogProps) => {
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const appRoot = document.getElementById('root');
    appRoot?.setAttribute('inert', '');
    const dialog = dialogRef.current;
    const first = initialFocus?.current ?? (dialog ? focusablesOf(dialog)[0] : undefined) ?? dialog;
    first?.focus();
    return () => {
      appRoot?.removeAttribute('inert');
      // The opener may be gone (a deleted row): the screen heading is the next best place.
      if (opener?.isConnected) opener.focus();
      else document.querySelector<HTMLElement>('h1')?.focus();
    };
  }, [initialFocus]);

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !dialogRef.current) return;
    const focusables = focusablesOf(dialogRef.current);
    const first = focusables[0];
    const last = focusables[focusables.length - 1];
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    if (event.shiftKey && (document.activeElement === first || document.activeElement === dialogRef.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div className="backdrop">
      <dialog
        ref={dialogRef}
        open
        aria-modal="true"
        aria-label={label}
        aria-labelledby={labelledBy}
        className={className ? `dialog ${className}` : 'dialog'}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        {children}
      </dialog>
    </div>,
    document.body,
  );
};
