// Form controls with their label, hint and error tied together for assistive technology (WCAG 1.3.1, 3.3.1,
// 3.3.2): the label names the control, the hint and the error describe it, aria-invalid marks it.
import { forwardRef, type ReactNode } from 'react';

interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  required?: boolean;
}

function describedBy(id: string, hint: ReactNode, error: ReactNode): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function FieldFrame({ id, label, hint, error, required, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="required" aria-hidden="true">
            {' *'}
          </span>
        ) : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {children}
      <p id={`${id}-error`} className="field-error" aria-live="polite">
        {error}
      </p>
    </div>
  );
}

export const TextField = forwardRef<
  HTMLInputElement,
  FieldProps & {
    value: string;
    onChange(value: string): void;
    onBlur?(): void;
    autoComplete?: string;
    spellCheck?: boolean;
    maxLength?: number;
    type?: 'text' | 'date' | 'search';
    inputMode?: 'text' | 'decimal' | 'numeric';
  }
>(function TextField(
  { id, label, hint, error, required, value, onChange, onBlur, autoComplete, spellCheck, maxLength, type, inputMode },
  ref,
) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} required={required}>
      <input
        ref={ref}
        id={id}
        name={id}
        type={type ?? 'text'}
        inputMode={inputMode}
        value={value}
        autoComplete={autoComplete ?? 'off'}
        spellCheck={spellCheck}
        maxLength={maxLength}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
      />
    </FieldFrame>
  );
});

export const SelectField = forwardRef<
  HTMLSelectElement,
  FieldProps & {
    value: string;
    /** `data`: the option is a value from the data (a name), never translated. */
    options: ReadonlyArray<{ value: string; label: string; data?: boolean }>;
    onChange(value: string): void;
  }
>(function SelectField({ id, label, hint, error, required, value, options, onChange }, ref) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} required={required}>
      <select
        ref={ref}
        id={id}
        name={id}
        value={value}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} translate={o.data ? 'no' : undefined}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
});

export function CheckboxGroup<T extends string>({
  id,
  legend,
  hint,
  error,
  options,
  selected,
  onChange,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  options: ReadonlyArray<{ value: T; label: ReactNode; disabled?: boolean }>;
  selected: ReadonlySet<T>;
  onChange(selected: Set<T>): void;
}) {
  return (
    <fieldset
      id={id}
      className={error ? 'checkbox-group field--invalid' : 'checkbox-group'}
      aria-describedby={describedBy(id, hint, error)}
      aria-invalid={error ? true : undefined}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <div className="checkbox-grid">
        {options.map((o) => (
          <label key={o.value} className="checkbox">
            <input
              type="checkbox"
              name={id}
              value={o.value}
              checked={selected.has(o.value)}
              disabled={o.disabled}
              onChange={(e) => {
                const next = new Set(selected);
                if (e.target.checked) next.add(o.value);
                else next.delete(o.value);
                onChange(next);
              }}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <p id={`${id}-error`} className="field-error" aria-live="polite">
        {error}
      </p>
    </fieldset>
  );
}

/** A message about the whole form or page: `alert` interrupts (errors), `status` waits its turn (confirmations). */
export function Notice({ kind, children }: { kind: 'error' | 'success' | 'info'; children: ReactNode }) {
  if (!children) return null;
  return (
    <div className={`notice notice--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
