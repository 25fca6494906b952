import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import './menu.css';

export type MenuEntry =
  | { kind: 'link'; label: string; to: string; icon?: ReactNode }
  | { kind: 'action'; label: string; onSelect: () => void; icon?: ReactNode }
  | { kind: 'separator' };

interface MenuProps {
  /** The button's accessible name, e.g. "Settings". */
  label: string;
  /** What the button shows (an icon). */
  trigger: ReactNode;
  triggerClassName?: string;
  entries: MenuEntry[];
  heading?: ReactNode;
}

/**
 * A menu button (WAI-ARIA pattern): Enter, Space or ArrowDown open it on the first item,
 * ArrowUp on the last; arrows move, Home/End jump, Escape closes and gives focus back.
 */
export function Menu({ label, trigger, triggerClassName = 'icon-button', entries, heading }: MenuProps) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const initialFocus = useRef<'first' | 'last'>('first');
  const menuId = useId();

  const items = () => Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
  const focusItem = (index: number) => {
    const list = items();
    if (list.length === 0) return;
    list[(index + list.length) % list.length]?.focus();
  };

  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    focusItem(initialFocus.current === 'first' ? 0 : -1);
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) close(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open, close]);

  const openAt = (where: 'first' | 'last') => {
    initialFocus.current = where;
    setOpen(true);
  };

  const onButtonKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      openAt('first');
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      openAt('last');
    }
  };

  const onMenuKeyDown = (event: KeyboardEvent) => {
    const list = items();
    const current = list.indexOf(document.activeElement as HTMLElement);
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        focusItem(current + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        focusItem(current - 1);
        break;
      case 'Home':
        event.preventDefault();
        focusItem(0);
        break;
      case 'End':
        event.preventDefault();
        focusItem(-1);
        break;
      case 'Escape':
        event.preventDefault();
        close(true);
        break;
      case 'Tab':
        close(false);
        break;
      default:
        if (event.key.length === 1 && /\S/.test(event.key)) {
          const start = current + 1;
          const key = event.key.toLowerCase();
          const match = [...list.slice(start), ...list.slice(0, start)].find((item) => item.textContent?.trim().toLowerCase().startsWith(key));
          match?.focus();
        }
    }
  };

  return (
    <div className="menu-root">
      <button
        ref={buttonRef}
        type="button"
        className={triggerClassName}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : openAt('first'))}
        onKeyDown={onButtonKeyDown}
      >
        {trigger}
      </button>
      {open && (
        <div ref={menuRef} id={menuId} role="menu" aria-label={label} className="menu" onKeyDown={onMenuKeyDown}>
          {heading && <div className="menu-heading">{heading}</div>}
          {entries.map((entry, index) => {
            switch (entry.kind) {
              case 'separator':
                return <div key={`separator-${index}`} role="separator" className="menu-separator" />;
              case 'link':
                return (
                  <Link key={entry.label} role="menuitem" tabIndex={-1} className="menu-item" to={entry.to} onClick={() => close(false)}>
                    {entry.icon}
                    {entry.label}
                  </Link>
                );
              case 'action':
                return (
                  <button
                    key={entry.label}
                    type="button"
                    role="menuitem"
                    tabIndex={-1}
                    className="menu-item"
                    onClick={() => {
                      close(true);
                      entry.onSelect();
                    }}
                  >
                    {entry.icon}
                    {entry.label}
                  </button>
                );
            }
          })}
        </div>
      )}
    </div>
  );
}
